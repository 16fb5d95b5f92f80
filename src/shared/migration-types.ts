import type { z } from 'zod'
import type { migrateParamsSchema } from './contract/fields'
import type { AppError } from './result'
import type { VmInventory } from './zstack-types'

/** Body fields of `migrateVm` (downTime in milliseconds); an absent field is not sent. */
export type MigrateParams = z.infer<typeof migrateParamsSchema>

export const DOWNTIME_MIN_MS = 1
export const DOWNTIME_MAX_MS = 600_000

/** `canceling` and `canceled` only happen to long-job migrations (see `MigrationRecord.mode`). */
export type MigrationState =
  'pending' | 'submitted' | 'running' | 'canceling' | 'succeeded' | 'failed' | 'canceled'

/** `long-job`: POST /v1/longjobs (cancellable, with progress); `plain`: the migrateVm action (neither). */
export type MigrationMode = 'plain' | 'long-job'

/** Task progress as the node reports it: coarse stages, not a byte count. */
export interface MigrationProgress {
  /** 0 to 100. */
  percent: number
  /** `transfer`: below 90 % (memory being copied); `switch-over`: 90 to 99 % (the hypervisor finished); `done`: 100 %. */
  stage: 'transfer' | 'switch-over' | 'done'
  /** When main read it (ISO time). */
  updatedAt: string
}

/** Time left, from this cluster's own finished migrations of VMs with similar memory. */
export interface MigrationEstimate {
  /** Milliseconds left (0 when the typical duration has passed). */
  remainingMs: number
  /** The median duration of the migrations it is based on. */
  typicalMs: number
  /** How it was estimated: the median of `samples` earlier migrations on this cluster of VMs with memory in [memoryMin, memoryMax] bytes. */
  method: 'median-of-similar-memory'
  samples: number
  memoryMin: number
  memoryMax: number
}

export interface Placement {
  hostUuid?: string | null
  hostName?: string
  lastHostUuid?: string | null
  clusterUuid?: string
  clusterName?: string
  zoneUuid?: string
  zoneName?: string
  /** The VM's state when this placement was read (e.g. Unknown before, Running after). */
  vmState?: string
}

/** One migration as journaled by main before it is sent, then updated to its end. */
export interface MigrationRecord {
  id: string
  profileId: string
  profileName: string
  vmUuid: string
  vmName: string
  params: MigrateParams
  /** The X-Job-UUID sent with the request (generated and journaled first); for a long job, also its apiId. */
  jobUuid: string
  /** Absent on records from before long jobs: plain. */
  mode?: MigrationMode
  /** A long job's uuid, chosen and journaled before it is sent (its resourceUuid); it is followed, never resubmitted. */
  longJobUuid?: string
  /** The destination as asked (uuid and name), whatever happened later; absent when the server was left to choose. */
  requested?: { hostUuid: string; hostName?: string }
  /** The VM's memory in bytes when it was journaled: the key of the duration history behind `estimate`. */
  vmMemorySize?: number
  /** Long jobs only: the last task progress read. Absent: the node has reported none (yet). */
  progress?: MigrationProgress
  /** Absent when this cluster has no finished migration of a similar VM to go by. */
  estimate?: MigrationEstimate
  /** When the user asked to cancel. */
  cancelRequestedAt?: string
  /** The batch (or drain) this migration belongs to: a restart finds it by this, never resends it. */
  batchId?: string
  /** The record this one retries (an explicit Retry of a failed or cancelled migration). */
  retryOf?: string
  state: MigrationState
  createdAt: string
  submittedAt?: string
  updatedAt: string
  finishedAt?: string
  /** Polls made so far. */
  polls: number
  /**
   * True while it is unknown whether the server received the request (its answer was lost, or the app stopped
   * right after journaling it): it is never resent, only resolved by polling its job and reading the VM.
   */
  submissionUnconfirmed?: boolean
  /** The VM state last seen while the job ran (e.g. `Migrating`). */
  observedVmState?: string
  before: Placement
  after?: Placement
  inventory?: VmInventory
  error?: AppError
}

/** Why a host of the VM's zone is not offered as a destination. */
export type HostExclusionReason =
  | 'current-host'
  | 'maintenance'
  | 'disabled'
  | 'disconnected'
  | 'not-enough-memory'
  | 'not-enough-cpu'
  | 'other-hypervisor'
  | 'storage-not-attached'
  | 'not-offered'

export interface HostOption {
  host: import('./zstack-types').HostInventory
  clusterName?: string
  /** Empty for candidates. */
  reasons: HostExclusionReason[]
}

/** Everything the migrate dialog needs, gathered in one call. */
export interface MigrationPlan {
  vm: VmInventory
  current: Placement
  candidates: HostOption[]
  others: HostOption[]
  /** Present when the VM's state forbids migration; candidates are then empty. */
  blocked?: AppError
  /** How the migration would be sent: `long-job` can be cancelled and reports progress, `plain` neither. */
  mode?: MigrationMode
  /** What the plan had to do without: the zone's hosts (only ZStack's candidates then), storage, cluster names. */
  gaps?: import('./api').TopologyGap[]
  /** The management node's version (getVersion), when it answered: which strategies it accepts depends on it. */
  nodeVersion?: string
}
