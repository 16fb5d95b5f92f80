// Fleet operations: plans for many migrations, the queue that runs them, host draining and its report.
import type { HostExclusionReason, MigrationProgress } from './migration-types'
import type { AppError } from './result'

/** A host as a plan or a report names it. */
export interface HostRef {
  hostUuid: string
  hostName?: string
}

/** Why a host was not chosen for a row: the migrate dialog's reasons, with the plan's own earlier placements counted. */
export interface HostRefusal extends HostRef {
  reasons: HostExclusionReason[]
}

/** One VM of a plan. */
export interface BatchPlanRow {
  vmUuid: string
  vmName: string
  /** The VM's state when planned. */
  vmState: string
  memorySize: number
  cpuNum: number
  /** Where it is now (hostUuid null: it has no host, e.g. Stopped). */
  from: { hostUuid: string | null; hostName?: string }
  /** The destination as asked: `auto` lets the planner pick the host with most free memory. */
  destination: 'auto' | string
  /** Where it is planned to go; absent when it cannot be placed. */
  to?: HostRef
  /** Set when the row cannot be placed: the VM's state forbids it (`error`), or every host is refused (`hosts`). */
  unplaceable?: { error?: AppError; hosts: HostRefusal[] }
}

/** A VM listed by a drain plan but left alone (Stopped and the drained host its last host). */
export interface BatchStoppedVm {
  vmUuid: string
  vmName: string
  vmState: string
}

export interface BatchHostSummary extends HostRef {
  state: string
  status: string
}

export interface BatchPlan {
  profileId: string
  rows: BatchPlanRow[]
  /** Drain plans only: the drained host and its Stopped VMs (listed, never touched). */
  drain?: { host: BatchHostSummary; stopped: BatchStoppedVm[] }
  /** When it was computed (ISO time). */
  plannedAt: string
}

/**
 * A row of a running batch. `queued`: waiting for a slot; `running`: its migration is journaled and followed;
 * `skipped`: re-read before sending and found changed (deleted, moved by someone else, state changed, no host fits).
 */
export type BatchRowState = 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'canceled'

export interface BatchRow {
  vmUuid: string
  vmName: string
  from: { hostUuid: string | null; hostName?: string }
  destination: 'auto' | string
  /** The host it was sent to (chosen right before sending for `auto`), then where it ended. */
  to?: HostRef
  state: BatchRowState
  /** Its record in the migration journal (Activity), once journaled. */
  migrationId?: string
  progress?: MigrationProgress
  startedAt?: string
  finishedAt?: string
  durationMs?: number
  /** Why it failed, was skipped or canceled. */
  reason?: AppError
}

/** `paused`: by the user or by main (see `pausedBy`); `finished`: every row ended; `canceled`: stopped by the user. */
export type BatchState = 'running' | 'paused' | 'finished' | 'canceled'

export interface BatchOptions {
  /** At most this many migrations at once (default 2). */
  concurrency: number
  /** At most this many at once from or to any one host; absent: no limit beyond `concurrency`. */
  perHostLimit?: number
  stopOnFirstFailure: boolean
}

/** What the drain found after its queue ended (the host re-read). */
export interface DrainOutcome {
  /** No Running, Paused, Migrating or Unknown VM was left on the host. */
  empty: boolean
  /** The VMs still on the host, and why each stayed. */
  remaining: { vmUuid: string; vmName: string; vmState: string; reason?: AppError }[]
  /** `maintain` was asked and the host reached Maintenance. */
  maintained: boolean
  /** The host's state when the drain ended. */
  hostState?: string
  /** Why maintenance was not entered (not empty, or the node refused). */
  error?: AppError
}

export interface BatchCounts {
  queued: number
  running: number
  succeeded: number
  failed: number
  skipped: number
  canceled: number
}

/** A batch of migrations (or a drain): its live status while it runs, its report once finished. */
export interface MigrationBatch {
  id: string
  profileId: string
  profileName: string
  kind: 'migrate' | 'drain'
  state: BatchState
  /** Why it is paused: absent when the user paused it; e.g. the drained host went Disconnected. */
  pausedBy?: AppError
  options: BatchOptions
  drain?: {
    host: HostRef
    thenMaintain: boolean
    stopped: BatchStoppedVm[]
    /** Set once the queue ended and the host was verified. */
    outcome?: DrainOutcome
  }
  rows: BatchRow[]
  counts: BatchCounts
  createdAt: string
  updatedAt: string
  finishedAt?: string
}

export const BATCH_MAX_ROWS = 500
export const BATCH_MAX_CONCURRENCY = 16
export const BATCH_DEFAULT_CONCURRENCY = 2
