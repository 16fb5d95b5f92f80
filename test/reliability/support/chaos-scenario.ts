// Issue 8.2: a scripted user works three misbehaving clusters through the guarded DeskApi while sessions expire;
// afterwards every migration must be resolved, submitted at most once, and agree with where the VMs really are.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { composeDesk, type DeskRuntime } from '../../../src/main/compose'
import type { MigrationRecord, Result } from '../../../src/shared/api'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { seededRandom } from './arg-mutator'
import { startFaultProxy, type FaultCounts, type FaultProxy } from './fault-proxy'
import { createMemorySecretStore } from '../../main/desk/support/memory-secret-store'
import { serveOverHttp } from './web-desk-api'

export interface ChaosOptions {
  /** Migrations to start, spread over the clusters. */
  migrations: number
  clusters: number
  /** Share of requests failing in each of the simulator's fault shapes (error503, html502, drop, truncate): 0.025 fails 10%. */
  faultRatePerKind: number
  /** Share of accepted migrate requests whose answer the proxy loses after the server received it. */
  lostAnswerRate: number
  expireEveryMs: number
  latencyMs: number
  jitterMs: number
  migrationDurationMs: number
  /** Share of migrations the simulated hypervisor fails on its own. */
  migrationFailureRate: number
  /** Clusters (the first ones) whose node has no long-job API: their migrations take the plain path. */
  plainClusters: number
  /** Share of long-job migrations the user cancels, at a random moment while they run. */
  cancelRate: number
  /** At most this many migrations in flight per cluster. */
  inFlightPerCluster: number
  /** How many times the user tries a call again before giving up (at 10% per fault shape a plan may take dozens). */
  userPatience: number
  seed: number
  deadlineMs: number
  log: (line: string) => void
}

export interface ChaosReport {
  records: MigrationRecord[]
  /** jobUuid → submissions the simulators counted. */
  submissions: Map<string, number>
  faults: FaultCounts
  requests: number
  expiries: number
  userCalls: number
  userRetries: number
  lostJobs: Set<string>
  /** Cancels the user asked for (some arrive too late and end Succeeded). */
  cancels: number
  /** Every broken promise, in words; empty when the run kept them all. */
  problems: string[]
  unhandled: unknown[]
  elapsedMs: number
}

interface Cluster {
  sim: RunningSimulator
  proxy: FaultProxy
  profileId: string
}

