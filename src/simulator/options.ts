// The simulator's public option, stats and handle types, plus the defaults every run starts from.
import type { HostInventory, HostStatus, VmInventory } from './types'
import type { MonitoringMode } from './zwatch-api'

/** HostGlobalConfig host.maintenance.policy: what `maintain` does with a VM it could not migrate away. */
export type HostMaintenancePolicy = 'StopVmOnMigrationFailure' | 'JustMigrate'
export const HOST_MAINTENANCE_POLICIES: readonly HostMaintenancePolicy[] = [
  'StopVmOnMigrationFailure',
  'JustMigrate'
]

export type FaultKind = 'error503' | 'html502' | 'html504' | 'drop' | 'truncate'

export interface FaultRates {
  error503?: number
  html502?: number
  html504?: number
  drop?: number
  truncate?: number
}

export interface SimulatorOptions {
  host?: string
  port?: number
  vms?: number
  seed?: number
  migrationDurationMs?: number
  actionDurationMs?: number
  migrationFailureRate?: number
  latencyMs?: number
  jitterMs?: number
  faults?: FaultRates
  faultPathIncludes?: string
  /** ZWatch: served, absent as on an open-source node (404), or refused (503 ID.1002). */
  monitoring?: MonitoringMode
  sessionTimeoutSec?: number
  jobRetentionMs?: number
  advertisedUrl?: string
  accounts?: Record<string, string>
  control?: boolean
  /** False: the node has no long-job or task-progress API (404 no api mapping), like an open-source node. */
  longJobs?: boolean
  /** Intermediate task-progress reports during a long-job migration's transfer (0 to 90 %). */
  progressReports?: number
  /** Work after the switch-over (90 %) before a long-job migration ends (100 %); a cancel then is too late. */
  switchOverMs?: number
  /** The node's own zone: every date it writes is wall-clock time there (default Asia/Shanghai). */
  timeZone?: string
  /** Query endpoints (e.g. `primary-storage`) that answer 503 ID.1002, as for a restricted account. */
  deniedQueries?: string[]
  /**
   * KVM `host.syncLevel` (default 10): a migration runs in its source host's command queue, so at most this many
   * migrations out of one host transfer at once; the others wait there, already Migrating.
   */
  hostSyncLevel?: number
  /** KVM `vm.migrationQuantity` (default 2): how many VMs `maintain` migrates (then stops) at once. */
  maintenanceMigrationQuantity?: number
  /** `host.maintenance.policy` (default StopVmOnMigrationFailure); JustMigrate fails `maintain` instead. */
  hostMaintenancePolicy?: HostMaintenancePolicy
}

export interface MigrationSubmission {
  jobUuid: string
  vmUuid: string
  hostUuid?: string
  /** Set when it came as a long job (POST /v1/longjobs); a re-submitted long job counts again. */
  longJobUuid?: string
  at: number
}

export interface SimulatorStats {
  requests: number
  migrationSubmissions: MigrationSubmission[]
  polls: number
  logins: number
  /** Per source host, the most migrations that ever transferred out of it at once. */
  peakHostMigrations: Record<string, number>
}

export interface InjectedFault {
  kind: FaultKind
  count: number
  pathIncludes?: string
  method?: string
}

export interface ZStackErrorBody {
  code: string
  description: string
  details: string
}

export type RuntimeOptionKey =
  | 'migrationDurationMs'
  | 'actionDurationMs'
  | 'migrationFailureRate'
  | 'latencyMs'
  | 'jitterMs'
  | 'faults'
  | 'faultPathIncludes'
  | 'monitoring'
  | 'sessionTimeoutSec'
  | 'jobRetentionMs'
  | 'longJobs'
  | 'progressReports'
  | 'switchOverMs'
  | 'deniedQueries'
  | 'hostSyncLevel'
  | 'maintenanceMigrationQuantity'
  | 'hostMaintenancePolicy'

export type RuntimeOptions = Pick<SimulatorOptions, RuntimeOptionKey>

export interface RunningSimulator {
  url: string
  port: number
  stats(): SimulatorStats
  injectFaults(f: InjectedFault): void
  setOptions(patch: Partial<RuntimeOptions>): void
  expireSessions(): void
  failNextMigration(error: ZStackErrorBody): void
  /** Every later migration of this VM fails with `error` (HOST.1009 by default), `times` times (default: always; 0 clears). */
  failMigrationsOf(vmUuid: string, error?: ZStackErrorBody, times?: number): void
  /** Sets a host's connection status, as the node's ping would (a Disconnected host is no destination). */
  setHostStatus(hostUuid: string, status: HostStatus): void
  vm(uuid: string): VmInventory | undefined
  host(uuid: string): HostInventory | undefined
  /** The name of an L3 network, as `GET /v1/l3-networks` lists it. */
  l3NetworkName(uuid: string): string | undefined
  findVms(pred: (vm: VmInventory) => boolean): VmInventory[]
  stop(): Promise<void>
}

/** Options with every default filled in; the runtime-tunable part is mutated by setOptions. */
export interface ResolvedOptions {
  host: string
  port: number
  vms: number
  seed: number
  migrationDurationMs: number
  actionDurationMs: number
  migrationFailureRate: number
  latencyMs: number
  jitterMs: number
  faults: FaultRates
  faultPathIncludes: string | undefined
  monitoring: MonitoringMode
  sessionTimeoutSec: number
  jobRetentionMs: number
  advertisedUrl: string | undefined
  accounts: Record<string, string>
  control: boolean
  longJobs: boolean
  progressReports: number
  switchOverMs: number
  timeZone: string
  deniedQueries: string[]
  hostSyncLevel: number
  maintenanceMigrationQuantity: number
  hostMaintenancePolicy: HostMaintenancePolicy
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    vms: options.vms ?? 300,
    seed: options.seed ?? 42,
    migrationDurationMs: options.migrationDurationMs ?? 3000,
    actionDurationMs: options.actionDurationMs ?? 1000,
    migrationFailureRate: options.migrationFailureRate ?? 0,
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    faults: { ...options.faults },
    faultPathIncludes: options.faultPathIncludes,
    monitoring: options.monitoring ?? 'on',
    sessionTimeoutSec: options.sessionTimeoutSec ?? 7200,
    jobRetentionMs: options.jobRetentionMs ?? 3 * 60 * 60 * 1000,
    advertisedUrl: options.advertisedUrl?.replace(/\/+$/, ''),
    accounts: options.accounts ?? { admin: 'password' },
    control: options.control ?? true,
    longJobs: options.longJobs ?? true,
    progressReports: options.progressReports ?? 3,
    switchOverMs: options.switchOverMs ?? 300,
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    deniedQueries: [...(options.deniedQueries ?? [])],
    hostSyncLevel: options.hostSyncLevel ?? 10,
    maintenanceMigrationQuantity: options.maintenanceMigrationQuantity ?? 2,
    hostMaintenancePolicy: options.hostMaintenancePolicy ?? 'StopVmOnMigrationFailure'
  }
}
