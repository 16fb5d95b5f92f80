import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  AppError,
  MigrateParams,
  MigrationRecord,
  MigrationState,
  Result,
  VmActionRecord,
  VmInventory
} from '../../../shared/api'
import { api } from '../api'
import { appError } from '../../../shared/error-kinds'

const STATE_RANK: Record<MigrationState, number> = {
  pending: 0,
  submitted: 1,
  running: 2,
  // Same rank as running: a cancel ZStack refused puts the record back to running (a later update).
  canceling: 2,
  succeeded: 4,
  failed: 4,
  canceled: 4
}

export function isFinished(record: Pick<MigrationRecord, 'state'>): boolean {
  return record.state === 'succeeded' || record.state === 'failed' || record.state === 'canceled'
}

/** Events and replies may arrive out of order: a record never goes back to an earlier state. */
function isNewer(incoming: MigrationRecord, known: MigrationRecord | undefined): boolean {
  if (!known) return true
  const rank = STATE_RANK[incoming.state] - STATE_RANK[known.state]
  if (rank !== 0) return rank > 0
  if (incoming.polls !== known.polls) return incoming.polls > known.polls
  return incoming.updatedAt >= known.updatedAt
}

/** A start or stop never goes back from its answer to `submitted`. */
function isNewerAction(incoming: VmActionRecord, known: VmActionRecord | undefined): boolean {
  if (!known) return true
  if (known.state !== 'submitted' && incoming.state === 'submitted') return false
  return incoming.updatedAt >= known.updatedAt
}

const newestFirst = <T extends { createdAt: string }>(list: T[]): T[] =>
  list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))

const busy = (): AppError => appError('migrationUnderWay', {})

type FinishListener = (record: MigrationRecord) => void

