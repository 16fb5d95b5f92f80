// 5. migration-overhead: submit to "succeeded" through DeskApi, against the simulator's configured 10 s migration; polls per migration.
import type { DeskApi, MigrationRecord } from '../src/shared/api'
import type { DeskEventBus } from '../src/main/event-bus'
import type { Benchmark } from './lib/benchmark'
import { MIGRATION_MS } from './lib/context'
import { unwrap } from './lib/desk'
import { median, round } from './lib/stats'

const MAX_RATIO = 1.25
const PARALLEL = 3
const ROUNDS = 2

interface Watch {
  done(id: string): Promise<MigrationRecord>
  stop(): void
}

/** Resolves when a migration's record reaches an end state, whichever event or answer tells first. */
function watchMigrations(events: DeskEventBus): Watch {
  const finished = new Map<string, MigrationRecord>()
  const waiters = new Map<string, (r: MigrationRecord) => void>()
  const off = events.on('migration:update', (record) => {
    if (record.state !== 'succeeded' && record.state !== 'failed') return
    finished.set(record.id, record)
    waiters.get(record.id)?.(record)
  })
  return {
    done(id) {
      const seen = finished.get(id)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.set(id, resolve))
    },
    stop: off
  }
}

async function pickVms(api: DeskApi, profileId: string, count: number): Promise<string[]> {
  const page = unwrap(
    await api.queryVms({
      profileId,
      start: 0,
      limit: 200,
      states: ['Running'],
      fields: ['uuid', 'hostUuid', 'clusterUuid']
    }),
    'queryVms'
  )
  const chosen: string[] = []
  const hosts = new Set<string>()
  for (const vm of page.items) {
    if (chosen.length === count) break
    if (!vm.hostUuid || hosts.has(vm.hostUuid)) continue
    const plan = unwrap(await api.getMigrationPlan({ profileId, vmUuid: vm.uuid }), 'getMigrationPlan')
    if (plan.blocked || plan.candidates.length === 0) continue
    hosts.add(vm.hostUuid)
    chosen.push(vm.uuid)
  }
  if (chosen.length < count) throw new Error(`found only ${chosen.length} migratable VMs on distinct hosts`)
  return chosen
}

async function migrateOnce(
  api: DeskApi,
  watch: Watch,
  profileId: string,
  vmUuid: string
): Promise<MigrationRecord & { ms: number }> {
  const plan = unwrap(await api.getMigrationPlan({ profileId, vmUuid }), 'getMigrationPlan')
  const target = plan.candidates[0]?.host.uuid
  if (!target) throw new Error(`VM ${vmUuid} has no candidate host`)
  const t0 = performance.now()
  const submitted = unwrap(
    await api.migrateVm({ profileId, vmUuid, params: { hostUuid: target } }),
    'migrateVm'
  )
  const record = await watch.done(submitted.id)
  const ms = performance.now() - t0
  if (record.state !== 'succeeded')
    throw new Error(`migration of ${vmUuid} ${record.state}: ${record.error?.message ?? ''}`)
  if (record.after?.hostUuid !== target)
    throw new Error(`migration of ${vmUuid} ended on ${record.after?.hostUuid}, not ${target}`)
  return { ...record, ms }
}

export const migrationOverhead: Benchmark = {
  name: 'migration-overhead',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const sim = await ctx.bigSim()
    const { app, profileId } = await ctx.app()
    const watch = watchMigrations(app.runtime.events)
    try {
      const vms = await pickVms(app.api, profileId, PARALLEL)
      // Warm-up with short migrations: same code paths, less wall time.
      await sim.setOptions({ migrationDurationMs: 1000 })
      await Promise.all(vms.map((vm) => migrateOnce(app.api, watch, profileId, vm)))
      await sim.setOptions({ migrationDurationMs: MIGRATION_MS })

      const before = await sim.stats()
      const records: (MigrationRecord & { ms: number })[] = []
      for (let r = 0; r < ROUNDS; r++) {
        records.push(...(await Promise.all(vms.map((vm) => migrateOnce(app.api, watch, profileId, vm)))))
        ctx.log(
          `migration-overhead: round ${r + 1}/${ROUNDS}: ${records
            .slice(-PARALLEL)
            .map((x) => Math.round(x.ms))
            .join(', ')} ms`
        )
      }
      const after = await sim.stats()
      const times = records.map((x) => x.ms)
      const app_ = median(times)
      const simPolls = (after.polls - before.polls) / records.length
      return {
        app: round(app_),
        baseline: MIGRATION_MS,
        ratio: round(app_ / MIGRATION_MS, 3),
        unit: 'ms',
        target: this.target,
        pass: app_ / MIGRATION_MS <= MAX_RATIO,
        note: `baseline = the simulator's configured migration duration; ${PARALLEL} migrations in parallel x ${ROUNDS} rounds`,
        samples: { app: times.map((t) => round(t)) },
        pollsPerMigration: median(records.map((x) => x.polls)),
        simulatorPollsPerMigration: round(simPolls, 2),
        submissionsPerMigration:
          (after.migrationSubmissions.length - before.migrationSubmissions.length) / records.length
      }
    } finally {
      watch.stop()
    }
  }
}
