// The batch queue: at most K migrations at once (and per host), each through the migration tracker (journaled, sent
// once, followed), every row re-read before it is sent; batches are on disk so a restart resumes them.
import { randomUUID } from 'node:crypto'
import type { BatchCounts, BatchRow, BatchRowState, MigrationBatch } from '../../shared/batch-types'
import { BATCH_DEFAULT_CONCURRENCY } from '../../shared/batch-types'
import type { DeskInput } from '../../shared/contract/desk-contract'
import { appError } from '../../shared/error-kinds'
import type { MigrationRecord } from '../../shared/migration-types'
import type { AppError } from '../../shared/result'
import type { HostInventory, VmInventory } from '../../shared/zstack-types'
import type { ClusterProfile } from '../../shared/profile-types'
import { deskError } from '../desk-error'
import type { DeskEventBus } from '../event-bus'
import type { Logger } from '../log/logger'
import type { MigrationTracker, TopologySource } from '../migrations/migration-tracker'
import type { SessionManager } from '../sessions/session-manager'
import { isTransientFailure, toAppError } from '../zstack/to-app-error'
import { isMigratable, placeVm, reserve, type Reservations } from './batch-planner'
import type { BatchStore } from './batch-store'
import { readHost, readVms, stoppedFrom, zoneHosts } from './cluster-reads'
import { verifyDrain } from './drain-verify'

export type StartBatchRequest = DeskInput<'startBatch'>

export interface BatchQueueOptions {
  store: BatchStore
  tracker: MigrationTracker
  sessions: SessionManager
  topology: TopologySource
  events: DeskEventBus
  findProfile: (profileId: string) => ClusterProfile | undefined
  now?: () => Date
  logger?: Logger
  /** Pause before a row whose reads failed is tried again, and between reconciliations (default 1 s). */
  tickMs?: number
}

export interface BatchQueue {
  start(request: StartBatchRequest): Promise<MigrationBatch>
  pause(batchId: string): Promise<MigrationBatch>
  resume(batchId: string): Promise<MigrationBatch>
  cancel(batchId: string): Promise<MigrationBatch>
  cancelRow(batchId: string, vmUuid: string): Promise<MigrationBatch>
  list(profileId?: string): MigrationBatch[]
  get(batchId: string): MigrationBatch
  /** Picks up every unfinished batch on disk (after a restart): journaled rows are followed, never resent. */
  resumeAll(): void
  dispose(): Promise<void>
}

/** What a batch needs while it runs, never written to disk. */
interface Runtime {
  /** Rows being re-read and sent right now (still `queued` until their migration is journaled). */
  dispatching: Set<string>
  /** Rows that fit only once an in-flight migration ends (its capacity or per-host slot): tried after the next end. */
  waiting: Set<string>
  /** Rows whose reads failed: not before this time. */
  retryAt: Map<string, number>
  /** Sizes of the VMs in flight, to count their destination capacity until the node shows it. */
  sizes: Map<string, VmInventory>
  finishing: boolean
}

const ENDED: readonly BatchRowState[] = ['succeeded', 'failed', 'skipped', 'canceled']
const isEnded = (row: BatchRow): boolean => ENDED.includes(row.state)

function countsOf(rows: BatchRow[]): BatchCounts {
  const counts: BatchCounts = { queued: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, canceled: 0 }
  for (const row of rows) counts[row.state]++
  return counts
}

