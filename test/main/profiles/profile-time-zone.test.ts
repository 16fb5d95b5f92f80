// A profile's time-zone setting: validated in main, stored, carried by export and import; old files load without it.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { profileInputSchema, timeZoneSettingSchema } from '../../../src/shared/contract/fields'
import { openProfileStore } from '../../../src/main/profiles/profile-store'
import type { ProfileInput } from '../../../src/shared/profile-types'
import { createMemorySecretStore } from '../desk/support/memory-secret-store'
import { failure, startDesk, unwrap } from '../desk/support/desk-fixture'

const dirs: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-zone-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const input = (timeZone?: string): ProfileInput => ({
  name: 'New York',
  endpoint: { scheme: 'http', host: 'ny.example.com', port: 8080, path: 'zstack' },
  accountName: 'admin',
  tls: { verify: true },
  timeoutMs: 30_000,
  ...(timeZone === undefined ? {} : { timeZone })
})

describe('the time-zone setting', () => {
  it.each(['America/New_York', 'Asia/Shanghai', 'UTC', 'as-written'])('accepts %s', (zone) => {
    expect(timeZoneSettingSchema.safeParse(zone).success).toBe(true)
  })

  it.each(['Mars/Olympus', '', 'node', 'America/New York', '+08:00', 'x'.repeat(65)])(
    'rejects %j',
    (zone) => {
      const parsed = profileInputSchema.safeParse(input(zone))
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.path).toEqual(['timeZone'])
    }
  )

  it('is stored, survives a reopen, and goes out and back in with export and import', async () => {
    const dir = tempDir()
    const store = await openProfileStore({ dataDir: dir })
    const saved = await store.save(input('America/New_York'))
    await store.flush()
    expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8')).profiles[0].timeZone).toBe(
      'America/New_York'
    )
    const reopened = await openProfileStore({ dataDir: dir })
    expect(reopened.get(saved.id)?.timeZone).toBe('America/New_York')

    const exported = reopened.exportFile([saved.id], 'yaml')
    expect(exported.content).toContain('timeZone: America/New_York')
    const other = await openProfileStore({ dataDir: tempDir() })
    expect((await other.importFile(exported.content, exported.fileName)).added).toBe(1)
    expect(other.get(saved.id)?.timeZone).toBe('America/New_York')
  })

  it('loads a file written before the setting existed: the node zone, learnt at sign-in', async () => {
    const dir = tempDir()
    const old = { version: 1, profiles: [{ id: 'old-one', ...input() }] }
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(old))
    const store = await openProfileStore({ dataDir: dir })
    expect(store.listing().notices).toEqual([])
    expect(store.get('old-one')).toMatchObject({ name: 'New York' })
    expect(store.get('old-one')?.timeZone).toBeUndefined()
  })

  it('refuses an unknown zone through the API with a clear error and saves nothing', async () => {
    const dir = tempDir()
    const desk = await startDesk({ dataDir: dir, secretStore: createMemorySecretStore() })
    try {
      const before = unwrap(await desk.api.listProfiles()).profiles.length
      const error = failure(await desk.api.saveProfile(input('Mars/Olympus')))
      expect(error.code).toBe('INVALID_INPUT')
      expect(JSON.stringify(error)).toContain('time zone name')
      expect(unwrap(await desk.api.listProfiles()).profiles).toHaveLength(before)
    } finally {
      await desk.dispose()
    }
  })
})
