// Issue 17.8: a CA PEM that Node's X.509 parser cannot read is refused on save and test, with the parser's reason.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../../src/shared/api'
import type { ProfileInput } from '../../../src/shared/profile-types'
import { makeTestCerts } from '../zstack/support/tls-certs'
import { failure, removeDir, startDesk, unwrap, type DeskFixture } from './support/desk-fixture'

let f: DeskFixture
beforeAll(async () => {
  f = await startDesk()
})
afterAll(async () => {
  await f.dispose()
  removeDir(f.dataDir)
})

const profilesFile = (): string => {
  const path = join(f.dataDir, 'profiles.json')
  return existsSync(path) ? readFileSync(path, 'utf8') : '(no file)'
}

const profile = (caPem: string): ProfileInput => ({
  name: 'Private CA',
  endpoint: { scheme: 'https', host: '127.0.0.1', port: 9, path: 'zstack' },
  accountName: 'admin',
  tls: { verify: true, caPem },
  timeoutMs: 2000
})

describe('CA certificates are parsed before they are kept (issue 17.8)', () => {
  it('refuses a PEM whose body is not a certificate, naming the field and the parser’s reason', async () => {
    const broken = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZmFrZQ==\n-----END CERTIFICATE-----\n'
    const before = profilesFile()
    for (const call of [
      // Both calls are refused the same way; their answers differ only when they succeed.
      () => f.api.saveProfile(profile(broken)),
      () => f.api.testConnection({ profile: profile(broken) })
    ]) {
      const error = failure((await call()) as Result<unknown>)
      expect(error.code).toBe('INVALID_INPUT')
      // The parser's reason stays verbatim in details; the sentence is a kind the window phrases.
      expect(error).toMatchObject({ kind: 'caPemUnreadable', params: { index: 1, count: 1 } })
      expect(error.message).toMatch(/^The CA certificate is not valid: certificate 1 of 1 cannot be read/)
      expect(error.details).toMatch(/.+/)
      expect(error.issues?.[0]?.path).toBe('tls.caPem')
      expect(error.issues?.[0]?.problem.kind).toBe('caPemUnreadable')
    }
    // A second, good block does not hide a broken one.
    const certs = makeTestCerts()
    const mixed = failure(await f.api.saveProfile(profile(`${certs.selfSigned.cert}${broken}`)))
    certs.dispose()
    expect(mixed.message).toContain('certificate 2 of 2 cannot be read')
    const unclosed = failure(await f.api.saveProfile(profile('-----BEGIN CERTIFICATE-----\nMIIB')))
    expect(unclosed.message).toContain('no complete BEGIN/END CERTIFICATE block')
    expect(unclosed.kind).toBe('caPemNoCertificate')
    expect(profilesFile(), 'nothing was saved').toBe(before)
    expect(unwrap(await f.api.listProfiles()).profiles.map((p) => p.name)).not.toContain('Private CA')
  })

  it('keeps a real CA certificate', async () => {
    const certs = makeTestCerts()
    const saved = unwrap(await f.api.saveProfile(profile(certs.selfSigned.cert)))
    certs.dispose()
    expect(saved.tls.caPem).toBe(certs.selfSigned.cert)
  })
})
