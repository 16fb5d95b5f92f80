// Checks what setOptions, injectFaults and failNextMigration receive, from code or from the /_sim endpoints.
import {
  HOST_MAINTENANCE_POLICIES,
  type FaultKind,
  type FaultRates,
  type HostMaintenancePolicy,
  type InjectedFault,
  type ResolvedOptions,
  type RuntimeOptionKey,
  type RuntimeOptions,
  type ZStackErrorBody
} from './options'
import { QUERY_ENDPOINTS } from './query-tables'
import type { HostStatus } from './types'
import { MONITORING_MODES, type MonitoringMode } from './zwatch-api'

const FAULT_KINDS: readonly FaultKind[] = ['error503', 'html502', 'html504', 'drop', 'truncate']
/** The query endpoints a permission can deny. */
export const DENIABLE_QUERIES: readonly string[] = QUERY_ENDPOINTS
const NUMBER_KEYS = [
  'migrationDurationMs',
  'actionDurationMs',
  'migrationFailureRate',
  'latencyMs',
  'jitterMs',
  'sessionTimeoutSec',
  'jobRetentionMs',
  'progressReports',
  'switchOverMs',
  'hostSyncLevel',
  'maintenanceMigrationQuantity'
] as const satisfies readonly RuntimeOptionKey[]
/** Queue widths: the server's validation wants them > 0. */
const COUNT_KEYS: readonly RuntimeOptionKey[] = ['hostSyncLevel', 'maintenanceMigrationQuantity']
export const RUNTIME_OPTION_KEYS: readonly RuntimeOptionKey[] = [
  ...NUMBER_KEYS,
  'longJobs',
  'faults',
  'faultPathIncludes',
  'deniedQueries',
  'monitoring',
  'hostMaintenancePolicy'
]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isFraction = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1

/** Checks a patch from code or JSON; throws with a readable message when any key is wrong. */
export function parseRuntimePatch(patch: unknown): Partial<RuntimeOptions> {
  if (!isRecord(patch)) throw new Error('options must be an object')
  const unknownKey = Object.keys(patch).find(
    (key) => !(RUNTIME_OPTION_KEYS as readonly string[]).includes(key)
  )
  if (unknownKey) throw new Error(`option ${unknownKey} cannot be changed at run time`)
  const parsed: Partial<RuntimeOptions> = {}
  for (const key of NUMBER_KEYS) {
    const value = patch[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`${key} must be a number >= 0`)
    if (key === 'migrationFailureRate' && value > 1)
      throw new Error('migrationFailureRate must be within 0..1')
    if (COUNT_KEYS.includes(key) && (!Number.isInteger(value) || value < 1))
      throw new Error(`${key} must be an integer >= 1`)
    parsed[key] = value
  }
  if (patch.longJobs !== undefined) {
    if (typeof patch.longJobs !== 'boolean') throw new Error('longJobs must be true or false')
    parsed.longJobs = patch.longJobs
  }
  if (patch.faults !== undefined) parsed.faults = parseFaultRates(patch.faults)
  const path = patch.faultPathIncludes
  if (path !== undefined && path !== null && typeof path !== 'string')
    throw new Error('faultPathIncludes must be a string')
  // undefined, null or '' clears the path filter.
  if ('faultPathIncludes' in patch) parsed.faultPathIncludes = path || undefined
  if (patch.deniedQueries !== undefined) parsed.deniedQueries = parseDeniedQueries(patch.deniedQueries)
  if (patch.monitoring !== undefined) {
    if (!MONITORING_MODES.includes(patch.monitoring as MonitoringMode))
      throw new Error(`monitoring must be one of ${MONITORING_MODES.join(', ')}`)
    parsed.monitoring = patch.monitoring as MonitoringMode
  }
  if (patch.hostMaintenancePolicy !== undefined) {
    if (!HOST_MAINTENANCE_POLICIES.includes(patch.hostMaintenancePolicy as HostMaintenancePolicy))
      throw new Error(`hostMaintenancePolicy must be one of ${HOST_MAINTENANCE_POLICIES.join(', ')}`)
    parsed.hostMaintenancePolicy = patch.hostMaintenancePolicy as HostMaintenancePolicy
  }
  return parsed
}

