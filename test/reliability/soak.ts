// `npm run soak`: the long forms of issue 8. The chaos run with 50 migrations over 3 clusters, 10% of requests
// failing in each fault shape, sessions expiring every 30 s; then 50 SIGKILLs of the app mid-work.
// Prints the figures; exits 1 when a promise was broken.
//   npm run soak -- --migrations 50 --fault-rate 0.1 --expire-every 30 --kills 50 --only chaos|crash
import { parseArgs } from 'node:util'
import { describeChaos, runChaos } from './support/chaos-scenario'
import { describeCrash, runCrashCycles } from './support/crash-harness'

const { values } = parseArgs({
  options: {
    migrations: { type: 'string', default: '50' },
    'fault-rate': { type: 'string', default: '0.1' },
    'expire-every': { type: 'string', default: '30' },
    kills: { type: 'string', default: '50' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    only: { type: 'string' }
  }
})

const seed = Number(values.seed)
const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`)
const failures: string[] = []

if (values.only !== 'crash') {
  const migrations = Number(values.migrations)
  log(`soak: chaos with ${migrations} migrations, seed ${seed}`)
  const report = await runChaos({
    migrations,
    clusters: 3,
    faultRatePerKind: Number(values['fault-rate']),
    lostAnswerRate: 0.2,
    expireEveryMs: Number(values['expire-every']) * 1000,
    latencyMs: 5,
    jitterMs: 60,
    migrationDurationMs: 20_000,
    migrationFailureRate: 0.1,
    plainClusters: 1,
    cancelRate: 0.2,
    inFlightPerCluster: 2,
    userPatience: 400,
    seed,
    deadlineMs: 30 * 60_000,
    log
  })
  log(describeChaos(report))
  failures.push(...report.problems, ...report.unhandled.map((u) => `unhandled rejection: ${String(u)}`))
}

if (values.only !== 'chaos') {
  const kills = Number(values.kills)
  log(`soak: ${kills} kills, seed ${seed}`)
  const report = await runCrashCycles({ kills, seed, maxRunMs: 1500, log })
  log(describeCrash(report))
  failures.push(...report.problems)
}

if (failures.length > 0) {
  console.error(`soak: ${failures.length} broken promises:\n${failures.map((f) => `  - ${f}`).join('\n')}`)
  process.exit(1)
}
log('soak: every promise kept')
