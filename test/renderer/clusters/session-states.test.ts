import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../../src/shared/error-kinds'
import { defineComponent, h } from 'vue'
import { api as realApi } from '@renderer/api'
import ClusterSidebar from '@renderer/features/clusters/ClusterSidebar.vue'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import { useClustersStore } from '@renderer/stores/clusters'
import { useVmListStore } from '@renderer/stores/vm-list'
import type { ClusterProfile, VmQuery } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { LAB, session, vmPage } from '../vms-support/fixtures'
import { $$, allByTestId, byTestId, click, mountInApp, settle, typeInto } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const App = defineComponent({ setup: () => () => h('div', [h(ClusterSidebar), h(WorkspaceView)]) })
const statusOf = (id: string): string | undefined =>
  $$(
    `[data-testid="profile-item"][data-profile-id="${id}"] [data-testid="session-status"]`
  )[0]?.textContent?.trim()

let wrapper: ReturnType<typeof mountInApp> | undefined

async function mountApp() {
  wrapper = mountInApp(App)
  await settle(8)
}

describe('session states', { timeout: 30_000 }, () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
    api.queryVms.mockImplementation(async (query: VmQuery) =>
      ok({ items: vmPage(query.start, 4).items, total: 137 })
    )
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  it('shows each cluster’s state from getSessions and follows session:changed', async () => {
    api.getSessions.mockResolvedValueOnce(
      ok([session('prod', 'signed-in'), session('lab', 'unreachable', { storage: 'none' })])
    )
    await mountApp()
    expect(statusOf('prod')).toBe('Signed in')
    expect(statusOf('lab')).toBe('Unreachable')
    expect(statusOf('demo')).toBe('Signed out')
    api.emit('session:changed', session('prod', 'expired'))
    await settle()
    expect(statusOf('prod')).toBe('Session expired')
    // Grouped by folder in the order main lists them (the user's); the unfoldered Demo above every folder heading.
    expect(allByTestId('profile-group-folder').map((el) => el.textContent?.trim())).toEqual(['Beijing'])
    expect(allByTestId('profile-item').map((el) => el.dataset.profileId)).toEqual(['demo', 'lab', 'prod'])
  })

  it('asks a signed-out cluster to sign in, then shows its VMs', async () => {
    api.signIn.mockResolvedValueOnce(ok(session('prod', 'signed-in', { accountName: 'ops' })))
    await mountApp()
    click($$('[data-testid="profile-item"][data-profile-id="prod"]')[0])
    await settle()
    expect(byTestId('workspace-signed-out')).toBeTruthy()
    expect(byTestId('sign-in-dialog')).toBeTruthy()
    expect((byTestId('sign-in-account') as HTMLInputElement).value).toBe('ops')
    expect((byTestId('sign-in-submit') as HTMLButtonElement).disabled).toBe(true)
    typeInto(byTestId('sign-in-password'), 'secret')
    click(byTestId('sign-in-remember'))
    await settle()
    click(byTestId('sign-in-submit'))
    await settle(8)
    expect(api.signIn).toHaveBeenCalledWith({
      profileId: 'prod',
      accountName: 'ops',
      password: 'secret',
      rememberPassword: true
    })
    expect(useClustersStore().signInTarget).toBeNull()
    expect(statusOf('prod')).toBe('Signed in')
    expect(byTestId('vm-list')!.dataset.profileId).toBe('prod')
    expect(api.queryVms).toHaveBeenLastCalledWith(expect.objectContaining({ profileId: 'prod', start: 0 }))
  })

  it('keeps the dialog open with ZStack’s answer when the password is wrong', async () => {
    api.signIn.mockResolvedValueOnce({
      ok: false,
      error: appError(
        'zstackBadCredentials',
        { zstackCode: 'ID.1000' },
        { zstack: { code: 'ID.1000', details: 'wrong account or password' } }
      )
    })
    await mountApp()
    useClustersStore().openSignIn('lab')
    await settle()
    typeInto(byTestId('sign-in-password'), 'nope')
    await settle()
    click(byTestId('sign-in-submit'))
    await settle()
    expect(byTestId('sign-in-error')!.textContent).toContain('Check the account name and password.')
    expect(byTestId('sign-in-error')!.textContent).toContain('ID.1000')
    expect((byTestId('sign-in-password') as HTMLInputElement).value).toBe('')
    expect(statusOf('lab')).toBe('Signed out')
  })

  it('an expired session keeps the filters and page, and reloads them after signing in again', async () => {
    await mountApp()
    const vms = useVmListStore()
    await vms.setFilters({ states: ['Running'], search: 'web' })
    await vms.setPage(3)
    await settle()
    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: appError('sessionExpired', { cluster: 'Demo' })
    })
    click(byTestId('vm-refresh'))
    await settle()
    expect(byTestId('vm-list-expired')).toBeTruthy()
    // Issue 18: no dialog opens by itself; the banner's Sign in button opens it.
    expect(byTestId('sign-in-expired')).toBeNull()
    expect(statusOf('demo')).toBe('Session expired')
    click(byTestId('vm-list-sign-in-again'))
    await settle()
    expect(byTestId('sign-in-expired')).toBeTruthy()
    // The rows stay on screen, the place is kept.
    expect(allByTestId('vm-row')).toHaveLength(4)
    api.signIn.mockResolvedValueOnce(ok(session('demo', 'signed-in')))
    typeInto(byTestId('sign-in-password'), 'password')
    await settle()
    click(byTestId('sign-in-submit'))
    await settle(8)
    expect(api.queryVms).toHaveBeenLastCalledWith(
      expect.objectContaining({ profileId: 'demo', start: 40, limit: 20, search: 'web', states: ['Running'] })
    )
    expect(byTestId('vm-list-expired')).toBeNull()
    expect(statusOf('demo')).toBe('Signed in')
  })

  it('marks the list stale when the cluster becomes unreachable, and recovers on Retry', async () => {
    await mountApp()
    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: appError('nothingAnswers', { address: '127.0.0.1:1' })
    })
    click(byTestId('vm-refresh'))
    await settle()
    const stale = byTestId('vm-list-stale')!
    expect(stale.textContent).toMatch(/Showing data from .+, cluster unreachable/)
    expect(stale.textContent).toContain('Nothing answers at 127.0.0.1:1.')
    expect(allByTestId('vm-row')).toHaveLength(4)
    click(byTestId('vm-list-retry'))
    await settle()
    expect(byTestId('vm-list-stale')).toBeNull()
  })

  it('puts a search box above the list once there are more than eight clusters', async () => {
    const many: ClusterProfile[] = Array.from({ length: 9 }, (_, i) => ({
      ...LAB,
      id: `c${i}`,
      name: `Cluster ${i}`,
      folder: undefined,
      lastUsedAt: undefined
    }))
    api.listProfiles.mockResolvedValueOnce(ok({ profiles: many, notices: [] }))
    await mountApp()
    expect(byTestId('profile-search')).toBeTruthy()
    typeInto(byTestId('profile-search'), 'cluster 7')
    await settle()
    expect(allByTestId('profile-item').map((el) => el.dataset.profileId)).toEqual(['c7'])
  })

  it('imports a profiles file and shows what was added, updated and rejected', async () => {
    api.importProfiles.mockResolvedValueOnce(
      ok({
        added: 1,
        updated: 1,
        rejected: 1,
        entries: [
          { index: 1, line: 2, name: 'A', outcome: 'added' },
          { index: 2, line: 9, name: 'B', outcome: 'updated' },
          {
            index: 3,
            line: 15,
            name: 'C',
            outcome: 'rejected',
            problems: [
              {
                field: 'endpoint.port',
                message: 'English for the log only',
                problem: appError('fieldTooBig', { field: 'endpoint.port', limit: 65535 })
              }
            ]
          }
        ]
      })
    )
    await mountApp()
    const input = byTestId('profiles-import-file') as HTMLInputElement
    Object.defineProperty(input, 'files', {
      value: [new File(['profiles: []'], 'clusters.yaml')],
      configurable: true
    })
    input.dispatchEvent(new Event('change'))
    await settle(8)
    expect(api.importProfiles).toHaveBeenCalledWith({ content: 'profiles: []', fileName: 'clusters.yaml' })
    expect(byTestId('import-added')!.textContent).toBe('1 added')
    expect(byTestId('import-rejected')!.textContent).toBe('1 rejected')
    const rejected = allByTestId('import-entry').find((row) => row.dataset.outcome === 'rejected')!
    expect(rejected.textContent).toContain('15')
    expect(rejected.textContent).toContain('endpoint.port')
    // The problem's kind, phrased; the English message is for the log.
    expect(rejected.textContent).toContain('endpoint.port must be at most 65535.')
    expect(rejected.textContent).not.toContain('English for the log only')
    expect(api.listProfiles).toHaveBeenCalledTimes(2)
  })
})
