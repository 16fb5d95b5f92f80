import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type {
  AppError,
  SortDirection,
  Topology,
  VmInventory,
  VmQuery,
  VmSortField,
  VmState
} from '../../../shared/api'
import { api } from '../api'
import { notifyError } from '../error-handler'
import { useClustersStore } from './clusters'

/** The only VM fields the list shows; the inspector fetches the full inventory. */
export const VM_LIST_FIELDS = [
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
] as const
export const PAGE_SIZES = [20, 50, 100, 500] as const
export const AUTO_REFRESH_MS = 15_000
const CACHE_PREFIX = 'zstack-desk.vm-page.'
const SETTINGS_KEY = 'zstack-desk.vm-list'
/** Errors meaning "the cluster did not answer": the last rows stay, marked stale. */
export const UNREACHABLE_CODES: readonly AppError['code'][] = ['NETWORK', 'TIMEOUT', 'TLS']

export interface VmFilters {
  search: string
  states: VmState[]
  zoneUuid: string | null
  clusterUuid: string | null
  hostUuid: string | null
  includeAppliance: boolean
}

export interface VmSort {
  field: VmSortField
  direction: SortDirection
}

export interface VmView {
  page: number
  pageSize: number
  sort: VmSort | null
  filters: VmFilters
}

interface CachedPage {
  savedAt: number
  view: VmView
  total?: number
  rows: VmInventory[]
}

export type VmAction = 'start' | 'stop'

export function defaultView(): VmView {
  return {
    page: 1,
    pageSize: PAGE_SIZES[0],
    sort: null,
    filters: {
      search: '',
      states: [],
      zoneUuid: null,
      clusterUuid: null,
      hostUuid: null,
      includeAppliance: false
    }
  }
}

/** The DeskApi query for one view of one cluster: every filter goes to the server. */
export function buildVmQuery(profileId: string, view: VmView): VmQuery {
  const { filters } = view
  const query: VmQuery = {
    profileId,
    start: (view.page - 1) * view.pageSize,
    limit: view.pageSize,
    fields: [...VM_LIST_FIELDS],
    replyWithCount: true,
    includeAppliance: filters.includeAppliance
  }
  const search = filters.search.trim()
  if (search) query.search = search
  if (filters.states.length) query.states = [...filters.states]
  if (filters.zoneUuid) query.zoneUuid = filters.zoneUuid
  if (filters.clusterUuid) query.clusterUuid = filters.clusterUuid
  if (filters.hostUuid) query.hostUuid = filters.hostUuid
  if (view.sort) query.sort = { ...view.sort }
  return query
}

/** Keeps only the list's fields: what is cached on disk is VM rows, nothing else. */
function listFieldsOf(vm: VmInventory): VmInventory {
  const picked: Record<string, unknown> = {}
  for (const field of VM_LIST_FIELDS) if (field in vm) picked[field] = vm[field]
  return picked as unknown as VmInventory
}

function readCache(profileId: string): CachedPage | undefined {
  try {
    const text = localStorage.getItem(CACHE_PREFIX + profileId)
    const cached = text ? (JSON.parse(text) as CachedPage) : undefined
    return cached && Array.isArray(cached.rows) && cached.view ? cached : undefined
  } catch {
    return undefined
  }
}

function writeCache(profileId: string, page: CachedPage): void {
  try {
    localStorage.setItem(CACHE_PREFIX + profileId, JSON.stringify(page))
  } catch {
    // A full storage only costs the instant start; the list itself is unaffected.
  }
}

function readAutoRefresh(): boolean {
  try {
    return (
      (JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as { autoRefresh?: boolean }).autoRefresh ===
      true
    )
  } catch {
    return false
  }
}