export function createBatchQueue(options: BatchQueueOptions): BatchQueue {
  const { store, tracker, sessions, topology, events } = options
  const now = options.now ?? (() => new Date())
  const tickMs = options.tickMs ?? 1000
  const runtimes = new Map<string, Runtime>()
  let disposed = false
  let ticker: NodeJS.Timeout | undefined

  const runtimeOf = (batch: MigrationBatch): Runtime => {
    let rt = runtimes.get(batch.id)
    if (!rt) {
      rt = {
        dispatching: new Set(),
        waiting: new Set(),
        retryAt: new Map(),
        sizes: new Map(),
        finishing: false
      }
      runtimes.set(batch.id, rt)
    }
    return rt
  }

  const emit = (batch: MigrationBatch): void => {
    batch.counts = countsOf(batch.rows)
    events.emit('batch:update', structuredClone(batch))
  }

  const save = async (batch: MigrationBatch): Promise<void> => {
    batch.updatedAt = now().toISOString()
    batch.counts = countsOf(batch.rows)
    await store.put(batch)
    emit(batch)
  }

  const saveQuietly = (batch: MigrationBatch): void =>
    void save(batch).catch((error: unknown) =>
      options.logger?.error('Could not write the batch file', { id: batch.id, error: String(error) })
    )

  const batchOf = (batchId: string): MigrationBatch => {
    const batch = store.get(batchId)
    if (!batch) throw deskError('noSuchBatch', { id: batchId })
    return batch
  }

  /**
   * The user's pause or resume: a batch neither finished nor canceled goes from `from` to `to` (one already there
   * stays), saved. A resumed batch tries its waiting rows afresh.
   */
  const switchActive = async (
    batchId: string,
    from: 'running' | 'paused',
    to: 'running' | 'paused'
  ): Promise<MigrationBatch> => {
    const batch = batchOf(batchId)
    if (batch.finishedAt || batch.state === 'canceled')
      throw deskError('batchNotActive', { state: batch.state })
    if (batch.state === from) {
      batch.state = to
      delete batch.pausedBy
      if (to === 'running') runtimeOf(batch).waiting.clear()
      await save(batch)
    }
    return batch
  }

  const endRow = (row: BatchRow, state: BatchRowState, reason?: AppError): void => {
    row.state = state
    row.finishedAt = now().toISOString()
    if (row.startedAt) row.durationMs = Date.parse(row.finishedAt) - Date.parse(row.startedAt)
    if (reason) row.reason = reason
    else delete row.reason
  }

  /** After a failure with "stop on first failure": the queued rows end, the running ones are left to finish. */
  const stopRest = (batch: MigrationBatch, failed: BatchRow): void => {
    for (const row of batch.rows) {
      if (row.state === 'queued' && !runtimeOf(batch).dispatching.has(row.vmUuid))
        endRow(row, 'canceled', appError('batchStoppedAfterFailure', { vm: failed.vmName }))
    }
  }

  /** The row as its journaled migration says; true when that ended it just now. */
  const applyRecord = (batch: MigrationBatch, row: BatchRow, record: MigrationRecord): boolean => {
    row.migrationId = record.id
    if (record.progress) row.progress = record.progress
    if (isEnded(row)) return false
    if (record.state === 'succeeded') {
      const host = record.after?.hostUuid
      if (host)
        row.to = { hostUuid: host, ...(record.after?.hostName ? { hostName: record.after.hostName } : {}) }
      endRow(row, 'succeeded')
    } else if (record.state === 'failed') endRow(row, 'failed', record.error)
    else if (record.state === 'canceled') endRow(row, 'canceled', record.error)
    else return false
    if (record.finishedAt) row.finishedAt = record.finishedAt
    if (row.startedAt && row.finishedAt)
      row.durationMs = Date.parse(row.finishedAt) - Date.parse(row.startedAt)
    const rt = runtimeOf(batch)
    rt.sizes.delete(row.vmUuid)
    rt.waiting.clear()
    if (row.state === 'failed' && batch.options.stopOnFirstFailure) stopRest(batch, row)
    return true
  }

  const onRecord = (record: MigrationRecord): void => {
    if (!record.batchId || disposed) return
    const batch = store.get(record.batchId)
    const row = batch?.rows.find(
      (r) =>
        r.vmUuid === record.vmUuid &&
        (r.migrationId === record.id || (!r.migrationId && r.state === 'running'))
    )
    if (!batch || !row) return
    const ended = applyRecord(batch, row, record)
    if (ended) {
      saveQuietly(batch)
      pump(batch)
    } else emit(batch)
  }
  const unsubscribe = events.on('migration:update', onRecord)

  /** In-flight rows per host (as source or destination), the given row left out. */
  const hostLoads = (batch: MigrationBatch, except: string): Map<string, number> => {
    const loads = new Map<string, number>()
    const add = (host: string | null | undefined): void => {
      if (host) loads.set(host, (loads.get(host) ?? 0) + 1)
    }
    const rt = runtimeOf(batch)
    for (const row of batch.rows) {
      if (row.vmUuid === except) continue
      if (row.state === 'running') {
        add(row.from.hostUuid)
        add(row.to?.hostUuid)
      } else if (rt.dispatching.has(row.vmUuid)) {
        add(row.from.hostUuid)
        if (row.destination !== 'auto') add(row.destination)
      }
    }
    return loads
  }

  const inFlight = (batch: MigrationBatch): number =>
    batch.rows.filter((r) => r.state === 'running').length +
    batch.rows.filter((r) => r.state === 'queued' && runtimeOf(batch).dispatching.has(r.vmUuid)).length

  const nextRow = (batch: MigrationBatch): BatchRow | undefined => {
    const rt = runtimeOf(batch)
    const limit = batch.options.perHostLimit ?? Infinity
    const at = Date.now()
    return batch.rows.find((row) => {
      if (row.state !== 'queued' || rt.dispatching.has(row.vmUuid) || rt.waiting.has(row.vmUuid)) return false
      if ((rt.retryAt.get(row.vmUuid) ?? 0) > at) return false
      const loads = hostLoads(batch, row.vmUuid)
      if (row.from.hostUuid && (loads.get(row.from.hostUuid) ?? 0) >= limit) return false
      return row.destination === 'auto' || (loads.get(row.destination) ?? 0) < limit
    })
  }

  const pauseFor = (batch: MigrationBatch, reason: AppError): void => {
    if (batch.state !== 'running') return
    batch.state = 'paused'
    batch.pausedBy = reason
    saveQuietly(batch)
  }

  type Dispatch = 'sent' | 'ended' | 'wait' | 'retry' | 'not-now'

  /** Re-reads the VM and the hosts, picks the destination, then hands the row to the tracker. */
  const dispatch = async (batch: MigrationBatch, row: BatchRow): Promise<Dispatch> => {
    const rt = runtimeOf(batch)
    let vm: VmInventory | undefined
    let hosts: HostInventory[]
    try {
      vm = await sessions.run('read', batch.profileId, (l) => l.client.getVm(l.sessionUuid, row.vmUuid))
      if (!vm) {
        endRow(row, 'skipped', appError('batchVmGone', { vm: row.vmName }))
        return 'ended'
      }
      if (!isMigratable(vm)) {
        endRow(row, 'skipped', appError('batchVmStateChanged', { vm: row.vmName, state: vm.state }))
        return 'ended'
      }
      if (vm.hostUuid !== row.from.hostUuid) {
        const host = row.from.hostName ?? row.from.hostUuid ?? '-'
        endRow(row, 'skipped', appError('batchVmMovedElsewhere', { vm: row.vmName, host }))
        return 'ended'
      }
      hosts = await zoneHosts(sessions, batch.profileId, vm.zoneUuid)
    } catch (error) {
      options.logger?.warn('A batch row could not be read; trying again', {
        batch: batch.id,
        vm: row.vmUuid,
        error: toAppError(error).message
      })
      return 'retry'
    }
    const names = await topology.get(batch.profileId).catch(() => undefined)
    if (batch.state !== 'running') return 'not-now'
    const source = hosts.find((h) => h.uuid === vm.hostUuid)
    // A source the node cannot reach fails its migration (HOST.1011): the queue waits for it instead.
    if (source && source.status !== 'Connected') {
      pauseFor(batch, appError('batchHostDisconnected', { host: source.name }))
      return 'not-now'
    }
    const topo = names ?? { zones: [], clusters: [], hosts: [], primaryStorage: [] }
    const reservations: Reservations = new Map()
    for (const other of batch.rows) {
      const size = rt.sizes.get(other.vmUuid)
      if (other.state === 'running' && other.to && size) reserve(reservations, other.to.hostUuid, size)
    }
    const limit = batch.options.perHostLimit ?? Infinity
    const loads = hostLoads(batch, row.vmUuid)
    const open = hosts.filter((h) => (loads.get(h.uuid) ?? 0) < limit || h.uuid === vm.hostUuid)
    const destination = row.destination === 'auto' ? undefined : row.destination
    const placed = placeVm(vm, destination, open, topo, reservations)
    if (!placed.to) {
      // Would it fit once the migrations in flight end? Then wait for them rather than give up.
      const later = placeVm(vm, destination, hosts, topo, new Map())
      if (later.to && inFlight(batch) > 1) return 'wait'
      const details = (later.refused ?? placed.refused ?? [])
        .map((h) => `${h.hostName ?? h.hostUuid}: ${h.reasons.join(', ')}`)
        .join('; ')
      endRow(row, 'skipped', appError('batchNoHostFits', { vm: row.vmName }, details ? { details } : {}))
      return 'ended'
    }
    // Committed: the row is running (on disk) before the migration is journaled, so a restart looks for it.
    row.state = 'running'
    row.to = { hostUuid: placed.to.uuid, hostName: placed.to.name }
    row.startedAt = now().toISOString()
    rt.sizes.set(row.vmUuid, vm)
    await save(batch).catch(() => undefined)
    try {
      const record = await tracker.migrate(
        batch.profileId,
        row.vmUuid,
        { hostUuid: placed.to.uuid },
        { batchId: batch.id }
      )
      applyRecord(batch, row, record)
    } catch (error) {
      const record = tracker.ofBatch(batch.id).find((r) => r.vmUuid === row.vmUuid)
      const reason = toAppError(error)
      if (!record && isTransientFailure(reason)) {
        // Nothing was journaled, so nothing was sent (a read before it failed): the row is tried again later.
        row.state = 'queued'
        delete row.startedAt
        delete row.to
        rt.sizes.delete(row.vmUuid)
        await save(batch).catch(() => undefined)
        return 'retry'
      }
      if (record) {
        applyRecord(batch, row, record)
        if (!isEnded(row)) endRow(row, 'failed', reason)
      } else if (reason.code === 'MIGRATION_IN_PROGRESS') endRow(row, 'skipped', reason)
      else endRow(row, 'failed', reason)
      rt.sizes.delete(row.vmUuid)
      if ((row.state as BatchRowState) === 'failed' && batch.options.stopOnFirstFailure) stopRest(batch, row)
    }
    return 'sent'
  }

  const finish = async (batch: MigrationBatch): Promise<void> => {
    const rt = runtimeOf(batch)
    rt.finishing = true
    try {
      if (batch.drain) {
        batch.drain.outcome = await verifyDrain({
          sessions,
          batch,
          clusterName: options.findProfile(batch.profileId)?.name ?? batch.profileName,
          tickMs
        })
      }
      batch.finishedAt = now().toISOString()
      if (batch.state !== 'canceled') batch.state = 'finished'
      delete batch.pausedBy
      await save(batch)
      runtimes.delete(batch.id)
    } catch (error) {
      // The host could not be verified now (network, session): the next tick tries again.
      options.logger?.warn('A batch could not be finished yet', { id: batch.id, error: String(error) })
    } finally {
      rt.finishing = false
    }
  }

  function pump(batch: MigrationBatch): void {
    if (disposed || batch.finishedAt) return
    const rt = runtimeOf(batch)
    if (batch.state === 'running') {
      while (inFlight(batch) < batch.options.concurrency) {
        const row = nextRow(batch)
        if (!row) break
        rt.dispatching.add(row.vmUuid)
        void dispatch(batch, row)
          .then((outcome) => {
            if (outcome === 'wait') rt.waiting.add(row.vmUuid)
            if (outcome === 'retry') rt.retryAt.set(row.vmUuid, Date.now() + tickMs)
            else rt.retryAt.delete(row.vmUuid)
            if (outcome === 'ended') {
              rt.waiting.clear()
              saveQuietly(batch)
            }
          })
          .catch((error: unknown) => {
            options.logger?.error('A batch row stopped unexpectedly', { id: batch.id, error: String(error) })
            rt.retryAt.set(row.vmUuid, Date.now() + tickMs)
          })
          .finally(() => {
            rt.dispatching.delete(row.vmUuid)
            pump(batch)
          })
      }
    }
    const open = batch.rows.some(
      (r) => r.state === 'running' || (r.state === 'queued' && batch.state !== 'canceled')
    )
    if (!open && rt.dispatching.size === 0 && !rt.finishing) void finish(batch)
  }

  /** Catches what an event may have missed (a record that ended while nobody listened), and retries due rows. */
  const tick = (): void => {
    for (const batch of store.list()) {
      if (batch.finishedAt) continue
      const records = new Map(tracker.ofBatch(batch.id).map((r) => [r.id, r]))
      let ended = false
      for (const row of batch.rows) {
        const record = row.migrationId ? records.get(row.migrationId) : undefined
        if (row.state === 'running' && record && applyRecord(batch, row, record)) ended = true
      }
      if (ended) saveQuietly(batch)
      if (batch.state === 'running' || batch.state === 'canceled') pump(batch)
    }
  }

  const ensureTicker = (): void => {
    if (ticker || disposed) return
    ticker = setInterval(tick, tickMs)
    ticker.unref()
  }

  const clone = (batch: MigrationBatch): MigrationBatch => {
    batch.counts = countsOf(batch.rows)
    return structuredClone(batch)
  }

  /** Sets a started or resumed batch going: the ticker on, its next rows sent; a copy for the caller. */
  const setGoing = (batch: MigrationBatch): MigrationBatch => {
    ensureTicker()
    pump(batch)
    return clone(batch)
  }

  const activeRowOf = (profileId: string, vmUuid: string): MigrationBatch | undefined =>
    store
      .list()
      .find(
        (b) =>
          !b.finishedAt &&
          b.profileId === profileId &&
          b.rows.some((r) => r.vmUuid === vmUuid && (r.state === 'queued' || r.state === 'running'))
      )

  return {
    async start(request) {
      const profile = options.findProfile(request.profileId)
      if (!profile) throw deskError('noSuchProfile', { id: request.profileId })
      const seen = new Set<string>()
      for (const row of request.rows) {
        if (seen.has(row.vmUuid)) throw deskError('batchDuplicateVm', { vm: row.vmUuid })
        seen.add(row.vmUuid)
        if (activeRowOf(request.profileId, row.vmUuid)) throw deskError('batchVmQueued', { vm: row.vmUuid })
      }
      const drainHost = request.drain
        ? await readHost(sessions, request.profileId, request.drain.hostUuid)
        : undefined
      if (request.drain && !drainHost)
        throw deskError('noSuchHost', { host: request.drain.hostUuid, cluster: profile.name })
      const [vms, names, stopped] = await Promise.all([
        readVms(
          sessions,
          request.profileId,
          request.rows.map((r) => r.vmUuid)
        ),
        topology.get(request.profileId).catch(() => undefined),
        drainHost ? stoppedFrom(sessions, request.profileId, drainHost) : Promise.resolve([])
      ])
      const hostName = (uuid: string | undefined | null): string | undefined =>
        uuid ? names?.hosts.find((h) => h.uuid === uuid)?.name : undefined
      const at = now().toISOString()
      const rows: BatchRow[] = request.rows.map((wanted, i) => {
        const vm = vms[i]
        const from = vm?.hostUuid ?? null
        const fromName = hostName(from)
        const row: BatchRow = {
          vmUuid: wanted.vmUuid,
          vmName: vm?.name ?? wanted.vmUuid,
          from: { hostUuid: from, ...(fromName ? { hostName: fromName } : {}) },
          destination: wanted.hostUuid ?? 'auto',
          state: 'queued'
        }
        if (!vm) endRow(row, 'skipped', appError('batchVmGone', { vm: wanted.vmUuid }))
        return row
      })
      const batch: MigrationBatch = {
        id: randomUUID(),
        profileId: request.profileId,
        profileName: profile.name,
        kind: request.drain ? 'drain' : 'migrate',
        state: 'running',
        options: {
          concurrency: request.concurrency ?? BATCH_DEFAULT_CONCURRENCY,
          ...(request.perHostLimit !== undefined ? { perHostLimit: request.perHostLimit } : {}),
          stopOnFirstFailure: request.stopOnFirstFailure
        },
        ...(request.drain && drainHost
          ? {
              drain: {
                host: { hostUuid: drainHost.uuid, hostName: drainHost.name },
                thenMaintain: request.drain.thenMaintain,
                stopped: stopped.map((vm) => ({ vmUuid: vm.uuid, vmName: vm.name, vmState: vm.state }))
              }
            }
          : {}),
        rows,
        counts: countsOf(rows),
        createdAt: at,
        updatedAt: at
      }
      await save(batch)
      return setGoing(batch)
    },

    pause: async (batchId) => clone(await switchActive(batchId, 'running', 'paused')),

    resume: async (batchId) => setGoing(await switchActive(batchId, 'paused', 'running')),

    async cancel(batchId) {
      const batch = batchOf(batchId)
      if (batch.finishedAt) throw deskError('batchNotActive', { state: batch.state })
      batch.state = 'canceled'
      delete batch.pausedBy
      const rt = runtimeOf(batch)
      for (const row of batch.rows) {
        if (row.state === 'queued' && !rt.dispatching.has(row.vmUuid))
          endRow(row, 'canceled', appError('batchRowCanceled', { vm: row.vmName }))
      }
      await save(batch)
      for (const row of batch.rows) {
        // A plain migration cannot be canceled: it is left to finish and reported as it ends.
        if (row.state === 'running' && row.migrationId)
          await tracker.cancel(row.migrationId).catch(() => undefined)
      }
      pump(batch)
      return clone(batch)
    },

    async cancelRow(batchId, vmUuid) {
      const batch = batchOf(batchId)
      const row = batch.rows.find((r) => r.vmUuid === vmUuid)
      if (!row) throw deskError('noSuchVm', { vm: vmUuid, cluster: batch.profileName })
      if (row.state === 'queued' && !runtimeOf(batch).dispatching.has(vmUuid)) {
        endRow(row, 'canceled', appError('batchRowCanceled', { vm: row.vmName }))
        await save(batch)
        pump(batch)
      } else if (row.state === 'running' && row.migrationId) {
        const record = await tracker.cancel(row.migrationId)
        applyRecord(batch, row, record)
        emit(batch)
      } else throw deskError('batchRowNotCancellable', { vm: row.vmName })
      return clone(batch)
    },

    list: (profileId) =>
      store
        .list()
        .filter((b) => profileId === undefined || b.profileId === profileId)
        .map(clone),

    get: (batchId) => clone(batchOf(batchId)),

    resumeAll() {
      for (const batch of store.list()) {
        if (batch.finishedAt) continue
        const records = tracker.ofBatch(batch.id)
        for (const row of batch.rows) {
          if (row.state !== 'running') continue
          const record =
            records.find((r) => r.id === row.migrationId) ??
            (row.migrationId ? undefined : records.find((r) => r.vmUuid === row.vmUuid))
          if (record) applyRecord(batch, row, record)
          else if (!row.migrationId) {
            // Never journaled, so never sent: it goes back to the queue and is re-read before it is sent.
            row.state = 'queued'
            delete row.startedAt
            delete row.to
          }
        }
        saveQuietly(batch)
        pump(batch)
      }
      ensureTicker()
    },

    async dispose() {
      disposed = true
      unsubscribe()
      if (ticker) clearInterval(ticker)
      await store.close()
    }
  }
}
