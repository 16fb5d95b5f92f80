import type { z } from 'zod'
import type { migrateParamsSchema } from './contract/fields'
import type { AppError } from './result'
import type { VmInventory } from './zstack-types'

/** Body fields of `migrateVm` (downTime in milliseconds); an absent field is not sent. */
export type MigrateParams = z.infer<typeof migrateParamsSchema>

export const DOWNTIME_MIN_MS = 1
export const DOWNTIME_MAX_MS = 600_000

export type MigrationState = 'pending' | 'submitted' | 'running' | 'succeeded' | 'failed'

export interface Placement {
  hostUuid?: string | null
  hostName?: string
  lastHostUuid?: string | null
  clusterUuid?: string
  clusterName?: string
  zoneUuid?: string
  zoneName?: string
}

/** One migration as journaled by main before it is sent, then updated to its end. */
export interface MigrationRecord {
  id: string
  profileId: string
  profileName: string
  vmUuid: string
  vmName: string
  params: MigrateParams
  /** The X-Job-UUID sent with the request (generated and journaled first). */
  jobUuid: string
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
  /** What the plan had to do without: the zone's hosts (only ZStack's candidates then), storage, cluster names. */
  gaps?: import('./api').TopologyGap[]
}
