// Issue 8.6: certificates that must be refused are refused by the real client (testConnection and signIn), with
// code TLS and a message naming the problem; the profile's CA bundle or its explicit insecure opt-in lets them in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import type { ConnectionReport, ProfileInput, SessionState } from '../../src/shared/api'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { createMemorySecretStore } from '../main/desk/support/memory-secret-store'
import { makeTestCertificates, type KeyPair, type TestCertificates } from './support/test-certificates'
import { startTlsFront, type TlsFront } from './support/tls-front'

type ServerName = 'caSigned' | 'selfSigned' | 'expired' | 'wrongHost' | 'untrusted'
const SERVERS: ServerName[] = ['caSigned', 'selfSigned', 'expired', 'wrongHost', 'untrusted']

describe('TLS verification (issue 8.6)', () => {
  let sim: RunningSimulator
  let runtime: DeskRuntime
  let certs: TestCertificates
  let dir: string
  const fronts = new Map<ServerName, TlsFront>()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-tls-'))
    certs = makeTestCertificates(dir)
    sim = await startSimulator({ vms: 10, seed: 86 })
    for (const name of SERVERS) fronts.set(name, await startTlsFront(certs[name], sim.url))
    runtime = await composeDesk({
      transport: 'web',
      dataDir: join(dir, 'data'),
      version: 'tls',
      secretStore: createMemorySecretStore()
    })
  })

  afterAll(async () => {
    await runtime?.dispose()
    for (const front of fronts.values()) await front.stop()
    await sim?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  const profileFor = (server: ServerName, tls: ProfileInput['tls']): ProfileInput => ({
    name: `TLS ${server}`,
    endpoint: { scheme: 'https', host: '127.0.0.1', port: fronts.get(server)!.port, path: 'zstack' },
    accountName: 'admin',
    tls,
    timeoutMs: 5000
  })

  const fingerprint = (pair: KeyPair): string => new X509Certificate(pair.cert).fingerprint256

  async function connect(input: ProfileInput): Promise<{
    report: ConnectionReport
    signIn: Awaited<ReturnType<DeskRuntime['guarded']['api']['signIn']>>
  }> {
    const api = runtime.guarded.api
    const tested = await api.testConnection({ profile: input })
    if (!tested.ok) throw new Error(`testConnection itself failed: ${tested.error.message}`)
    const saved = await api.saveProfile(input)
    if (!saved.ok) throw new Error(`saveProfile failed: ${saved.error.message}`)
    const signIn = await api.signIn({
      profileId: saved.data.id,
      accountName: 'admin',
      password: 'password',
      rememberPassword: false
    })
    await api.deleteProfile({ profileId: saved.data.id })
    return { report: tested.data, signIn }
  }

  const UNTRUSTED = /not signed by an authority this computer trusts/
  it.each<[string, ServerName, () => ProfileInput['tls'], RegExp, RegExp]>([
    ['a self-signed certificate', 'selfSigned', () => ({ verify: true }), /SELF_SIGNED/, UNTRUSTED],
    [
      'a certificate from a CA this computer does not know',
      'caSigned',
      () => ({ verify: true }),
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE/,
      UNTRUSTED
    ],
    [
      'an expired certificate (its CA trusted)',
      'expired',
      () => ({ verify: true, caPem: certs.ca.cert }),
      /^CERT_HAS_EXPIRED$/,
      /expired on .*2020/
    ],
    [
      'an expired certificate (CA unknown)',
      'expired',
      () => ({ verify: true }),
      /./,
      /certificate of 127\.0\.0\.1/
    ],
    [
      'a certificate for another host name (its CA trusted)',
      'wrongHost',
      () => ({ verify: true, caPem: certs.ca.cert }),
      /^ERR_TLS_CERT_ALTNAME_INVALID$/,
      /issued for another name.*other\.example/
    ],
    [
      'a certificate for another host name (CA unknown)',
      'wrongHost',
      () => ({ verify: true }),
      /./,
      /certificate of 127\.0\.0\.1/
    ],
    [
      'a certificate from an untrusted CA (another CA trusted)',
      'untrusted',
      () => ({ verify: true, caPem: certs.ca.cert }),
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE/,
      UNTRUSTED
    ]
  ])('refuses %s with code TLS and nothing sent', async (_name, server, tls, reason, message) => {
    const before = sim.stats().requests
    const { report, signIn } = await connect(profileFor(server, tls()))
    expect(report.reachable).toBe(false)
    expect(report.error).toMatchObject({ code: 'TLS' })
    expect(report.error!.tls!.reason).toMatch(reason)
    expect(report.error!.message).toMatch(message)
    // The refused certificate is described so the user can compare it with the server's.
    expect(report.error!.tls!.fingerprint256).toBe(fingerprint(certs[server]))
    expect(signIn).toMatchObject({ ok: false, error: { code: 'TLS' } })
    if (!signIn.ok) expect(signIn.error.message).toMatch(message)
    expect(sim.stats().requests, 'requests that got past the refused handshake').toBe(before)
  })

  it.each<[string, ServerName, () => ProfileInput['tls']]>([
    [
      'the self-signed certificate once it is the profile’s CA bundle',
      'selfSigned',
      () => ({ verify: true, caPem: certs.selfSigned.cert })
    ],
    [
      'the CA-signed certificate once the CA is the profile’s bundle',
      'caSigned',
      () => ({ verify: true, caPem: certs.ca.cert })
    ],
    [
      'a bundle holding an unrelated CA and the right one',
      'caSigned',
      () => ({ verify: true, caPem: certs.rogueCa.cert + certs.ca.cert })
    ]
  ])('accepts %s, verified', async (_name, server, tls) => {
    const { report, signIn } = await connect(profileFor(server, tls()))
    expect(report).toMatchObject({ reachable: true, tls: 'verified' })
    expect(report.version).toBeTruthy()
    expect(signIn).toMatchObject({ ok: true, data: { status: 'signed-in' } })
  })

  it.each<ServerName>(['selfSigned', 'caSigned', 'expired', 'wrongHost', 'untrusted'])(
    'lets %s in only with the explicit insecure opt-in, reported as not verified',
    async (server) => {
      const { report, signIn } = await connect(profileFor(server, { verify: false }))
      expect(report).toMatchObject({ reachable: true, tls: 'not-verified' })
      expect(report.error).toBeUndefined()
      expect(signIn.ok && (signIn.data as SessionState).status).toBe('signed-in')
    }
  )
})