const FAULT_KINDS = ['error503', 'html502', 'drop', 'truncate'] as const
const FINAL_STATES: readonly MigrationRecord['state'][] = ['succeeded', 'failed', 'canceled']
const isFinal = (r: MigrationRecord): boolean => FINAL_STATES.includes(r.state)

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now()
  const random = seededRandom(options.seed)
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
  process.on('unhandledRejection', onUnhandled)
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-chaos-'))
  const clusters: Cluster[] = []
  let runtime: DeskRuntime | undefined
  let served: Awaited<ReturnType<typeof serveOverHttp>> | undefined
  let expiries = 0
  let userCalls = 0
  let userRetries = 0
  let cancels = 0
  const cancelling: Promise<void>[] = []
  const problems: string[] = []
  const timer = setInterval(() => {
    for (const c of clusters) c.sim.expireSessions()
    expiries += 1
  }, options.expireEveryMs)

  try {
    const rate = options.faultRatePerKind
    for (let i = 0; i < options.clusters; i++) {
      const sim = await startSimulator({
        vms: 60,
        seed: options.seed + i,
        latencyMs: options.latencyMs,
        jitterMs: options.jitterMs,
        migrationDurationMs: options.migrationDurationMs,
        actionDurationMs: options.migrationDurationMs,
        migrationFailureRate: options.migrationFailureRate,
        faults: { error503: rate, html502: rate, drop: rate, truncate: rate },
        longJobs: i >= options.plainClusters
      })
      // Besides the random rates, every fault shape hits a migrate request and a job poll at least once.
      const longJobs = i >= options.plainClusters
      for (const kind of FAULT_KINDS.filter((_, k) => k % options.clusters === i)) {
        sim.injectFaults({ kind, count: 1, pathIncludes: '/actions', method: 'PUT' })
        if (longJobs) sim.injectFaults({ kind, count: 1, pathIncludes: '/longjobs', method: 'POST' })
      }
      for (const kind of FAULT_KINDS) {
        sim.injectFaults({ kind, count: 1, pathIncludes: '/api-jobs/', method: 'GET' })
        if (longJobs) sim.injectFaults({ kind, count: 1, pathIncludes: '/longjobs/', method: 'GET' })
      }
      const proxy = await startFaultProxy(
        sim.url,
        options.lostAnswerRate,
        seededRandom(options.seed * 31 + i)
      )
      clusters.push({ sim, proxy, profileId: '' })
    }
    runtime = await composeDesk({
      transport: 'web',
      dataDir,
      version: 'chaos',
      secretStore: createMemorySecretStore(),
      clientOptions: { pollBackoff: { initialMs: 100, maxMs: 400 } },
      migrationTiming: { retryDelayMs: 250, unknownJobChecks: 3, longJobPollMs: 250 }
    })
    // The scripted user goes through the web host's HTTP API, as the browser does.
    served = await serveOverHttp(runtime, dataDir)
    const api = served.api

    /** A user clicks again when something transient failed; gives up after `attempts`. */
    const retry = async <T>(
      what: string,
      call: () => Promise<Result<T>>,
      attempts = options.userPatience
    ): Promise<T> => {
      let last: Result<T> | undefined
      for (let i = 0; i < attempts; i++) {
        userCalls += 1
        last = await call()
        if (last.ok) return last.data
        userRetries += 1
        await sleep(20 + random.int(40))
      }
      throw new Error(
        `${what} kept failing: ${last && !last.ok ? `${last.error.code} ${last.error.message}` : ''}`
      )
    }

    for (const [i, cluster] of clusters.entries()) {
      const saved = await retry('saveProfile', () =>
        api.saveProfile({
          name: `Chaos ${i + 1}`,
          endpoint: { scheme: 'http', host: '127.0.0.1', port: cluster.proxy.port, path: 'zstack' },
          accountName: 'admin',
          tls: { verify: true },
          timeoutMs: 5000
        })
      )
      cluster.profileId = saved.id
    }

    const perCluster = Math.ceil(options.migrations / options.clusters)
    const user = async (cluster: Cluster, quota: number): Promise<void> => {
      const { profileId } = cluster
      const signIn = (): Promise<unknown> =>
        retry('signIn', () =>
          api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: true })
        )
      await signIn()
      const mine = async (): Promise<MigrationRecord[]> =>
        retry('listMigrations', () => api.listMigrations({ profileId }))
      while (Date.now() - started < options.deadlineMs) {
        const records = await mine()
        if (records.length >= quota) return
        // A signed-out or expired session (the one silent re-login failed) is signed in again, as a person would.
        const sessions = await retry('getSessions', () => api.getSessions())
        if (sessions.find((s) => s.profileId === profileId)?.status !== 'signed-in') await signIn()
        const active = records.filter((r) => !isFinal(r))
        if (active.length >= options.inFlightPerCluster) {
          await sleep(100)
          continue
        }
        const page = await retry('queryVms', () =>
          api.queryVms({
            profileId,
            states: ['Running'],
            start: random.int(20),
            limit: 20,
            replyWithCount: true
          })
        )
        const busy = new Set(active.map((r) => r.vmUuid))
        const choices = page.items.filter((vm) => vm.type === 'UserVm' && !busy.has(vm.uuid))
        if (choices.length === 0) continue
        const vm = random.pick(choices)
        await retry('search', () =>
          api.queryVms({ profileId, search: vm.name.slice(0, 4), start: 0, limit: 10 })
        )
        await retry('getVm', () => api.getVm({ profileId, vmUuid: vm.uuid }))
        const plan = await retry('getMigrationPlan', () =>
          api.getMigrationPlan({ profileId, vmUuid: vm.uuid })
        )
        if (plan.blocked || plan.candidates.length === 0) continue
        const host = random.pick(plan.candidates).host
        userCalls += 1
        const result = await api.migrateVm({ profileId, vmUuid: vm.uuid, params: { hostUuid: host.uuid } })
        if (!result.ok)
          options.log(
            `chaos: migrateVm on ${profileId} answered ${result.error.code}: ${result.error.message}`
          )
        else if (result.data.mode === 'long-job' && random.next() < options.cancelRate) {
          // The user changes their mind at some moment of the run: in time (Canceled) or too late (Succeeded).
          const migrationId = result.data.id
          const wait = random.int(options.migrationDurationMs)
          cancels += 1
          cancelling.push(
            sleep(wait).then(async () => {
              userCalls += 1
              const answer = await api.cancelMigration({ migrationId })
              if (!answer.ok)
                options.log(`chaos: cancel answered ${answer.error.code}: ${answer.error.message}`)
            })
          )
        }
      }
      problems.push(`the user of ${profileId} ran out of time before starting ${quota} migrations`)
    }
    const quotas = clusters.map((_, i) => Math.min(perCluster, options.migrations - perCluster * i))
    await Promise.all(clusters.map((c, i) => user(c, quotas[i]!)))
    await Promise.all(cancelling)
    options.log(
      `chaos: ${options.migrations} migrations started after ${Date.now() - started} ms; waiting for them to end`
    )

    // Wait for every record to end, keeping the sessions alive as the user would.
    let records: MigrationRecord[] = []
    while (Date.now() - started < options.deadlineMs) {
      records = await retry('listMigrations', () => api.listMigrations({}))
      if (records.every(isFinal)) break
      const sessions = await retry('getSessions', () => api.getSessions())
      for (const s of sessions) {
        const cluster = clusters.find((c) => c.profileId === s.profileId)
        if (cluster && s.status !== 'signed-in') {
          await retry('signIn', () =>
            api.signIn({
              profileId: s.profileId,
              accountName: 'admin',
              password: 'password',
              rememberPassword: true
            })
          )
        }
      }
      await sleep(200)
    }
    clearInterval(timer)
    // A server's migration can outlast a record that gave up on it: wait until none the desk submitted still runs.
    const stillMigrating = (): string[] =>
      clusters.flatMap((c) =>
        c.sim
          .stats()
          .migrationSubmissions.filter((s) => c.sim.vm(s.vmUuid)?.state === 'Migrating')
          .map((s) => `${c.profileId}/${s.vmUuid}`)
      )
    const settleBy = Date.now() + 10_000
    while (stillMigrating().length > 0) {
      if (Date.now() > settleBy) {
        problems.push(`the simulators were still migrating ${stillMigrating().join(', ')} 10 s after the end`)
        break
      }
      await sleep(50)
    }
    records = await retry('listMigrations', () => api.listMigrations({}))

    const submissions = new Map<string, number>()
    for (const c of clusters) {
      for (const s of c.sim.stats().migrationSubmissions)
        submissions.set(s.jobUuid, (submissions.get(s.jobUuid) ?? 0) + 1)
    }
    const lostJobs = new Set(clusters.flatMap((c) => [...c.proxy.lostJobs]))
    const hostOf = (profileId: string, vmUuid: string): string | null | undefined =>
      clusters.find((c) => c.profileId === profileId)?.sim.vm(vmUuid)?.hostUuid
    problems.push(...checkPromises(records, submissions, lostJobs, hostOf, options.migrations))
    const faults: FaultCounts = { error503: 0, html502: 0, drop: 0, truncate: 0, lostAnswer: 0 }
    for (const c of clusters)
      for (const key of Object.keys(faults) as (keyof FaultCounts)[]) faults[key] += c.proxy.counts[key]
    await sleep(50)
    return {
      records,
      submissions,
      faults,
      requests: clusters.reduce((n, c) => n + c.sim.stats().requests, 0),
      expiries,
      userCalls,
      userRetries,
      lostJobs,
      cancels,
      problems,
      unhandled,
      elapsedMs: Date.now() - started
    }
  } finally {
    await served?.close()
    clearInterval(timer)
    await runtime?.dispose()
    for (const c of clusters) {
      await c.proxy.stop()
      await c.sim.stop()
    }
    process.off('unhandledRejection', onUnhandled)
    // Requests still in flight at dispose may log one more line: let it land before the folder goes.
    await sleep(300)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The promises of issue 8.2, checked against the simulators' own view (submissions by job, each VM's host). */
