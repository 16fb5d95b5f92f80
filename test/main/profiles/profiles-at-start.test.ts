import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeDesk, type DeskRuntime } from '../../../src/main/compose'
import { createEventBus } from '../../../src/main/event-bus'
import type { DeskEvents } from '../../../src/shared/api'
import { createMemorySecretStore } from '../desk/support/memory-secret-store'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-start-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function compose(
  dataDir: string,
  extra: { profilesFile?: string; notices?: DeskEvents['notice'][] } = {}
): Promise<DeskRuntime> {
  const events = createEventBus()
  if (extra.notices) events.on('notice', (n) => extra.notices!.push(n))
  const runtime = await composeDesk({
    transport: 'web',
    dataDir,
    version: 'test',
    profilesFile: extra.profilesFile,
    secretStore: createMemorySecretStore(),
    events
  })
  cleanups.push(() => runtime.dispose())
  return runtime
}

describe('profiles at start', () => {
  it('imports the --profiles file at start and says so', async () => {
    const dataDir = tempDir()
    const file = join(tempDir(), 'team-clusters.yaml')
    writeFileSync(
      file,
      'profiles:\n  - name: Team A\n    endpoint: { host: a.example.com }\n    accountName: admin\n  - name: Broken\n    endpoint: { host: "no spaces allowed" }\n    accountName: admin\n'
    )
    const notices: DeskEvents['notice'][] = []
    const runtime = await compose(dataDir, { profilesFile: file, notices })
    const listing = await runtime.guarded.api.listProfiles()
    expect(listing.ok).toBe(true)
    if (!listing.ok) return
    expect(listing.data.profiles.map((p) => p.name)).toEqual(['Demo cluster', 'Team A'])
    expect(listing.data.notices).toHaveLength(1)
    // A kind with parameters the window phrases; the rejected entry is an issue naming its place and field.
    const [imported] = listing.data.notices
    expect(imported).toMatchObject({
      kind: 'importedAtStart',
      params: { file, added: 1, updated: 0, rejected: 1 }
    })
    expect(imported?.message).toContain('1 added, 0 updated, 1 rejected')
    expect(imported?.issues?.map((i) => i.problem)).toEqual([
      expect.objectContaining({
        kind: 'profileEntrySkippedAt',
        params: { entry: 2, line: 5 },
        cause: expect.objectContaining({ params: expect.objectContaining({ field: 'endpoint.host' }) })
      })
    ])
    expect(notices).toEqual([{ level: 'warning', error: imported }])

    // The next start with the same file updates instead of duplicating.
    await runtime.dispose()
    const again = await compose(dataDir, { profilesFile: file })
    const second = await again.guarded.api.listProfiles()
    expect(second.ok && second.data.profiles.map((p) => p.name)).toEqual(['Demo cluster', 'Team A'])
    expect(second.ok && second.data.notices[0]?.message).toContain('0 added, 1 updated')
    expect(second.ok && second.data.notices[0]?.params).toMatchObject({ added: 0, updated: 1 })
  })

  it('starts anyway when the --profiles file is missing, with a notice', async () => {
    const runtime = await compose(tempDir(), { profilesFile: join(tempDir(), 'missing.json') })
    const listing = await runtime.guarded.api.listProfiles()
    const [failed] = listing.ok ? listing.data.notices : []
    expect(failed).toMatchObject({ kind: 'importAtStartFailed', details: expect.stringMatching(/ENOENT/) })
    expect(failed?.message).toMatch(/Could not import .*missing\.json/)
    expect(listing.ok && listing.data.profiles.map((p) => p.id)).toEqual(['demo'])
  })

  it('tells the user about a corrupt profiles file through the listing and a notice event', async () => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, 'profiles.json'), 'this is not json')
    const notices: DeskEvents['notice'][] = []
    const runtime = await compose(dataDir, { notices })
    const listing = await runtime.guarded.api.listProfiles()
    const moved = {
      kind: 'profilesMovedAside',
      code: 'PROFILES_CORRUPT',
      cause: expect.objectContaining({
        kind: 'profilesFileCorruptAt',
        details: expect.stringMatching(/not valid JSON/)
      })
    }
    expect(listing.ok && listing.data.notices[0]).toMatchObject(moved)
    expect(notices).toEqual([
      expect.objectContaining({ level: 'warning', error: expect.objectContaining(moved) })
    ])
    expect(readdirSync(dataDir).filter((n) => n.startsWith('profiles.corrupt-'))).toHaveLength(1)
  })

  it('lists only the Demo on first launch and refuses to delete or edit it', async () => {
    const runtime = await compose(tempDir())
    const api = runtime.guarded.api
    const listing = await api.listProfiles()
    expect(listing.ok && listing.data).toMatchObject({
      profiles: [{ id: 'demo', builtIn: 'demo' }],
      notices: []
    })
    const deleted = await api.deleteProfile({ profileId: 'demo' })
    expect(deleted).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Demo cluster is built in/) }
    })
    const edited = await api.saveProfile({
      id: 'demo',
      name: 'Hijacked',
      endpoint: { scheme: 'http', host: 'evil.example.com', port: 80, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: true },
      timeoutMs: 30000
    })
    expect(edited).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const after = await api.listProfiles()
    expect(after.ok && after.data.profiles).toEqual([
      expect.objectContaining({ id: 'demo', name: 'Demo cluster' })
    ])
  })
})
