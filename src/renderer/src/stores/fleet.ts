// The "All clusters" view: one merged page over every signed-in cluster (main merges), and the fleet search box.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type {
  AppError,
  ClusterHealth,
  FleetClusterStatus,
  FleetVmRow,
  Result,
  VmInventory,
  VmSortField,
  VmState
} from '../../../shared/api'
import { MIGRATABLE_VM_STATES } from '../../../shared/zstack-types'
import { api } from '../api'
import { useClustersStore } from './clusters'

export const FLEET_PAGE_SIZE = 20
/** VMs read per request when counting what each host carries. */
const HOST_VM_PAGE = 1000

/** The VMs a drain moves (Running, Paused, Unknown) on one host, counted by state. */
export type HostVmCounts = Partial<Record<(typeof MIGRATABLE_VM_STATES)[number], number>>

/** The VMs that count, grouped by the host they run on. */
export function countByHost(
  vms: readonly Pick<VmInventory, 'hostUuid' | 'state'>[]
): Record<string, HostVmCounts> {
  const out: Record<string, HostVmCounts> = {}
  for (const vm of vms) {
    if (!vm.hostUuid || !(MIGRATABLE_VM_STATES as readonly string[]).includes(vm.state)) continue
    const state = vm.state as keyof HostVmCounts
    const counts = (out[vm.hostUuid] ??= {})
    counts[state] = (counts[state] ?? 0) + 1
  }
  return out
}

/** What each host of one cluster carries, as last read. */
export interface HostVms {
  byHost: Record<string, HostVmCounts>
  loading: boolean
  error?: AppError
}

export interface FleetSortState {
  field: VmSortField
  direction: 'asc' | 'desc'
}

