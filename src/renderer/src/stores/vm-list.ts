import { useIntervalFn } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { AppError, VmInventory } from '../../../shared/api'
import { api } from '../api'
import { STORAGE_KEYS, readSaved, removeSaved, usePersisted, writeSaved } from '../persisted'
import { useClustersStore } from './clusters'
import { useMigrationsStore } from './migrations'
import { useTopologyStore } from './topology'
import { vmFetched } from './vm-events'
import {
  buildVmQuery,
  defaultView,
  filtersActive as anyFilter,
  listFieldsOf,
  withFilters,
  type VmFilters,
  type VmSort,
  type VmView
} from './vm-view'

export const AUTO_REFRESH_MS = 15_000
/** The intervals an admin can pick for auto-refresh, in seconds. */
export const AUTO_REFRESH_CHOICES = [10, 15, 30, 60, 300] as const
/** Errors meaning "the cluster did not answer": the last rows stay, marked stale. */
export const UNREACHABLE_CODES: readonly AppError['code'][] = ['NETWORK', 'TIMEOUT', 'TLS']

interface CachedPage {
  savedAt: number
  view: VmView
  total?: number
  rows: VmInventory[]
}

function readCache(profileId: string): CachedPage | undefined {
  const cached = readSaved(STORAGE_KEYS.vmPage(profileId)) as Partial<CachedPage> | undefined
  return cached && Array.isArray(cached.rows) && cached.view ? (cached as CachedPage) : undefined
}

/** One page of the selected cluster's VMs, its view (page, sort, filters) per cluster, and auto-refresh. */
export const useVmListStore = defineStore('vm-list', () => {
  const clusters = useClustersStore()
  const topology = useTopologyStore()

  const profileId = ref<string | null>(null)
  const view = ref<VmView>(defaultView())
  // Shallow: a page is replaced whole, never edited in place, and can hold 500 rows.
  const rows = shallowRef<VmInventory[]>([])
  const total = ref<number | undefined>(undefined)
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  /** When the rows on screen were fetched (ms since epoch). */
  const fetchedAt = ref<number | null>(null)
  /** The rows come from the saved copy of the last session and are being refreshed. */
  const fromCache = ref(false)
  const settings = usePersisted<{ autoRefresh: boolean; intervalSec?: number }>(STORAGE_KEYS.vmList, {
    autoRefresh: false
  })
  const autoRefresh = computed({
    get: () => settings.value.autoRefresh === true,
    set: (on: boolean) => (settings.value = { ...settings.value, autoRefresh: on })
  })
  /** Seconds between automatic reloads: one of the choices, else the default (a hand-edited value is ignored). */
  const autoRefreshSec = computed({
    get: (): number => {
      const saved = settings.value.intervalSec
      return AUTO_REFRESH_CHOICES.find((choice) => choice === saved) ?? AUTO_REFRESH_MS / 1000
    },
    set: (seconds: number) => (settings.value = { ...settings.value, intervalSec: seconds })
  })
  const views = new Map<string, VmView>()
  let latestRequest = 0

  const filtersActive = computed(() => anyFilter(view.value.filters))

  /** Shows a cluster's list: its last view (from this run, or the saved page) at once, then fresh rows. */
  async function open(id: string): Promise<void> {
    if (profileId.value === id) return refresh()
    if (profileId.value) views.set(profileId.value, view.value)
    profileId.value = id
    error.value = null
    // The saved page is read only for a cluster not yet shown in this run: parsing it is not free.
    const cached = views.has(id) ? undefined : readCache(id)
    view.value = views.get(id) ?? cached?.view ?? defaultView()
    if (cached) {
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
    void topology.ensure(id)
    await refresh()
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
      clusters.sessionFailed(id, result.error)
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
    const page: CachedPage = { savedAt: fetchedAt.value, view: sent, total: count, rows: items }
    // Saving the page and a topology past its time wait until the rows are drawn, off the path from query to rows.
    requestAnimationFrame(() =>
      setTimeout(() => {
        writeSaved(STORAGE_KEYS.vmPage(id), { ...page, rows: page.rows.map(listFieldsOf) })
        void topology.ensure(id)
      })
    )
  }

  function update(patch: Partial<VmView>): Promise<void> {
    view.value = { ...view.value, ...patch }
    return refresh()
  }

  const setPage = (page: number): Promise<void> => update({ page })
  const setPageSize = (pageSize: number): Promise<void> => update({ pageSize, page: 1 })
  const setSort = (sort: VmSort | null): Promise<void> => update({ sort, page: 1 })
  const setFilters = (patch: Partial<VmFilters>): Promise<void> =>
    update({ filters: withFilters(view.value.filters, patch), page: 1 })
  const clearFilters = (): Promise<void> => update({ filters: defaultView().filters, page: 1 })

  /** Forgets a cluster's rows and saved page (after its profile is removed). */
  function forget(id: string): void {
    views.delete(id)
    removeSaved(STORAGE_KEYS.vmPage(id))
    if (profileId.value === id) {
      latestRequest++
      profileId.value = null
      rows.value = []
      total.value = undefined
      error.value = null
      loading.value = false
    }
  }

  clusters.onRemoved(forget)
  // A VM read again elsewhere (the inspector, a start or stop) updates its row, if it is on this page.
  vmFetched.on(({ profileId: id, vm }) => {
    if (id !== profileId.value || !rows.value.some((row) => row.uuid === vm.uuid)) return
    rows.value = rows.value.map((row) => (row.uuid === vm.uuid ? { ...row, ...listFieldsOf(vm) } : row))
  })
  // A migrated VM has a new host: reload the page showing it.
  onScopeDispose(
    useMigrationsStore().onFinished((record) => {
      if (record.state === 'succeeded' && record.profileId === profileId.value) void refresh()
    })
  )

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

  const ticker = useIntervalFn(
    () => {
      if (autoRefreshDue()) void refresh()
    },
    () => autoRefreshSec.value * 1000,
    { immediate: false }
  )
  watch(autoRefresh, (on) => (on ? ticker.resume() : ticker.pause()), { immediate: true })

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
    autoRefreshSec,
    filtersActive,
    open,
    refresh,
    setPage,
    setPageSize,
    setSort,
    setFilters,
    clearFilters,
    forget
  }
})
