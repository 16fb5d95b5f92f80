// `npx tsx src/simulator/cli.ts --port 8080 --vms 2000`: a stand-alone simulated ZStack node for manual runs and browser tests.
import { parseArgs } from 'node:util'
import { startSimulator, type SimulatorOptions } from './index'
import { HOST_MAINTENANCE_POLICIES, type HostMaintenancePolicy } from './options'
import { MONITORING_MODES, type MonitoringMode } from './zwatch-api'

const USAGE = `Usage: tsx src/simulator/cli.ts [options]
  --host H                 listen address (default 127.0.0.1)
  --port N                 port, 0 = any free one (default 8080)
  --vms N                  user VMs (default 300)
  --seed N                 data seed (default 42)
  --migration-ms N         how long a migration runs (default 3000)
  --action-ms N            how long start/stop/reboot run (default 1000)
  --migration-failure-rate R  0..1 of migrations failing with HOST.1009
  --latency-ms N           added latency per request
  --jitter-ms N            random extra latency 0..N
  --session-timeout N      session timeout in seconds (default 7200)
  --job-retention-ms N     how long finished jobs stay pollable
  --advertised-url U       base URL put in job locations (node behind NAT)
  --time-zone Z            the node's zone, in which it writes dates (default Asia/Shanghai)
  --deny-queries A,B       query endpoints answering 503 ID.1002 (e.g. primary-storage)
  --fault-503 R | --fault-502 R | --fault-504 R | --fault-drop R | --fault-truncate R   random fault rates 0..1
  --fault-path S           random faults only on paths containing S
  --monitoring M           on | off (no ZWatch, 404 as on an open-source node) | denied (503 ID.1002)
  --host-sync-level N      migrations out of one host at once, the rest queue (kvm host.syncLevel, default 10)
  --maintenance-migrations N  VMs maintain migrates at once (kvm vm.migrationQuantity, default 2)
  --maintenance-policy P   StopVmOnMigrationFailure (default: maintain stops what it cannot move) | JustMigrate
  --no-control             do not serve the /_sim control endpoints`

const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  vms: { type: 'string' },
  seed: { type: 'string' },
  'migration-ms': { type: 'string' },
  'action-ms': { type: 'string' },
  'migration-failure-rate': { type: 'string' },
  'latency-ms': { type: 'string' },
  'jitter-ms': { type: 'string' },
  'session-timeout': { type: 'string' },
  'job-retention-ms': { type: 'string' },
  'advertised-url': { type: 'string' },
  'fault-503': { type: 'string' },
  'fault-502': { type: 'string' },
  'fault-504': { type: 'string' },
  'time-zone': { type: 'string' },
  'deny-queries': { type: 'string' },
  'fault-drop': { type: 'string' },
  'fault-truncate': { type: 'string' },
  'fault-path': { type: 'string' },
  monitoring: { type: 'string' },
  'host-sync-level': { type: 'string' },
  'maintenance-migrations': { type: 'string' },
  'maintenance-policy': { type: 'string' },
  'no-control': { type: 'boolean' },
  help: { type: 'boolean' }
} as const

class UsageError extends Error {}

function numberFlag(
  values: Record<string, unknown>,
  name: string,
  kind: 'integer' | 'rate'
): number | undefined {
  const text = values[name]
  if (text === undefined) return undefined
  const value = Number(text)
  const ok =
    typeof text === 'string' &&
    text.trim() !== '' &&
    (kind === 'integer' ? Number.isInteger(value) && value >= 0 : value >= 0 && value <= 1)
  if (!ok)
    throw new UsageError(
      `--${name} must be ${kind === 'integer' ? 'an integer >= 0' : 'a number within 0..1'}, got "${String(text)}"`
    )
  return value
}