export const useFleetStore = defineStore('fleet', () => {
  const clusters = useClustersStore()
  /** The "All clusters" view is the one shown (no single cluster selected). */
  const active = ref(false)
  const search = ref('')
  const states = ref<VmState[]>([])
  const sort = ref<FleetSortState>({ field: 'name', direction: 'asc' })
  const page = ref(1)
  const rows = shallowRef<FleetVmRow[]>([])
  const total = ref(0)
  const statuses = ref<FleetClusterStatus[]>([])
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  /** The one cluster the list is narrowed to (null: every cluster), and a zone, ZStack cluster or host within it. */
  const scope = ref<string | null>(null)
  const zoneUuid = ref<string | null>(null)
  const clusterUuid = ref<string | null>(null)
  const hostUuid = ref<string | null>(null)
  /** Which fleet page shows: the merged VM list or the health of each cluster. */
  const view = ref<'list' | 'health'>('list')
  const health = shallowRef<ClusterHealth[]>([])
  const healthLoading = ref(false)
  const healthError = ref<AppError | null>(null)
  /** Per cluster: the VMs a drain would move off each host, read when its host list is shown. */
  const hostVms = shallowRef<Record<string, HostVms>>({})
  const hostVmsRequests = new Map<string, number>()
  /** Bumped to ask the view to focus its search box (the shortcut works from any view). */
  const focusRequest = ref(0)
  let latest = 0

  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / FLEET_PAGE_SIZE)))

  async function refresh(): Promise<void> {
    const request = ++latest
    loading.value = true
    const answer = await api.queryFleetVms({
      search: search.value.trim() || undefined,
      states: states.value.length > 0 ? [...states.value] : undefined,
      ...(scope.value ? { profileIds: [scope.value] } : {}),
      ...(scope.value && zoneUuid.value ? { zoneUuid: zoneUuid.value } : {}),
      ...(scope.value && clusterUuid.value ? { clusterUuid: clusterUuid.value } : {}),
      ...(scope.value && hostUuid.value ? { hostUuid: hostUuid.value } : {}),
      start: (page.value - 1) * FLEET_PAGE_SIZE,
      limit: FLEET_PAGE_SIZE,
      sort: { ...sort.value }
    })
    if (request !== latest) return
    loading.value = false
    if (!answer.ok) {
      error.value = answer.error
      return
    }
    error.value = null
    rows.value = answer.data.items
    total.value = answer.data.total
    statuses.value = answer.data.clusters
  }

  function open(): void {
    clusters.select(null)
    active.value = true
    view.value = 'list'
    void refresh()
  }

  let latestHealth = 0
  /** `fresh` reads past main's topology cache: after Refresh or a change of a host made here. */
  async function loadHealth(fresh = false): Promise<void> {
    // Reads may cross: only the last one asked is shown.
    const request = ++latestHealth
    healthLoading.value = true
    const answer = await api.getFleetHealth(fresh ? { fresh } : {})
    if (request !== latestHealth) return
    healthLoading.value = false
    if (!answer.ok) {
      healthError.value = answer.error
      return
    }
    healthError.value = null
    health.value = answer.data.clusters
  }

  /** Counts the Running, Paused and Unknown VMs of the cluster by host: one paged read, a few fields. */
  async function loadHostVms(profileId: string): Promise<void> {
    const setHostVms = (next: HostVms): void => {
      hostVms.value = { ...hostVms.value, [profileId]: next }
    }
    const request = (hostVmsRequests.get(profileId) ?? 0) + 1
    hostVmsRequests.set(profileId, request)
    const before = hostVms.value[profileId]?.byHost ?? {}
    setHostVms({ byHost: before, loading: true })
    const vms: VmInventory[] = []
    for (let start = 0; ; start += HOST_VM_PAGE) {
      const page = await api.queryVms({
        profileId,
        states: [...MIGRATABLE_VM_STATES],
        includeAppliance: true,
        start,
        limit: HOST_VM_PAGE,
        fields: ['uuid', 'zoneUuid', 'hostUuid', 'state']
      })
      // A later read of the same cluster was asked meanwhile: it will say what is current.
      if (hostVmsRequests.get(profileId) !== request) return
      if (!page.ok) return setHostVms({ byHost: before, loading: false, error: page.error })
      vms.push(...page.data.items)
      if (page.data.items.length < HOST_VM_PAGE) break
    }
    setHostVms({ byHost: countByHost(vms), loading: false })
  }

  function openHealth(): void {
    clusters.select(null)
    active.value = true
    view.value = 'health'
    void loadHealth()
  }

  /** A number in the health view clicked: the list of that cluster's VMs in that state. */
  function showCluster(profileId: string, state?: VmState): void {
    scope.value = profileId
    clearPlace()
    states.value = state ? [state] : []
    page.value = 1
    view.value = 'list'
    void refresh()
  }

  /** Forgets the last-known rows and health main keeps, and what this view shows of them. */
  async function clearCache(): Promise<Result<null>> {
    const result = await api.clearFleetCache()
    if (result.ok) {
      health.value = []
      if (active.value) void (view.value === 'health' ? loadHealth() : refresh())
    }
    return result
  }

  /** Zone, ZStack cluster and host name one cluster's inventory: another cluster starts without them. */
  function clearPlace(): void {
    zoneUuid.value = null
    clusterUuid.value = null
    hostUuid.value = null
  }

  function setScope(profileId: string | null): void {
    scope.value = profileId
    clearPlace()
    page.value = 1
    void refresh()
  }

  /** A wider place chosen anew drops the narrower ones within the old one. */
  function setPlace(part: 'zone' | 'cluster' | 'host', next: string | null): void {
    if (part === 'zone') {
      zoneUuid.value = next
      clusterUuid.value = null
      hostUuid.value = null
    } else if (part === 'cluster') {
      clusterUuid.value = next
      hostUuid.value = null
    } else hostUuid.value = next
    page.value = 1
    void refresh()
  }

  function focusSearch(): void {
    // From fleet health too: the search box lives in the list.
    if (!active.value || view.value !== 'list') open()
    focusRequest.value++
  }

  function setSearch(text: string): void {
    search.value = text
    page.value = 1
    void refresh()
  }

  function setStates(next: VmState[]): void {
    states.value = next
    page.value = 1
    void refresh()
  }

  function setSort(next: FleetSortState): void {
    sort.value = next
    page.value = 1
    void refresh()
  }

  function setPage(next: number): void {
    page.value = next
    void refresh()
  }

  // Picking one cluster in the sidebar leaves the fleet view.
  watch(
    () => clusters.selectedProfileId,
    (id) => {
      if (id) active.value = false
    }
  )
  // A cluster that missed its deadline has answered: main kept its rows for this call.
  let updating: Promise<void> | null = null
  let updateAgain = false
  function refreshForUpdate(): void {
    // A burst of late answers is one refresh at a time, not one each: each refresh can make another cluster late.
    if (updating) {
      updateAgain = true
      return
    }
    updating = refresh().finally(() => {
      updating = null
      if (!updateAgain) return
      updateAgain = false
      if (active.value && view.value === 'list') refreshForUpdate()
    })
  }
  api.on('fleet:update', () => {
    if (active.value && view.value === 'list') refreshForUpdate()
  })

  return {
    active,
    search,
    states,
    sort,
    page,
    pageCount,
    rows,
    total,
    statuses,
    loading,
    error,
    focusRequest,
    scope,
    zoneUuid,
    clusterUuid,
    hostUuid,
    view,
    health,
    healthLoading,
    healthError,
    hostVms,
    loadHostVms,
    open,
    openHealth,
    loadHealth,
    showCluster,
    setScope,
    setPlace,
    clearCache,
    refresh,
    focusSearch,
    setSearch,
    setStates,
    setSort,
    setPage
  }
})
