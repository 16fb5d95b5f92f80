// The fleet: one VM list and one health summary over every signed-in cluster.
import type { AppError } from './result'
import type { VmInventory } from './zstack-types'

/** How one cluster took part in a fleet answer. */
export type FleetClusterState =
  /** Answered within its deadline; its rows are in the page. */
  | 'answered'
  /** Still answering after its deadline: its rows join on a `fleet:update` and the next call. */
  | 'slow'
  /** Could not be reached: stale rows from the last answer are shown when kept. */
  | 'unreachable'
  /** Its session is gone (expired, or never signed in): sign in again. */
  | 'session-expired'
  /** The server answered with an error other than the above. */
  | 'failed'

export interface FleetClusterStatus {
  profileId: string
  name: string
  state: FleetClusterState
  /** Matching VMs on that cluster (the server's count, or the stale rows' count). */
  total?: number
  /** ISO time the shown rows were fetched when they are last-known rows, not a fresh answer. */
  staleSince?: string
  /** Milliseconds the cluster took to answer (fresh answers only). */
  elapsedMs?: number
  error?: AppError
}

export interface FleetVmRow {
  profileId: string
  vm: VmInventory
  /** ISO time of the answer the row comes from, when it is a kept (stale) row. */
  staleSince?: string
}

export interface FleetPage {
  items: FleetVmRow[]
  /** Matching VMs over every cluster that answered or has stale rows. */
  total: number
  clusters: FleetClusterStatus[]
}

/** Health of one cluster; counts are of the whole cluster, not of a query. */
export interface ClusterHealth {
  profileId: string
  name: string
  session: 'signed-in' | 'expired' | 'unreachable' | 'signed-out'
  vmsByState: Record<string, number>
  hostsByState: Record<string, number>
  hostsByStatus: Record<string, number>
  /** Bytes. */
  memory: { used: number; total: number }
  /** vCPUs (host CPU capacity as ZStack counts it). */
  cpu: { used: number; total: number }
  /** ISO time these numbers were fetched. */
  refreshedAt: string
  /** Set when the numbers are last-known ones, kept from `refreshedAt`. */
  stale?: boolean
  error?: AppError
}

export interface FleetHealth {
  clusters: ClusterHealth[]
}

/** Pushed when a cluster that missed its deadline answers or fails. */
export interface FleetUpdate {
  profileId: string
  state: FleetClusterState
}