function monitoringFlag(value: unknown): MonitoringMode | undefined {
  if (value === undefined) return undefined
  if (!MONITORING_MODES.includes(value as MonitoringMode))
    throw new UsageError(`--monitoring must be one of ${MONITORING_MODES.join(', ')}, got "${String(value)}"`)
  return value as MonitoringMode
}

function policyFlag(value: unknown): HostMaintenancePolicy | undefined {
  if (value === undefined) return undefined
  if (!HOST_MAINTENANCE_POLICIES.includes(value as HostMaintenancePolicy)) {
    throw new UsageError(
      `--maintenance-policy must be one of ${HOST_MAINTENANCE_POLICIES.join(', ')}, got "${String(value)}"`
    )
  }
  return value as HostMaintenancePolicy
}

function parseOptions(argv: string[]): SimulatorOptions | 'help' {
  let values: Record<string, unknown>
  try {
    values = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help) return 'help'
  const advertisedUrl = values['advertised-url']
  if (typeof advertisedUrl === 'string' && !/^https?:\/\/[^/]+/.test(advertisedUrl)) {
    throw new UsageError(`--advertised-url must look like http://host:port, got "${advertisedUrl}"`)
  }
  const options: SimulatorOptions = {
    host: typeof values.host === 'string' ? values.host : undefined,
    port: numberFlag(values, 'port', 'integer') ?? 8080,
    vms: numberFlag(values, 'vms', 'integer'),
    seed: numberFlag(values, 'seed', 'integer'),
    migrationDurationMs: numberFlag(values, 'migration-ms', 'integer'),
    actionDurationMs: numberFlag(values, 'action-ms', 'integer'),
    migrationFailureRate: numberFlag(values, 'migration-failure-rate', 'rate'),
    latencyMs: numberFlag(values, 'latency-ms', 'integer'),
    jitterMs: numberFlag(values, 'jitter-ms', 'integer'),
    sessionTimeoutSec: numberFlag(values, 'session-timeout', 'integer'),
    jobRetentionMs: numberFlag(values, 'job-retention-ms', 'integer'),
    advertisedUrl: typeof advertisedUrl === 'string' ? advertisedUrl : undefined,
    faults: {
      error503: numberFlag(values, 'fault-503', 'rate'),
      html502: numberFlag(values, 'fault-502', 'rate'),
      html504: numberFlag(values, 'fault-504', 'rate'),
      drop: numberFlag(values, 'fault-drop', 'rate'),
      truncate: numberFlag(values, 'fault-truncate', 'rate')
    },
    faultPathIncludes: typeof values['fault-path'] === 'string' ? values['fault-path'] : undefined,
    timeZone: typeof values['time-zone'] === 'string' ? values['time-zone'] : undefined,
    deniedQueries:
      typeof values['deny-queries'] === 'string'
        ? values['deny-queries'].split(',').map((name) => name.trim())
        : undefined,
    monitoring: monitoringFlag(values.monitoring),
    hostSyncLevel: numberFlag(values, 'host-sync-level', 'integer'),
    maintenanceMigrationQuantity: numberFlag(values, 'maintenance-migrations', 'integer'),
    hostMaintenancePolicy: policyFlag(values['maintenance-policy']),
    control: !values['no-control']
  }
  if (options.port !== undefined && options.port > 65535) throw new UsageError('--port must be 0..65535')
  // Drop the keys left undefined so defaults apply.
  return JSON.parse(JSON.stringify(options)) as SimulatorOptions
}

async function main(): Promise<void> {
  let options: SimulatorOptions | 'help'
  try {
    options = parseOptions(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`simulator: ${error.message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options === 'help') {
    console.log(USAGE)
    return
  }
  const simulator = await startSimulator(options)
  console.log(`ZStack simulator (5.2.1) listening: ${simulator.url}/zstack`)
  console.log('Demo credentials: account admin, password password')
  if (options.control !== false) console.log(`Control endpoints: ${simulator.url}/_sim/stats`)
  const shutdown = (): void => {
    void simulator.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