/** One page of the selected cluster's VMs, its filters, the topology names, and the inspected VM. */
export const useVmsStore = defineStore('vms', () => {
  const clusters = useClustersStore()

  const profileId = ref<string | null>(null)
  const view = ref<VmView>(defaultView())
  const rows = shallowRef<VmInventory[]>([])
  const total = ref<number | undefined>(undefined)
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  /** When the rows on screen were fetched (ms since epoch). */
  const fetchedAt = ref<number | null>(null)
  /** The rows come from the saved copy of the last session and are being refreshed. */
  const fromCache = ref(false)
  const autoRefresh = ref(readAutoRefresh())
  const pending = ref<Record<string, VmAction>>({})
  const topologies = shallowRef<Record<string, Topology>>({})
  const views = new Map<string, VmView>()
  const topologyRequests = new Map<string, Promise<void>>()
  let latestRequest = 0

  const inspectorOpen = ref(false)
  const inspectedUuid = ref<string | null>(null)
  const inspectedProfileId = ref<string | null>(null)
  const inspectedVm = shallowRef<VmInventory | null>(null)
  const inspectorLoading = ref(false)
  const inspectorError = ref<AppError | null>(null)
  let latestInspect = 0

  const topology = computed(() => (profileId.value ? topologies.value[profileId.value] : undefined))
  const hostNames = computed(() => new Map(topology.value?.hosts.map((h) => [h.uuid, h.name]) ?? []))
  const clusterNames = computed(() => new Map(topology.value?.clusters.map((c) => [c.uuid, c.name]) ?? []))
  const zoneNames = computed(() => new Map(topology.value?.zones.map((z) => [z.uuid, z.name]) ?? []))
  const storageNames = computed(
    () => new Map(topology.value?.primaryStorage.map((p) => [p.uuid, p.name]) ?? [])
  )
  const filtersActive = computed(() => {
    const f = view.value.filters
    return !!(f.search.trim() || f.states.length || f.zoneUuid || f.clusterUuid || f.hostUuid)
  })

  function handleFailure(failure: AppError, forProfile: string): void {
    if (failure.code === 'SESSION_EXPIRED') clusters.sessionExpired(forProfile, failure)
    else if (failure.code === 'NOT_SIGNED_IN') clusters.openSignIn(forProfile, 'required')
  }

  /** Shows a cluster's list: its last view (from this run, or the saved page) at once, then fresh rows. */
  async function open(id: string): Promise<void> {
    if (profileId.value === id) return refresh()
    if (profileId.value) views.set(profileId.value, view.value)
    profileId.value = id
    error.value = null
    const cached = readCache(id)
    view.value = views.get(id) ?? cached?.view ?? defaultView()
    if (cached && !views.has(id)) {
      rows.value = cached.rows
      total.value = cached.total
      fetchedAt.value = cached.savedAt
      fromCache.value = true
    } else {
      rows.value = []
      total.value = undefined
      fetchedAt.value = null
      fromCache.value = false
    }
    closeInspector()
    void loadTopology(id)
    await refresh()
  }

  async function loadTopology(id: string): Promise<void> {
    if (topologies.value[id]) return
    const inFlight = topologyRequests.get(id)
    if (inFlight) return inFlight
    const request = (async () => {
      const result = await api.getTopology({ profileId: id })
      if (result.ok) topologies.value = { ...topologies.value, [id]: result.data }
    })().finally(() => topologyRequests.delete(id))
    topologyRequests.set(id, request)
    return request
  }

  /** Reloads the current page in place; an older answer arriving late is dropped. */
  async function refresh(): Promise<void> {
    const id = profileId.value
    if (!id) return
    const request = ++latestRequest
    const sent = view.value
    loading.value = true
    const result = await api.queryVms(buildVmQuery(id, sent))
    if (request !== latestRequest) return
    loading.value = false
    if (!result.ok) {
      error.value = result.error
      handleFailure(result.error, id)
      return
    }
    const { items, total: count } = result.data
    if (items.length === 0 && count && sent.page > 1 && (sent.page - 1) * sent.pageSize >= count) {
      // The page no longer exists (VMs went away): show the last one that does.
      view.value = { ...sent, page: Math.ceil(count / sent.pageSize) }
      return refresh()
    }
    rows.value = items
    total.value = count
    error.value = null
    fromCache.value = false
    fetchedAt.value = Date.now()
    writeCache(id, { savedAt: fetchedAt.value, view: sent, total: count, rows: items.map(listFieldsOf) })
    if (!topologies.value[id]) void loadTopology(id)
  }

  function update(patch: Partial<VmView>): Promise<void> {
    view.value = { ...view.value, ...patch }
    return refresh()
  }

  const setPage = (page: number): Promise<void> => update({ page })
  const setPageSize = (pageSize: number): Promise<void> => update({ pageSize, page: 1 })
  const setSort = (sort: VmSort | null): Promise<void> => update({ sort, page: 1 })

  function setFilters(patch: Partial<VmFilters>): Promise<void> {
    const filters = { ...view.value.filters, ...patch }
    // A zone or cluster change clears the narrower choices that no longer fit.
    if ('zoneUuid' in patch && patch.zoneUuid !== view.value.filters.zoneUuid) {
      filters.clusterUuid = null
      filters.hostUuid = null
    }
    if ('clusterUuid' in patch && patch.clusterUuid !== view.value.filters.clusterUuid)
      filters.hostUuid = null
    return update({ filters, page: 1 })
  }

  function clearFilters(): Promise<void> {
    return update({ filters: defaultView().filters, page: 1 })
  }

  /** Opens the inspector on a VM of the selected cluster and loads its full inventory. */
  function inspect(vmUuid: string): void {
    const id = clusters.selectedProfileId ?? profileId.value
    if (!id) return
    inspectorOpen.value = true
    inspectedUuid.value = vmUuid
    inspectedProfileId.value = id
    inspectorError.value = null
    const listed = id === profileId.value ? rows.value.find((vm) => vm.uuid === vmUuid) : undefined
    if (inspectedVm.value?.uuid !== vmUuid) inspectedVm.value = listed ?? null
    void loadInspected(id, vmUuid)
  }

  async function loadInspected(id: string, vmUuid: string): Promise<void> {
    const request = ++latestInspect
    inspectorLoading.value = true
    inspectorError.value = null
    const result = await api.getVm({ profileId: id, vmUuid })
    if (request !== latestInspect) return
    inspectorLoading.value = false
    if (result.ok) {
      inspectedVm.value = result.data
      replaceRow(result.data)
    } else {
      inspectorError.value = result.error
      handleFailure(result.error, id)
    }
  }

  function reloadInspected(): void {
    if (inspectedProfileId.value && inspectedUuid.value)
      void loadInspected(inspectedProfileId.value, inspectedUuid.value)
  }

  function closeInspector(): void {
    latestInspect++
    inspectorOpen.value = false
    inspectorLoading.value = false
  }

  function replaceRow(vm: VmInventory): void {
    if (!rows.value.some((row) => row.uuid === vm.uuid)) return
    rows.value = rows.value.map((row) => (row.uuid === vm.uuid ? { ...row, ...listFieldsOf(vm) } : row))
  }

  /** Start or stop a VM; the row shows a spinner until the server answers. */
  async function runAction(vm: VmInventory, action: VmAction): Promise<boolean> {
    const id = profileId.value
    if (!id || pending.value[vm.uuid]) return false
    pending.value = { ...pending.value, [vm.uuid]: action }
    const call = action === 'start' ? api.startVm : api.stopVm
    const result = await call({ profileId: id, vmUuid: vm.uuid })
    const { [vm.uuid]: _done, ...rest } = pending.value
    pending.value = rest
    if (!result.ok) {
      if (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'NOT_SIGNED_IN')
        handleFailure(result.error, id)
      else notifyError(result.error)
      return false
    }
    replaceRow(result.data)
    if (inspectedUuid.value === vm.uuid && inspectedVm.value)
      inspectedVm.value = { ...inspectedVm.value, ...result.data }
    return true
  }

  /** Forgets a cluster's rows and saved page (after its profile is removed). */
  function forget(id: string): void {
    views.delete(id)
    localStorage.removeItem(CACHE_PREFIX + id)
    const { [id]: _gone, ...rest } = topologies.value
    topologies.value = rest
    if (profileId.value === id) {
      latestRequest++
      profileId.value = null
      rows.value = []
      total.value = undefined
      error.value = null
      loading.value = false
      closeInspector()
    }
  }

  /** A timer tick reloads only the list on screen, and never while a sign-in is pending (it would ask again). */
  function autoRefreshDue(): boolean {
    const id = profileId.value
    return (
      !!id &&
      !loading.value &&
      document.visibilityState !== 'hidden' &&
      clusters.selectedProfileId === id &&
      clusters.canBrowse(id) &&
      clusters.statusOf(id) !== 'expired' &&
      clusters.signInTarget === null
    )
  }

  let timer: ReturnType<typeof setInterval> | undefined
  watch(
    autoRefresh,
    (on) => {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify({ autoRefresh: on }))
      if (timer) clearInterval(timer)
      timer = on
        ? setInterval(() => {
            if (autoRefreshDue()) void refresh()
          }, AUTO_REFRESH_MS)
        : undefined
    },
    { immediate: true }
  )

  return {
    profileId,
    view,
    rows,
    total,
    loading,
    error,
    fetchedAt,
    fromCache,
    autoRefresh,
    pending,
    topology,
    hostNames,
    clusterNames,
    zoneNames,
    storageNames,
    filtersActive,
    inspectorOpen,
    inspectedUuid,
    inspectedVm,
    inspectorLoading,
    inspectorError,
    open,
    refresh,
    setPage,
    setPageSize,
    setSort,
    setFilters,
    clearFilters,
    loadTopology,
    inspect,
    reloadInspected,
    closeInspector,
    runAction,
    forget
  }
})