export function checkPromises(
  records: MigrationRecord[],
  submissions: Map<string, number>,
  lostJobs: Set<string>,
  hostOf: (profileId: string, vmUuid: string) => string | null | undefined,
  expected: number
): string[] {
  const problems: string[] = []
  if (records.length < expected)
    problems.push(`only ${records.length} of ${expected} migrations were started`)
  const known = new Set(records.map((r) => r.jobUuid))
  for (const [jobUuid, count] of submissions) {
    if (count > 1) problems.push(`job ${jobUuid} was submitted ${count} times`)
    if (!known.has(jobUuid))
      problems.push(`the simulator received job ${jobUuid}, which the journal does not know`)
  }
  for (const r of records) {
    const sent = submissions.get(r.jobUuid) ?? 0
    const label = `migration ${r.id} (${r.vmName}, ${r.state})`
    if (!isFinal(r)) problems.push(`${label} never ended`)
    if (r.state === 'canceled' && (r.mode !== 'long-job' || sent !== 1))
      problems.push(`${label} was cancelled with ${sent} submissions on the ${r.mode ?? 'plain'} path`)
    if (
      r.state === 'failed' &&
      !(r.error && typeof r.error.code === 'string' && r.error.message.length > 0)
    ) {
      problems.push(`${label} failed without an AppError`)
    }
    if (r.state === 'succeeded' && sent !== 1) problems.push(`${label} succeeded with ${sent} submissions`)
    if (r.state === 'failed' && r.error?.code === 'NETWORK' && sent > 0) {
      const how = lostJobs.has(r.jobUuid) ? ' (its answer was lost on the way back)' : ''
      problems.push(`${label}: the server received it${how} but it was declared never received`)
    }
  }
  // Where each VM is, per the journal: the last success moved it, otherwise it is where the first record found it.
  const byVm = new Map<string, MigrationRecord[]>()
  for (const r of records)
    byVm.set(`${r.profileId}/${r.vmUuid}`, [...(byVm.get(`${r.profileId}/${r.vmUuid}`) ?? []), r])
  for (const list of byVm.values()) {
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    const first = list[0]!
    const lastSuccess = list.filter((r) => r.state === 'succeeded').at(-1)
    const expectedHost = lastSuccess
      ? (lastSuccess.after?.hostUuid ?? lastSuccess.params.hostUuid)
      : first.before.hostUuid
    const actual = hostOf(first.profileId, first.vmUuid)
    if (actual !== expectedHost) {
      problems.push(
        `${first.vmName}: the journal says host ${expectedHost} (${list.map((r) => `${r.state}${r.error ? ` ${r.error.code}` : ''}`).join(', ')}), the simulator says ${actual}`
      )
    }
  }
  return problems
}

