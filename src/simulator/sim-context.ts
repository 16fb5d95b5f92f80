// Everything a request handler may touch, built once per running simulator.
import type { FaultPlan } from './faults'
import type { HostStates } from './host-state'
import type { JobStore } from './jobs'
import type { LongJobStore } from './long-jobs'
import type { ResolvedOptions, SimulatorStats } from './options'
import type { QueryResource } from './query-engine'
import type { QueryEndpoint } from './query-tables'
import type { SessionStore } from './sessions'
import type { TaskProgressStore } from './task-progress'
import type { VmOperations } from './vm-operations'
import type { World } from './world'

export interface SimContext {
  options: ResolvedOptions
  world: World
  resources: Record<QueryEndpoint, QueryResource>
  sessions: SessionStore
  jobs: JobStore
  operations: VmOperations
  hostStates: HostStates
  longJobs: LongJobStore
  progress: TaskProgressStore
  faults: FaultPlan
  stats: SimulatorStats
  /** Scheme, host and port the node believes it has: the advertised URL when set. */
  baseUrl(): string
}
