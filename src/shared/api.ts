// The one contract between the renderer and main: every call, every event, every shape.
import type { Result } from './result'
import type { ClusterInventory, HostInventory, PrimaryStorageInventory, ZoneInventory } from './zstack-types'
import type { DeskApiMethod, DeskArgument, DeskOutput } from './contract/desk-contract'
import type { DeskEventName, DeskEvents } from './contract/events'

export type * from './result'
export type * from './zstack-types'
export type * from './profile-types'
export type * from './migration-types'
export type * from './batch-types'
export type * from './vm-action-types'
export type * from './metrics-types'
export type * from './fleet-types'
export type * from './contract/events'
export type { CallPolicy, DeskApiMethod, DeskArgument, DeskInput, DeskOutput } from './contract/desk-contract'
export { DESK_API_METHODS, deskContract, isDeskApiMethod } from './contract/desk-contract'
export { DESK_EVENT_NAMES } from './contract/events'
export { BATCH_DEFAULT_CONCURRENCY, BATCH_MAX_CONCURRENCY, BATCH_MAX_ROWS } from './batch-types'
export { HOST_STATE_EVENTS } from './contract/fields'

export interface AppInfo {
  name: string
  version: string
  transport: 'electron' | 'web'
  platform: string
}

export type { VmSortField } from './contract/fields'
export { VM_SORT_FIELDS } from './contract/fields'
export type SortDirection = 'asc' | 'desc'

export interface Page<T> {
  items: T[]
  total?: number
}

/** Names and placement of the cluster's zones, clusters and hosts, fetched once per cluster. */
export type TopologyPart = 'zones' | 'clusters' | 'hosts' | 'primaryStorage'

/** A part of the topology the node would not give (ID.1002 for a restricted account, 404 on an older node). */
export interface TopologyGap {
  part: TopologyPart
  error: import('./result').AppError
}

export interface Topology {
  zones: ZoneInventory[]
  clusters: ClusterInventory[]
  hosts: HostInventory[]
  primaryStorage: PrimaryStorageInventory[]
  /** The parts that failed, each loaded (and failing) on its own; their lists are empty. */
  gaps?: TopologyGap[]
}

// The argument of each method, as its schema in the contract accepts it.
/** A server-side page of VMs: every filter becomes a `q=` condition. */
export type VmQuery = DeskArgument<'queryVms'>
export type SignInRequest = DeskArgument<'signIn'>
export type FleetQuery = DeskArgument<'queryFleetVms'>

/** Every call the renderer may make: each takes at most one plain object and resolves to a Result. */
export type DeskApi = {
  [M in DeskApiMethod]: DeskArgument<M> extends undefined
    ? () => Promise<Result<DeskOutput<M>>>
    : (arg: DeskArgument<M>) => Promise<Result<DeskOutput<M>>>
}

/** What the preload exposes as `window.zstack` and the web transport implements. */
export interface DeskBridge extends DeskApi {
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void
}