/** Migrations domain: the migrate dialog's target, every migration seen (history + live events), the activity panel. */
export const useMigrationsStore = defineStore('migrations', () => {
  const dialogTarget = ref<{ profileId: string; vm: VmInventory } | null>(null)
  /** The migration the open dialog follows (started there, or already running for its VM). */
  const dialogRecordId = ref<string | null>(null)
  const records = ref<Record<string, MigrationRecord>>({})
  /** Starts and stops (main's VM action log), listed in Activity beside the migrations. */
  const vmActions = ref<Record<string, VmActionRecord>>({})
  const historyStatus = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const historyError = ref<AppError | null>(null)
  const activityOpen = ref(false)
  const selectedRecordId = ref<string | null>(null)
  /** `profileId/vmUuid` of submissions awaiting main's answer: one at a time per VM. */
  const inFlight = ref(new Set<string>())
  const finishListeners = new Set<FinishListener>()

  const history = computed(() => newestFirst(Object.values(records.value)))
  const actionHistory = computed(() => newestFirst(Object.values(vmActions.value)))
  const running = computed(() => history.value.filter((r) => !isFinished(r)))
  const runningCount = computed(() => running.value.length)
  const dialogRecord = computed(() =>
    dialogRecordId.value ? records.value[dialogRecordId.value] : undefined
  )
  const selectedRecord = computed(() =>
    selectedRecordId.value ? records.value[selectedRecordId.value] : undefined
  )

  function unfinishedFor(profileId: string, vmUuid: string): MigrationRecord | undefined {
    return running.value.find((r) => r.profileId === profileId && r.vmUuid === vmUuid)
  }

  function openDialog(profileId: string, vm: VmInventory): void {
    dialogTarget.value = { profileId, vm }
    dialogRecordId.value = unfinishedFor(profileId, vm.uuid)?.id ?? null
  }

  function closeDialog(): void {
    dialogTarget.value = null
    dialogRecordId.value = null
  }

  /** Takes a record from an event or a reply; tells listeners when one reaches its end. */
  function apply(record: MigrationRecord, { announce = true } = {}): void {
    const known = records.value[record.id]
    if (!isNewer(record, known)) return
    records.value[record.id] = record
    if (announce && isFinished(record) && (!known || !isFinished(known))) {
      for (const listener of finishListeners) listener(record)
    }
  }

  function onFinished(listener: FinishListener): () => void {
    finishListeners.add(listener)
    return () => finishListeners.delete(listener)
  }

  function applyAction(record: VmActionRecord): void {
    if (isNewerAction(record, vmActions.value[record.id])) vmActions.value[record.id] = record
  }

  async function loadHistory(): Promise<void> {
    historyStatus.value = 'loading'
    const [result, actions] = await Promise.all([api.listMigrations({}), api.listVmActions({})])
    if (!result.ok || !actions.ok) {
      historyStatus.value = 'error'
      historyError.value = result.ok ? (actions.ok ? null : actions.error) : result.error
      return
    }
    for (const record of result.data) apply(record, { announce: false })
    for (const record of actions.data) applyAction(record)
    historyStatus.value = 'ready'
    historyError.value = null
  }

  /** Loads the journal once at start-up (unfinished migrations resumed by main show in the badge at once). */
  function start(): Promise<void> {
    return historyStatus.value === 'idle' ? loadHistory() : Promise.resolve()
  }

  // Every migration:update lands here, whichever component is on screen.
  api.on('migration:update', (record) => apply(record))
  api.on('vm-action:update', (record) => applyAction(record))

  /** Sends one migration; a second call for the same VM while the first is unanswered is refused here. */
  async function submit(
    profileId: string,
    vmUuid: string,
    params: MigrateParams
  ): Promise<Result<MigrationRecord>> {
    const key = `${profileId}/${vmUuid}`
    const pending = unfinishedFor(profileId, vmUuid)
    if (inFlight.value.has(key) || pending) return { ok: false, error: busy() }
    inFlight.value.add(key)
    try {
      const result = await api.migrateVm({ profileId, vmUuid, params })
      if (result.ok) {
        apply(result.data)
        const target = dialogTarget.value
        if (target && target.profileId === profileId && target.vm.uuid === vmUuid)
          dialogRecordId.value = result.data.id
      }
      return result
    } finally {
      inFlight.value.delete(key)
    }
  }

  /** Asks main to cancel a long-job migration; the record goes canceling, then canceled or succeeded. */
  async function cancel(recordId: string): Promise<Result<MigrationRecord>> {
    const key = `cancel/${recordId}`
    if (inFlight.value.has(key)) return { ok: false, error: busy() }
    inFlight.value.add(key)
    try {
      const result = await api.cancelMigration({ migrationId: recordId })
      if (result.ok) apply(result.data)
      return result
    } finally {
      inFlight.value.delete(key)
    }
  }

  /** A new migration with the parameters of a failed or cancelled one; the dialog and the panel follow it. */
  async function retry(recordId: string): Promise<Result<MigrationRecord>> {
    const old = records.value[recordId]
    const key = old ? `${old.profileId}/${old.vmUuid}` : recordId
    if (inFlight.value.has(key) || (old && unfinishedFor(old.profileId, old.vmUuid)))
      return { ok: false, error: busy() }
    inFlight.value.add(key)
    try {
      const result = await api.retryMigration({ migrationId: recordId })
      if (result.ok) {
        apply(result.data)
        if (dialogRecordId.value === recordId) dialogRecordId.value = result.data.id
        if (selectedRecordId.value === recordId) selectedRecordId.value = result.data.id
      }
      return result
    } finally {
      inFlight.value.delete(key)
    }
  }

  function openActivity(recordId?: string): void {
    selectedRecordId.value = recordId ?? null
    activityOpen.value = true
  }

  function closeActivity(): void {
    activityOpen.value = false
  }

  return {
    dialogTarget,
    dialogRecordId,
    dialogRecord,
    records,
    history,
    vmActions,
    actionHistory,
    running,
    runningCount,
    historyStatus,
    historyError,
    activityOpen,
    selectedRecordId,
    selectedRecord,
    inFlight,
    openDialog,
    closeDialog,
    apply,
    onFinished,
    loadHistory,
    start,
    submit,
    cancel,
    retry,
    openActivity,
    closeActivity
  }
})
