import { beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../../src/shared/error-kinds'
import { api as realApi } from '@renderer/api'
import { useClustersStore } from '@renderer/stores/clusters'
import type { ClusterProfile } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { DEMO, LAB, PROD, session } from '../vms-support/fixtures'
import { freshPinia } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

function profile(n: number, patch: Partial<ClusterProfile> = {}): ClusterProfile {
  return { ...LAB, id: `p${n}`, name: `Cluster ${n}`, folder: undefined, lastUsedAt: undefined, ...patch }
}

describe('clusters store', () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
    freshPinia()
  })

  it('opens the Demo cluster on first launch, and remembers the choice after that', async () => {
    const clusters = useClustersStore()
    await clusters.load()
    expect(clusters.selectedProfileId).toBe('demo')
    clusters.select('prod')
    freshPinia()
    const again = useClustersStore()
    await again.load()
    expect(again.selectedProfileId).toBe('prod')
    again.select(null)
    freshPinia()
    const third = useClustersStore()
    await third.load()
    // The user chose nothing: a later start does not force the Demo back on them.
    expect(third.selectedProfileId).toBeNull()
  })

  it('groups profiles by folder in the order main lists them, unfoldered first, and searches name, host and folder', async () => {
    api.listProfiles.mockResolvedValueOnce(
      ok({
        profiles: [
          DEMO,
          LAB,
          PROD,
          profile(4, { folder: 'Shanghai', lastUsedAt: '2025-04-01T00:00:00.000Z' }),
          profile(5, { lastUsedAt: '2024-01-01T00:00:00.000Z' })
        ],
        notices: []
      })
    )
    const clusters = useClustersStore()
    await clusters.load()
    // The user's order (main sends it sorted), never recency: using a cluster moves nothing.
    expect(clusters.groups.map((g) => [g.folder, g.profiles.map((p) => p.id)])).toEqual([
      ['', ['demo', 'p5']],
      ['Beijing', ['lab', 'prod']],
      ['Shanghai', ['p4']]
    ])
    expect(clusters.folders).toEqual(['Beijing', 'Shanghai'])
    clusters.search = 'example.com'
    expect(clusters.groups.flatMap((g) => g.profiles.map((p) => p.id))).toEqual(['prod'])
    clusters.search = 'BEIJ'
    expect(clusters.groups.flatMap((g) => g.profiles.map((p) => p.id))).toEqual(['lab', 'prod'])
  })

  it('follows session and profile events pushed by main', async () => {
    const clusters = useClustersStore()
    await clusters.load()
    expect(clusters.statusOf('prod')).toBe('signed-out')
    api.emit('session:changed', session('prod', 'signed-in'))
    expect(clusters.statusOf('prod')).toBe('signed-in')
    api.emit('session:changed', session('prod', 'unreachable'))
    expect(clusters.statusOf('prod')).toBe('unreachable')
    // Notices are kinds with parameters (issue 11.3): the window phrases them.
    const keptAside = appError('batchesMovedAside', { aside: '/data/batches.corrupt.json' })
    const noKeychain = appError('keychainUnavailable', {})
    api.emit('profiles:changed', { profiles: [DEMO, LAB], notices: [keptAside] })
    expect(clusters.profiles.map((p) => p.id)).toEqual(['demo', 'lab'])
    expect(clusters.notices).toEqual([{ level: 'warning', error: keptAside }])
    // Main's notices join them once each, until the user dismisses them.
    api.emit('notice', { level: 'error', error: noKeychain })
    api.emit('notice', { level: 'error', error: noKeychain })
    expect(clusters.notices.map((n) => n.level)).toEqual(['warning', 'error'])
    clusters.dismissNotice(keptAside.message)
    expect(clusters.notices).toEqual([{ level: 'error', error: noKeychain }])
  })

  it('keeps a dismissed notice dismissed when main sends it again, and the keychain one on later runs too', async () => {
    const keychain = appError('keychainUnavailable', {})
    const aside = appError('profilesMovedAside', { file: 'profiles.json', aside: 'profiles.json.bad' })
    const listing = { profiles: [DEMO, LAB], notices: [keychain, aside] }
    let clusters = useClustersStore()
    await clusters.load()
    api.emit('profiles:changed', listing)
    expect(clusters.keychainMissing).toBe(true)
    expect(clusters.notices.map((n) => n.error.message)).toEqual([keychain.message, aside.message])
    clusters.dismissNotice(keychain.message)
    clusters.dismissNotice(aside.message)
    // Every listing repeats main's notices (a profile saved, an import): none comes back.
    api.emit('profiles:changed', listing)
    api.emit('notice', { level: 'warning', error: keychain })
    expect(clusters.notices).toEqual([])
    expect(clusters.keychainMissing).toBe(true)

    // The next run (a new store, the same window storage): the keychain banner stays away, the others show again.
    freshPinia()
    clusters = useClustersStore()
    api.emit('profiles:changed', listing)
    expect(clusters.notices.map((n) => n.error.message)).toEqual([aside.message])
    expect(clusters.keychainMissing).toBe(true)
  })

  it('lets the Demo and signed-in clusters be browsed; asks to sign in elsewhere', async () => {
    api.getSessions.mockResolvedValueOnce(
      ok([session('prod', 'signed-in'), session('lab', 'unreachable', { storage: 'none' })])
    )
    const clusters = useClustersStore()
    await clusters.load()
    expect(clusters.canBrowse('demo')).toBe(true)
    expect(clusters.canBrowse('prod')).toBe(true)
    expect(clusters.canBrowse('lab')).toBe(false)
    clusters.select('lab')
    expect(clusters.signInTarget).toEqual({ profileId: 'lab', reason: 'required' })
    api.emit('session:changed', session('lab', 'unreachable', { storage: 'keychain' }))
    expect(clusters.canBrowse('lab')).toBe(true)
  })

  it('signs in and out through the api and records the new state', async () => {
    api.signIn.mockResolvedValueOnce(ok(session('prod', 'signed-in', { accountName: 'ops' })))
    api.signOut.mockResolvedValueOnce(ok(session('prod', 'signed-out')))
    const clusters = useClustersStore()
    await clusters.load()
    clusters.openSignIn('prod')
    const request = { profileId: 'prod', accountName: 'ops', password: 'secret', rememberPassword: true }
    expect((await clusters.signIn(request)).ok).toBe(true)
    expect(api.signIn).toHaveBeenCalledWith(request)
    expect(clusters.statusOf('prod')).toBe('signed-in')
    expect(clusters.signInTarget).toBeNull()
    await clusters.signOut('prod')
    expect(api.signOut).toHaveBeenCalledWith({ profileId: 'prod' })
    expect(clusters.statusOf('prod')).toBe('signed-out')
  })

  it('a failed sign-in changes nothing', async () => {
    api.signIn.mockResolvedValueOnce({
      ok: false,
      error: appError('zstackBadCredentials', { zstackCode: 'ID.1000' }, { zstack: { code: 'ID.1000' } })
    })
    const clusters = useClustersStore()
    await clusters.load()
    clusters.openSignIn('prod')
    const result = await clusters.signIn({
      profileId: 'prod',
      accountName: 'ops',
      password: 'x',
      rememberPassword: false
    })
    expect(result.ok).toBe(false)
    expect(clusters.statusOf('prod')).toBe('signed-out')
    expect(clusters.signInTarget).toEqual({ profileId: 'prod', reason: undefined })
  })

  it('removing the selected profile clears the selection; a refused removal keeps it', async () => {
    const clusters = useClustersStore()
    await clusters.load()
    clusters.select('demo')
    api.deleteProfile.mockResolvedValueOnce({
      ok: false,
      error: appError('demoBuiltIn', {})
    })
    await clusters.remove('demo')
    expect(clusters.selectedProfileId).toBe('demo')
    clusters.select('lab')
    await clusters.remove('lab')
    expect(api.deleteProfile).toHaveBeenLastCalledWith({ profileId: 'lab' })
    expect(clusters.profiles.map((p) => p.id)).toEqual(['demo', 'prod'])
    expect(clusters.selectedProfileId).toBeNull()
  })

  it('keeps a saved profile in the list at once', async () => {
    const saved: ClusterProfile = { ...PROD, id: 'new1', name: 'New one', lastUsedAt: undefined }
    api.saveProfile.mockResolvedValueOnce(ok(saved))
    const clusters = useClustersStore()
    await clusters.load()
    const { id: _id, lastUsedAt: _used, ...input } = PROD
    await clusters.save({ ...input, name: 'New one' })
    expect(api.saveProfile).toHaveBeenCalledWith({ ...input, name: 'New one' })
    expect(clusters.profiles.find((p) => p.id === 'new1')?.name).toBe('New one')
  })

  it('shows why the profiles could not be loaded', async () => {
    api.listProfiles.mockResolvedValueOnce({
      ok: false,
      error: appError('profilesReadOnly', {}, { details: 'profiles.json is damaged' })
    })
    const clusters = useClustersStore()
    await clusters.load()
    expect(clusters.loadError?.kind).toBe('profilesReadOnly')
    expect(clusters.loaded).toBe(false)
    await clusters.load()
    expect(clusters.loadError).toBeNull()
    expect(clusters.loaded).toBe(true)
  })
})