/** Applies a checked patch; only the keys present change. */
export function applyRuntimePatch(options: ResolvedOptions, patch: Partial<RuntimeOptions>): void {
  for (const key of NUMBER_KEYS) {
    const value = patch[key]
    if (value !== undefined) options[key] = value
  }
  if (patch.longJobs !== undefined) options.longJobs = patch.longJobs
  if (patch.faults) options.faults = { ...patch.faults }
  if ('faultPathIncludes' in patch) options.faultPathIncludes = patch.faultPathIncludes
  if (patch.deniedQueries) options.deniedQueries = [...patch.deniedQueries]
  if (patch.monitoring) options.monitoring = patch.monitoring
  if (patch.hostMaintenancePolicy) options.hostMaintenancePolicy = patch.hostMaintenancePolicy
}

function parseDeniedQueries(value: unknown): string[] {
  if (!Array.isArray(value)) throw new Error('deniedQueries must be a list of query endpoints')
  for (const name of value) {
    if (typeof name !== 'string' || !DENIABLE_QUERIES.includes(name))
      throw new Error(`deniedQueries: ${String(name)} is not one of ${DENIABLE_QUERIES.join(', ')}`)
  }
  return value as string[]
}

export function parseFaultRates(value: unknown): FaultRates {
  if (!isRecord(value)) throw new Error('faults must be an object')
  const rates: FaultRates = {}
  for (const [kind, rate] of Object.entries(value)) {
    if (!FAULT_KINDS.includes(kind as FaultKind)) throw new Error(`unknown fault kind ${kind}`)
    if (rate === undefined) continue
    if (!isFraction(rate)) throw new Error(`fault rate ${kind} must be within 0..1`)
    rates[kind as FaultKind] = rate
  }
  return rates
}

export function parseInjectedFault(value: unknown): InjectedFault {
  if (!isRecord(value)) throw new Error('a fault must be an object')
  const { kind, count, pathIncludes, method } = value
  if (!FAULT_KINDS.includes(kind as FaultKind))
    throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`)
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    throw new Error('count must be an integer >= 0')
  if (pathIncludes !== undefined && typeof pathIncludes !== 'string')
    throw new Error('pathIncludes must be a string')
  if (method !== undefined && typeof method !== 'string') throw new Error('method must be a string')
  return { kind: kind as FaultKind, count, pathIncludes, method }
}

export function parseErrorBody(value: unknown): ZStackErrorBody {
  if (!isRecord(value)) throw new Error('the error must be an object')
  const { code, description, details } = value
  if (typeof code !== 'string' || typeof description !== 'string' || typeof details !== 'string') {
    throw new Error('the error needs string code, description and details')
  }
  return { code, description, details }
}

const HOST_STATUSES: readonly HostStatus[] = ['Connecting', 'Connected', 'Disconnected']

export function parseHostStatus(value: unknown): HostStatus {
  if (!HOST_STATUSES.includes(value as HostStatus))
    throw new Error(`status must be one of ${HOST_STATUSES.join(', ')}`)
  return value as HostStatus
}

/** The body of /_sim/vms/{uuid}/migration-failures: an optional error, and `times` (absent: every migration). */
export function parseMigrationFailure(value: unknown): { error?: ZStackErrorBody; times?: number } {
  if (!isRecord(value)) throw new Error('the failure must be an object')
  const { error, times } = value
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 0))
    throw new Error('times must be an integer >= 0')
  return {
    ...(error === undefined ? {} : { error: parseErrorBody(error) }),
    ...(times === undefined ? {} : { times })
  }
}
