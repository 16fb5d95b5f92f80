// Batch domain: the VMs picked for a bulk migration, the plan being edited, the queues main runs, their reports.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type {
  AppError,
  BatchPlan,
  HostInventory,
  MigrationBatch,
  Result,
  VmInventory
} from '../../../shared/api'
import { BATCH_DEFAULT_CONCURRENCY } from '../../../shared/batch-types'
import { appError } from '../../../shared/error-kinds'
import { api } from '../api'

export interface BatchRunOptions {
  concurrency: number
  /** Absent: no limit per host beyond `concurrency`. */
  perHostLimit?: number
  stopOnFirstFailure: boolean
  /** Drains only: put the host into maintenance once it is verified empty. */
  thenMaintain: boolean
}

/** What the plan was asked for, so a changed row can be planned again. */
type PlanRequest =
  | { kind: 'migrate'; profileId: string; vmUuids: string[] }
  | { kind: 'drain'; profileId: string; hostUuid: string }

export const isBatchOver = (batch: Pick<MigrationBatch, 'state'>): boolean =>
  batch.state === 'finished' || batch.state === 'canceled'

const defaultOptions = (): BatchRunOptions => ({
  concurrency: BATCH_DEFAULT_CONCURRENCY,
  stopOnFirstFailure: false,
  thenMaintain: false
})