export function describeChaos(report: ChaosReport): string {
  const states = countBy(
    report.records,
    (r) => `${r.mode ?? 'plain'} ${r.state === 'failed' ? `failed ${r.error?.code}` : r.state}`
  )
  const sent = [...report.submissions.values()].reduce((a, b) => a + b, 0)
  const f = report.faults
  return (
    `chaos: ${report.records.length} migrations (${Object.entries(states)
      .map(([k, v]) => `${v} ${k}`)
      .join(
        ', '
      )}); ${sent} submissions counted, max ${Math.max(0, ...report.submissions.values())} per job; ` +
    `faults seen: ${f.error503} error503, ${f.html502} html502, ${f.drop} drop, ${f.truncate} truncate, ` +
    `${f.lostAnswer} migrate answers lost after acceptance; ${report.requests} requests, ${report.expiries} session expiries, ` +
    `${report.userCalls} user calls (${report.userRetries} retried), ${report.cancels} cancels asked ` +
    `(${describeCancels(report.records)}); ` +
    `${report.unhandled.length} unhandled rejections; ` +
    `${(report.elapsedMs / 1000).toFixed(1)} s${describeFailures(report.records)}`
  )
}

/** How the cancelled migrations ended: in time (canceled) or too late (succeeded), or failed anyway. */
function describeCancels(records: MigrationRecord[]): string {
  const ended = countBy(
    records.filter((r) => r.cancelRequestedAt !== undefined),
    (r) => r.state
  )
  const parts = Object.entries(ended).map(([state, n]) => `${n} ${state}`)
  return parts.length > 0 ? parts.join(', ') : 'none reached ZStack'
}

/** One line per distinct reason a migration failed, with its count. */
export function describeFailures(records: MigrationRecord[]): string {
  const reasons = countBy(
    records.filter((r) => r.state === 'failed'),
    (r) => `${r.error?.code} ${r.error?.zstack?.code ?? ''} ${(r.error?.message ?? '').slice(0, 80)}`
  )
  return Object.entries(reasons)
    .map(([k, v]) => `\n    ${v}x ${k}`)
    .join('')
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}
