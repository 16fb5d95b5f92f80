// What the VM list shows of one cluster (page, size, sort, filters) and the one query that asks for it.
import type { SortDirection, VmInventory, VmQuery, VmSortField, VmState } from '../../../shared/api'

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

export interface VmFilters {
  search: string
  states: VmState[]
  zoneUuid: string | null
  clusterUuid: string | null
  hostUuid: string | null
  /** With a host: also the stopped VMs whose last host it is. */
  includeStoppedOnHost: boolean
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
      includeStoppedOnHost: false,
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
  if (filters.hostUuid && filters.includeStoppedOnHost) query.includeStoppedOnHost = true
  if (view.sort) query.sort = { ...view.sort }
  return query
}

/** Keeps only the list's fields: what is cached on disk is VM rows, nothing else. */
export function listFieldsOf(vm: VmInventory): VmInventory {
  const picked: Record<string, unknown> = {}
  for (const field of VM_LIST_FIELDS) if (field in vm) picked[field] = vm[field]
  return picked as unknown as VmInventory
}

/** A filter patch applied to a view: a zone or cluster change clears the narrower choices that no longer fit. */
export function withFilters(current: VmFilters, patch: Partial<VmFilters>): VmFilters {
  const filters = { ...current, ...patch }
  if ('zoneUuid' in patch && patch.zoneUuid !== current.zoneUuid) {
    filters.clusterUuid = null
    filters.hostUuid = null
  }
  if ('clusterUuid' in patch && patch.clusterUuid !== current.clusterUuid) filters.hostUuid = null
  return filters
}

export function filtersActive(f: VmFilters): boolean {
  return !!(f.search.trim() || f.states.length || f.zoneUuid || f.clusterUuid || f.hostUuid)
}
