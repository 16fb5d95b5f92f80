// The sidebar order and the Demo's visibility: kept in profiles.json, surviving a restart, bad input refused.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDesk, failure, unwrap, type DeskFixture } from '../desk/support/desk-fixture'
import type { ProfileInput } from '../../../src/shared/profile-types'

const dirs: string[] = []
const desks: DeskFixture[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-order-'))
  dirs.push(dir)
  return dir
}
async function open(dataDir: string): Promise<DeskFixture> {
  const desk = await startDesk({ dataDir })
  desks.push(desk)
  return desk
}
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.dispose()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const input = (name: string, folder?: string): ProfileInput => ({
  name,
  endpoint: { scheme: 'https', host: `${name}.example.com`, port: 8443, path: 'zstack' },
  accountName: 'admin',
  ...(folder ? { folder } : {}),
  tls: { verify: true },
  timeoutMs: 30_000
})

const names = async (desk: DeskFixture): Promise<string[]> =>
  unwrap(await desk.api.listProfiles()).profiles.map((p) => p.name)
const fileText = (dir: string): string => readFileSync(join(dir, 'profiles.json'), 'utf8')

describe('sidebar order', () => {
  it('keeps the order the user chose across a restart and after edits; new profiles go last', async () => {
    const dir = tempDir()
    const desk = await open(dir)
    const a = unwrap(await desk.api.saveProfile(input('alpha')))
    const b = unwrap(await desk.api.saveProfile(input('bravo', 'Branches')))
    const c = unwrap(await desk.api.saveProfile(input('charlie')))
    const listing = unwrap(await desk.api.arrangeProfiles({ profileIds: [c.id, 'demo', b.id, a.id] }))
    expect(listing.profiles.map((p) => p.name)).toEqual(['charlie', 'Demo cluster', 'bravo', 'alpha'])
    // Using a cluster no longer moves it.
    unwrap(await desk.api.saveProfile({ ...input('alpha-renamed'), id: a.id }))
    unwrap(await desk.api.saveProfile(input('delta')))
    expect(await names(desk)).toEqual(['charlie', 'Demo cluster', 'bravo', 'alpha-renamed', 'delta'])
    const file = JSON.parse(fileText(dir)) as { profiles: { name: string; order?: number }[]; demo?: unknown }
    expect(file.profiles.map((p) => [p.name, p.order])).toEqual([
      ['alpha-renamed', 3],
      ['bravo', 2],
      ['charlie', 0],
      ['delta', 4]
    ])
    expect(file.demo).toEqual({ order: 1 })
    await desk.dispose()
    desks.pop()

    const again = await open(dir)
    expect(await names(again)).toEqual(['charlie', 'Demo cluster', 'bravo', 'alpha-renamed', 'delta'])
    // The order travels with an export.
    const exported = unwrap(await again.api.exportProfiles({ format: 'json' }))
    expect(exported.content).toMatch(/"order": 0/)
  })

  it('refuses an order that leaves out, adds or repeats a profile, and changes nothing', async () => {
    const dir = tempDir()
    const desk = await open(dir)
    const a = unwrap(await desk.api.saveProfile(input('alpha')))
    const b = unwrap(await desk.api.saveProfile(input('bravo')))
    const before = fileText(dir)
    const events = desk.events.length

    const missing = failure(await desk.api.arrangeProfiles({ profileIds: ['demo', a.id] }))
    expect(missing.code).toBe('INVALID_INPUT')
    expect(missing.message).toContain(b.id)
    expect(missing.message).toMatch(/Nothing was changed/)

    const stranger = failure(await desk.api.arrangeProfiles({ profileIds: ['demo', a.id, b.id, 'nobody'] }))
    expect(stranger.message).toContain('nobody')

    const twice = failure(await desk.api.arrangeProfiles({ profileIds: ['demo', a.id, a.id, b.id] }))
    expect(twice.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(twice.issues)).toMatch(/each profile once/)

    expect(fileText(dir)).toBe(before)
    expect(desk.events.length).toBe(events)
    expect(await names(desk)).toEqual(['Demo cluster', 'alpha', 'bravo'])
  })

  it('reads an older file without order in its file order, and ignores bad Demo settings with a notice', async () => {
    const dir = tempDir()
    const entry = (id: string, name: string): object => ({
      id,
      name,
      endpoint: { host: `${name}.example.com` },
      accountName: 'admin'
    })
    writeFileSync(
      join(dir, 'profiles.json'),
      JSON.stringify({ version: 1, profiles: [entry('p-2', 'zulu'), entry('p-1', 'alpha')] })
    )
    const desk = await open(dir)
    expect(await names(desk)).toEqual(['Demo cluster', 'zulu', 'alpha'])
    await desk.dispose()
    desks.pop()

    writeFileSync(
      join(dir, 'profiles.json'),
      JSON.stringify({ version: 1, demo: { hidden: 'yes' }, profiles: [entry('p-2', 'zulu')] })
    )
    const bad = await open(dir)
    const listing = unwrap(await bad.api.listProfiles())
    expect(listing.demoHidden).toBeUndefined()
    expect(listing.notices).toContainEqual(
      expect.objectContaining({
        kind: 'demoSettingsIgnored',
        params: { file: 'profiles.json' },
        issues: [
          expect.objectContaining({
            path: 'demo.hidden',
            problem: expect.objectContaining({ kind: 'fieldWrongType' })
          })
        ]
      })
    )
    expect(listing.profiles.map((p) => p.name)).toEqual(['Demo cluster', 'zulu'])
  })
})

describe('Demo cluster visibility', () => {
  it('hides the Demo (kept in the file, out of the fleet) and brings it back', async () => {
    const dir = tempDir()
    const desk = await open(dir)
    const shown = unwrap(
      await desk.api.queryFleetVms({ start: 0, limit: 5, sort: { field: 'name', direction: 'asc' } })
    )
    expect(shown.clusters.map((c) => c.profileId)).toContain('demo')

    expect(unwrap(await desk.api.setDemoHidden({ hidden: true })).demoHidden).toBe(true)
    expect(JSON.parse(fileText(dir)).demo).toEqual({ hidden: true })
    const hidden = unwrap(
      await desk.api.queryFleetVms({ start: 0, limit: 5, sort: { field: 'name', direction: 'asc' } })
    )
    expect(hidden.clusters.map((c) => c.profileId)).not.toContain('demo')
    expect(unwrap(await desk.api.getFleetHealth({})).clusters.map((c) => c.profileId)).not.toContain('demo')
    await desk.dispose()
    desks.pop()

    const again = await open(dir)
    expect(unwrap(await again.api.listProfiles()).demoHidden).toBe(true)
    expect(unwrap(await again.api.setDemoHidden({ hidden: false })).demoHidden).toBeUndefined()
    expect(JSON.parse(fileText(dir)).demo).toBeUndefined()
  })
})
