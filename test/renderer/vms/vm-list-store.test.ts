import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../../src/shared/error-kinds'
import { api as realApi } from '@renderer/api'
import { useClustersStore } from '@renderer/stores/clusters'
import { usePowerActions } from '@renderer/composables/use-power-actions'
import { useInspectorStore } from '@renderer/stores/inspector'
import { useTopologyStore } from '@renderer/stores/topology'
import { useVmListStore } from '@renderer/stores/vm-list'
import { VM_LIST_FIELDS, buildVmQuery, defaultView } from '@renderer/stores/vm-view'
import type { Page, Result, VmInventory } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { CLUSTER_A, HOST_1, ZONE, fullVm, session, vm, vmPage } from '../vms-support/fixtures'
import { freshPinia, settle } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const fields = [...VM_LIST_FIELDS]

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

async function openDemo() {
  const clusters = useClustersStore()
  await clusters.load()
  const vms = useVmListStore()
  await vms.open('demo')
  return { clusters, vms }
}

describe('VM list store, inspector store and power actions', () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
    freshPinia()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('asks for the first page with only the shown fields, a total, and appliance VMs hidden', async () => {
    const { vms } = await openDemo()
    expect(api.queryVms).toHaveBeenCalledTimes(1)
    expect(api.queryVms).toHaveBeenCalledWith({
      profileId: 'demo',
      start: 0,
      limit: 20,
      fields,
      replyWithCount: true,
      includeAppliance: false
    })
    expect(fields).toEqual([
      'uuid',
      'name',
      'state',
      'vmNics',
      'hostUuid',
      'clusterUuid',
      'zoneUuid',
      'cpuNum',
      'memorySize',
      'createDate',
      'type',
      'lastHostUuid'
    ])
    expect(vms.rows).toHaveLength(20)
    expect(vms.total).toBe(137)
    expect(api.getTopology).toHaveBeenCalledWith({ profileId: 'demo' })
    expect(useTopologyStore().names('demo').hosts.get(HOST_1)).toBe('host-1')
  })

  it('turns every filter, the sort and the page into one exact query', async () => {
    const { vms } = await openDemo()
    await vms.setPageSize(50)
    await vms.setPage(3)
    await vms.setSort({ field: 'memorySize', direction: 'desc' })
    expect(vms.view.page).toBe(1)
    await vms.setPage(2)
    await vms.setFilters({ search: ' 10.10.0.15 ', states: ['Running', 'Paused'], includeAppliance: true })
    await vms.setFilters({ zoneUuid: ZONE })
    await vms.setFilters({ clusterUuid: CLUSTER_A })
    await vms.setFilters({ hostUuid: HOST_1 })
    const calls = api.queryVms.mock.calls.map(([query]) => query)
    expect(calls[1]).toMatchObject({ start: 0, limit: 50 })
    expect(calls[2]).toMatchObject({ start: 100, limit: 50 })
    expect(calls[3]).toMatchObject({ start: 0, limit: 50, sort: { field: 'memorySize', direction: 'desc' } })
    expect(calls[4]).toMatchObject({ start: 50 })
    expect(calls.at(-1)).toEqual({
      profileId: 'demo',
      start: 0,
      limit: 50,
      fields,
      replyWithCount: true,
      includeAppliance: true,
      search: '10.10.0.15',
      states: ['Running', 'Paused'],
      zoneUuid: ZONE,
      clusterUuid: CLUSTER_A,
      hostUuid: HOST_1,
      sort: { field: 'memorySize', direction: 'desc' }
    })
    // With a host, the stopped VMs last on it come along when asked; without one the switch asks for nothing.
    await vms.setFilters({ includeStoppedOnHost: true })
    expect(api.queryVms.mock.calls.at(-1)![0]).toMatchObject({ hostUuid: HOST_1, includeStoppedOnHost: true })
    await vms.setFilters({ hostUuid: null })
    expect(api.queryVms.mock.calls.at(-1)![0]).not.toHaveProperty('includeStoppedOnHost')
    expect(api.queryVms.mock.calls.at(-1)![0]).not.toHaveProperty('hostUuid')
  })

  it('clears the narrower placement filters when a wider one changes', async () => {
    const { vms } = await openDemo()
    await vms.setFilters({ zoneUuid: ZONE, clusterUuid: CLUSTER_A, hostUuid: HOST_1 })
    await vms.setFilters({ clusterUuid: null })
    expect(vms.view.filters).toMatchObject({ zoneUuid: ZONE, clusterUuid: null, hostUuid: null })
    await vms.setFilters({ clusterUuid: CLUSTER_A, hostUuid: HOST_1 })
    await vms.setFilters({ zoneUuid: null })
    expect(vms.view.filters).toMatchObject({ zoneUuid: null, clusterUuid: null, hostUuid: null })
  })

  it('drops an older answer that arrives after a newer one', async () => {
    const { vms } = await openDemo()
    const slow = deferred<Result<Page<VmInventory>>>()
    const fast = deferred<Result<Page<VmInventory>>>()
    api.queryVms.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const first = vms.setFilters({ search: 'a' })
    const second = vms.setFilters({ search: 'ab' })
    fast.resolve(ok({ items: [vm(1)], total: 1 }))
    await second
    slow.resolve(ok({ items: [vm(2), vm(3)], total: 2 }))
    await first
    expect(vms.rows.map((row) => row.name)).toEqual(['vm-001'])
    expect(vms.total).toBe(1)
    expect(vms.loading).toBe(false)
  })

  it('keeps memory flat: paging replaces the rows instead of adding to them', async () => {
    const { vms } = await openDemo()
    api.queryVms.mockImplementation(async (query: { start: number; limit: number }) =>
      ok(vmPage(query.start, query.limit))
    )
    for (let page = 2; page <= 7; page++) await vms.setPage(page)
    expect(vms.rows).toHaveLength(17)
    expect(vms.rows[0]!.name).toBe('vm-120')
  })

  it('goes back to the last page that still exists when VMs went away', async () => {
    const { vms } = await openDemo()
    api.queryVms.mockImplementation(async (query: { start: number; limit: number }) =>
      ok(vmPage(query.start, query.limit, 30))
    )
    await vms.setPage(5)
    expect(vms.view.page).toBe(2)
    expect(api.queryVms.mock.calls.at(-1)![0]).toMatchObject({ start: 20, limit: 20 })
    expect(vms.rows).toHaveLength(10)
  })

  it('keeps the last rows, marked stale, when the cluster stops answering, and clears it on success', async () => {
    const { vms } = await openDemo()
    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: appError('nothingAnswers', { address: 'zstack.lab:8080' })
    })
    await vms.refresh()
    expect(vms.rows).toHaveLength(20)
    expect(vms.error?.code).toBe('NETWORK')
    await vms.refresh()
    expect(vms.error).toBeNull()
  })

  it('saves the last page (VM rows with the listed fields only) and shows it at once on the next start', async () => {
    api.queryVms.mockResolvedValueOnce(ok({ items: [fullVm(7)], total: 1 }))
    const { vms } = await openDemo()
    await vms.setFilters({ states: ['Running'] })
    // The page is saved once its rows are drawn, off the path from the answer to the rows.
    const saved = await vi.waitFor(() => {
      const page = JSON.parse(localStorage.getItem('zstack-desk.vm-page.demo') ?? 'null')
      expect(page?.view.filters.states).toEqual(['Running'])
      return page
    })
    expect(Object.keys(saved.rows[0]).sort()).toEqual([...fields].sort())
    expect(JSON.stringify(saved)).not.toMatch(/password|session/i)

    // A new start: the saved rows and view appear before the server answers.
    freshPinia()
    const pendingAnswer = deferred<Result<Page<VmInventory>>>()
    api.queryVms.mockReturnValueOnce(pendingAnswer.promise)
    const clusters = useClustersStore()
    await clusters.load()
    const next = useVmListStore()
    const opening = next.open('demo')
    await settle(1)
    expect(next.rows).toHaveLength(20)
    expect(next.fromCache).toBe(true)
    expect(next.view.filters.states).toEqual(['Running'])
    expect(api.queryVms.mock.calls.at(-1)![0]).toMatchObject({ states: ['Running'] })
    pendingAnswer.resolve(ok(vmPage(0, 3)))
    await opening
    expect(next.fromCache).toBe(false)
    expect(next.rows).toHaveLength(3)
  })

  it('reports an expired session to the clusters store and keeps the place', async () => {
    const { vms, clusters } = await openDemo()
    await vms.setPage(3)
    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: appError('sessionExpired', { cluster: 'Demo' })
    })
    await vms.refresh()
    expect(clusters.statusOf('demo')).toBe('expired')
    // Issue 18: a background answer never opens the sign-in dialog; the banner offers Sign in instead.
    expect(clusters.signInTarget).toBeNull()
    expect(vms.view.page).toBe(3)
    expect(vms.rows).toHaveLength(20)
  })

  it('opens the inspector with the listed row, then the full inventory from getVm', async () => {
    const { vms } = await openDemo()
    const inspector = useInspectorStore()
    const answer = deferred<Result<VmInventory>>()
    api.getVm.mockReturnValueOnce(answer.promise)
    const listed = vms.rows.find((row) => row.uuid === vm(3).uuid)
    inspector.inspect('demo', vm(3).uuid, listed)
    expect(inspector.isOpen).toBe(true)
    expect(inspector.vm?.name).toBe('vm-003')
    expect(inspector.loading).toBe(true)
    expect(api.getVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: vm(3).uuid })
    answer.resolve(ok(fullVm(3, { state: 'Paused' })))
    await settle()
    expect(inspector.vm?.allVolumes).toHaveLength(2)
    expect(vms.rows.find((row) => row.uuid === vm(3).uuid)?.state).toBe('Paused')
    inspector.close()
    expect(inspector.isOpen).toBe(false)
  })

  it('starts a VM once, with a pending state, and puts the answer in its row', async () => {
    const { vms } = await openDemo()
    const { pending, runAction } = usePowerActions()
    const answer = deferred<Result<VmInventory>>()
    api.startVm.mockReturnValueOnce(answer.promise)
    const stopped = vm(4)
    const first = runAction('demo', stopped, 'start')
    expect(pending.value[stopped.uuid]).toBe('start')
    expect(await runAction('demo', stopped, 'start')).toBe(false)
    answer.resolve(ok({ ...stopped, state: 'Running', hostUuid: HOST_1 }))
    expect(await first).toBe(true)
    expect(api.startVm).toHaveBeenCalledTimes(1)
    expect(api.startVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: stopped.uuid })
    expect(pending.value[stopped.uuid]).toBeUndefined()
    expect(vms.rows.find((row) => row.uuid === stopped.uuid)?.state).toBe('Running')
  })

  it('builds the default query from the default view', () => {
    expect(buildVmQuery('p', defaultView())).toEqual({
      profileId: 'p',
      start: 0,
      limit: 20,
      fields,
      replyWithCount: true,
      includeAppliance: false
    })
  })

  it('auto-refresh reloads the page on a timer only while switched on', async () => {
    vi.useFakeTimers()
    const { vms } = await openDemo()
    const before = api.queryVms.mock.calls.length
    vms.autoRefresh = true
    await vi.advanceTimersByTimeAsync(15_000)
    expect(api.queryVms.mock.calls.length).toBe(before + 1)
    vms.autoRefresh = false
    await vi.advanceTimersByTimeAsync(60_000)
    expect(api.queryVms.mock.calls.length).toBe(before + 1)
  })

  it('auto-refresh follows the chosen interval, kept across restarts; an unknown saved value falls back to 15 s', async () => {
    vi.useFakeTimers()
    const { vms } = await openDemo()
    expect(vms.autoRefreshSec).toBe(15)
    vms.autoRefreshSec = 60
    vms.autoRefresh = true
    const before = api.queryVms.mock.calls.length
    await vi.advanceTimersByTimeAsync(59_000)
    expect(api.queryVms.mock.calls.length).toBe(before)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(api.queryVms.mock.calls.length).toBe(before + 1)
    vms.autoRefresh = false
    expect(JSON.parse(localStorage.getItem('zstack-desk.vm-list')!)).toEqual({
      autoRefresh: false,
      intervalSec: 60
    })
    freshPinia()
    expect(useVmListStore().autoRefreshSec).toBe(60)
    freshPinia()
    localStorage.setItem('zstack-desk.vm-list', JSON.stringify({ autoRefresh: false, intervalSec: 7 }))
    expect(useVmListStore().autoRefreshSec).toBe(15)
  })

  it('auto-refresh waits while the session is expired instead of asking again and again', async () => {
    vi.useFakeTimers()
    const { vms, clusters } = await openDemo()
    vms.autoRefresh = true
    clusters.sessionExpired('demo')
    const before = api.queryVms.mock.calls.length
    await vi.advanceTimersByTimeAsync(60_000)
    expect(api.queryVms.mock.calls.length).toBe(before)
    vms.autoRefresh = false
  })

  it('marks a signed-in session from getSessions and forgets a removed cluster', async () => {
    api.getSessions.mockResolvedValueOnce(ok([session('demo', 'signed-in')]))
    const { vms, clusters } = await openDemo()
    expect(clusters.statusOf('demo')).toBe('signed-in')
    vms.forget('demo')
    expect(vms.profileId).toBeNull()
    expect(vms.rows).toEqual([])
    expect(localStorage.getItem('zstack-desk.vm-page.demo')).toBeNull()
  })
})