export const useBatchStore = defineStore('batch', () => {
  /** The cluster the picked VMs belong to: a batch never spans clusters. */
  const selectionProfileId = ref<string | null>(null)
  /** Picked VMs by uuid, kept across pages of the list. */
  const selected = ref<Record<string, VmInventory>>({})

  const selectedCount = computed(() => Object.keys(selected.value).length)
  const selectedVms = computed(() => Object.values(selected.value))
  const isSelected = (uuid: string): boolean => uuid in selected.value

  function startSelection(profileId: string): void {
    if (selectionProfileId.value === profileId) return
    selected.value = {}
    selectionProfileId.value = profileId
  }

  /** Picks or drops one VM; a VM of another cluster starts a new selection. */
  function toggle(profileId: string, vm: VmInventory, on = !isSelected(vm.uuid)): void {
    toggleAll(profileId, [vm], on)
  }

  /** Picks or drops every VM shown (the header checkbox). */
  function toggleAll(profileId: string, vms: readonly VmInventory[], on: boolean): void {
    startSelection(profileId)
    const next = { ...selected.value }
    for (const vm of vms) {
      if (on) next[vm.uuid] = vm
      else delete next[vm.uuid]
    }
    selected.value = next
  }

  function clearSelection(): void {
    selected.value = {}
    selectionProfileId.value = null
  }

  // The dialog: a plan being edited, or a batch followed. It opens only when the admin asks.
  const dialogOpen = ref(false)
  const request = ref<PlanRequest | null>(null)
  // Shallow: replaced whole on every (re)plan.
  const plan = shallowRef<BatchPlan | null>(null)
  const planLoading = ref(false)
  const planError = ref<AppError | null>(null)
  /** The admin's choices: a VM absent here goes to `auto`. */
  const destinations = ref<Record<string, string>>({})
  const options = ref<BatchRunOptions>(defaultOptions())
  const starting = ref(false)
  const startError = ref<AppError | null>(null)
  const batchId = ref<string | null>(null)
  let planToken = 0

  // Every batch seen: the journal read once, then `batch:update` events.
  const batches = ref<Record<string, MigrationBatch>>({})
  const listed = ref(false)
  const batch = computed(() => (batchId.value ? batches.value[batchId.value] : undefined))
  const history = computed(() =>
    Object.values(batches.value).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
  )
  const runningCount = computed(() => history.value.filter((b) => !isBatchOver(b)).length)

  /** Events and replies may cross: the later `updatedAt` wins. */
  function apply(next: MigrationBatch): void {
    const known = batches.value[next.id]
    if (known && known.updatedAt > next.updatedAt) return
    batches.value = { ...batches.value, [next.id]: next }
  }
  api.on('batch:update', apply)

  async function loadBatches(): Promise<void> {
    const result = await api.listBatches({})
    if (!result.ok) return
    for (const one of result.data) apply(one)
    listed.value = true
  }

  async function loadPlan(): Promise<void> {
    const asked = request.value
    if (!asked) return
    const token = ++planToken
    planLoading.value = true
    planError.value = null
    const chosen = Object.entries(destinations.value).map(([vmUuid, hostUuid]) => ({ vmUuid, hostUuid }))
    let result: Result<BatchPlan>
    if (asked.kind === 'migrate') {
      result = await api.planMigrations({
        profileId: asked.profileId,
        vmUuids: asked.vmUuids,
        destinations: chosen.length ? chosen : undefined
      })
    } else if (chosen.length && plan.value?.drain) {
      // A drain row changed: the same VMs planned again with the choice, the drain's host kept.
      const drain = plan.value.drain
      result = await api.planMigrations({
        profileId: asked.profileId,
        vmUuids: plan.value.rows.map((row) => row.vmUuid),
        destinations: chosen
      })
      if (result.ok) result = { ok: true, data: { ...result.data, drain } }
    } else {
      result = await api.planDrain({ profileId: asked.profileId, hostUuid: asked.hostUuid })
    }
    if (token !== planToken) return
    planLoading.value = false
    if (result.ok) plan.value = result.data
    else planError.value = result.error
  }

  function openPlan(next: PlanRequest): Promise<void> {
    request.value = next
    plan.value = null
    destinations.value = {}
    options.value = defaultOptions()
    startError.value = null
    batchId.value = null
    dialogOpen.value = true
    return loadPlan()
  }

  const openMigratePlan = (profileId: string, vmUuids: string[]): Promise<void> =>
    openPlan({ kind: 'migrate', profileId, vmUuids })
  const openDrainPlan = (profileId: string, hostUuid: string): Promise<void> =>
    openPlan({ kind: 'drain', profileId, hostUuid })

  /** One row's destination: `auto` or a host uuid; the whole plan is made again (placements are counted in order). */
  function setDestination(vmUuid: string, destination: string): Promise<void> {
    const next = { ...destinations.value }
    if (destination === 'auto') delete next[vmUuid]
    else next[vmUuid] = destination
    destinations.value = next
    return loadPlan()
  }

  /** The rows that can be sent: every placeable row, with its destination as the admin left it. */
  const runnableRows = computed(() =>
    (plan.value?.rows ?? [])
      .filter((row) => !row.unplaceable)
      .map((row) => ({
        vmUuid: row.vmUuid,
        hostUuid: row.destination === 'auto' ? undefined : row.destination
      }))
  )

  async function run(): Promise<void> {
    const current = plan.value
    const rows = runnableRows.value
    // Held before anything else: a second click finds it taken, and the queue is never started twice.
    if (!current || starting.value || batchId.value || rows.length === 0) return
    starting.value = true
    startError.value = null
    const { concurrency, perHostLimit, stopOnFirstFailure, thenMaintain } = options.value
    const result = await api.startBatch({
      profileId: current.profileId,
      rows,
      concurrency,
      perHostLimit,
      stopOnFirstFailure,
      drain: current.drain ? { hostUuid: current.drain.host.hostUuid, thenMaintain } : undefined
    })
    starting.value = false
    if (!result.ok) {
      startError.value = result.error
      return
    }
    apply(result.data)
    batchId.value = result.data.id
    if (selectionProfileId.value === current.profileId) clearSelection()
  }

  /** Shows a batch (from the header or Activity): its queue while it runs, its report after. */
  function show(id: string): void {
    batchId.value = id
    request.value = null
    plan.value = null
    dialogOpen.value = true
  }

  function closeDialog(): void {
    dialogOpen.value = false
    planToken++
  }

  async function act(call: () => Promise<Result<MigrationBatch>>): Promise<Result<MigrationBatch>> {
    const result = await call()
    if (result.ok) apply(result.data)
    return result
  }

  const pause = (id: string) => act(() => api.pauseBatch({ batchId: id }))
  const resume = (id: string) => act(() => api.resumeBatch({ batchId: id }))
  const stop = (id: string) => act(() => api.cancelBatch({ batchId: id }))
  const cancelRow = (id: string, vmUuid: string) => act(() => api.cancelBatchRow({ batchId: id, vmUuid }))

  /** One host state change at a time per host: a second click is refused, never sent. */
  const hostChanging = ref<Record<string, boolean>>({})
  async function changeHostState(
    profileId: string,
    hostUuid: string,
    stateEvent: 'enable' | 'maintain'
  ): Promise<Result<HostInventory>> {
    if (hostChanging.value[hostUuid]) return { ok: false, error: appError('migrationUnderWay', {}) }
    hostChanging.value = { ...hostChanging.value, [hostUuid]: true }
    try {
      return await api.changeHostState({ profileId, hostUuid, stateEvent })
    } finally {
      const { [hostUuid]: _done, ...rest } = hostChanging.value
      hostChanging.value = rest
    }
  }

  return {
    selectionProfileId,
    selected,
    selectedCount,
    selectedVms,
    isSelected,
    toggle,
    toggleAll,
    clearSelection,
    dialogOpen,
    request,
    plan,
    planLoading,
    planError,
    destinations,
    options,
    runnableRows,
    starting,
    startError,
    batchId,
    batch,
    batches,
    history,
    runningCount,
    listed,
    hostChanging,
    apply,
    loadBatches,
    loadPlan,
    openMigratePlan,
    openDrainPlan,
    setDestination,
    run,
    show,
    closeDialog,
    pause,
    resume,
    stop,
    cancelRow,
    changeHostState
  }
})
