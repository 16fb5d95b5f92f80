// drain: 20 VMs off one host through the batch queue, K=4, 5 s simulated migrations; the total against the ideal of
// 5 rounds x 5 s. The app runs with its shipped timings; only the simulator is made small and quick to set up.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { composeDesk } from '../src/main/compose'
import type { DeskApi, MigrationBatch } from '../src/shared/api'
import { startSimulator, type HostInventory, type RunningSimulator } from '../src/simulator'
import { isPlainlyMigratable } from '../test/support/plain-migratable'
import type { Benchmark } from './lib/benchmark'
import { addCluster, unwrap } from './lib/desk'
import { round } from './lib/stats'

const VMS = 20
const K = 4
const MIGRATION_MS = 5000
const IDEAL_MS = Math.ceil(VMS / K) * MIGRATION_MS
const MAX_RATIO = 1.15

async function finished(api: DeskApi, batchId: string): Promise<MigrationBatch> {
  for (;;) {
    const batch = unwrap(await api.getBatch({ batchId }), 'getBatch')
    if (batch.finishedAt) return batch
    await sleep(20)
  }
}

/** The host (one per cluster tried) that most plainly migratable VMs of its zone can move to, and those VMs. */
async function target(api: DeskApi, sim: RunningSimulator, profileId: string) {
  const vms = sim.findVms(isPlainlyMigratable)
  const hosts = new Map<string, HostInventory>()
  for (const vm of vms) hosts.set(sim.host(vm.hostUuid!)!.clusterUuid, sim.host(vm.hostUuid!)!)
  let best: { host: HostInventory; movable: string[] } | undefined
  for (const host of hosts.values()) {
    const others = vms
      .filter((v) => v.zoneUuid === host.zoneUuid && v.hostUuid !== host.uuid)
      .map((v) => v.uuid)
    const plan = unwrap(
      await api.planMigrations({
        profileId,
        vmUuids: others,
        destinations: others.map((vmUuid) => ({ vmUuid, hostUuid: host.uuid }))
      }),
      'planMigrations'
    )
    const movable = plan.rows.filter((r) => r.to?.hostUuid === host.uuid).map((r) => r.vmUuid)
    if (movable.length > (best?.movable.length ?? 0)) best = { host, movable }
  }
  if (!best || best.movable.length < VMS) throw new Error(`no host can take ${VMS} VMs`)
  return { host: best.host, vms: best.movable.slice(0, VMS) }
}

export const drain: Benchmark = {
  name: 'drain',
  target: `total <= ${MAX_RATIO} x the ideal (${VMS / K} rounds x ${MIGRATION_MS / 1000} s)`,
  async run(ctx) {
    const sim = await startSimulator({
      vms: 400,
      migrationDurationMs: 200,
      switchOverMs: 0,
      migrationFailureRate: 0,
      seed: 11
    })
    const dataDir = mkdtempSync(join(tmpdir(), 'zstack-desk-bench-drain-'))
    const runtime = await composeDesk({ transport: 'web', dataDir, version: 'bench' })
    try {
      const api = runtime.guarded.api
      const profileId = await addCluster(api, 'bench-drain', sim.url)
      const { host, vms } = await target(api, sim, profileId)
      ctx.log(`drain: filling ${host.name} with ${VMS} VMs`)
      const fill = unwrap(
        await api.startBatch({
          profileId,
          rows: vms.map((vmUuid) => ({ vmUuid, hostUuid: host.uuid })),
          concurrency: 8,
          stopOnFirstFailure: true
        }),
        'startBatch (fill)'
      )
      const filled = await finished(api, fill.id)
      if (filled.counts.succeeded !== VMS)
        throw new Error(
          `filling: ${JSON.stringify(filled.rows.filter((r) => r.reason).map((r) => r.reason?.message))}`
        )

      sim.setOptions({ migrationDurationMs: MIGRATION_MS })
      const before = sim.stats().migrationSubmissions.length
      const t0 = performance.now()
      const started = unwrap(
        await api.startBatch({
          profileId,
          rows: vms.map((vmUuid) => ({ vmUuid })),
          concurrency: K,
          stopOnFirstFailure: false,
          drain: { hostUuid: host.uuid, thenMaintain: false }
        }),
        'startBatch (drain)'
      )
      const done = await finished(api, started.id)
      const ms = performance.now() - t0
      if (done.counts.succeeded !== VMS) throw new Error(`drain: ${JSON.stringify(done.counts)}`)
      const submissions = sim.stats().migrationSubmissions.length - before
      const ratio = ms / IDEAL_MS
      ctx.log(`drain: ${Math.round(ms)} ms for ${VMS} VMs at K=${K} (ideal ${IDEAL_MS} ms)`)
      return {
        app: round(ms),
        baseline: IDEAL_MS,
        ratio: round(ratio, 3),
        unit: 'ms',
        target: this.target,
        pass: ratio <= MAX_RATIO,
        note: `startBatch to the drain verified (host re-read); ${VMS} VMs, K=${K}, ${MIGRATION_MS} ms simulated migrations, app timings as shipped`,
        submissions,
        durationsMs: done.rows.map((r) => r.durationMs ?? 0)
      }
    } finally {
      await runtime.dispose()
      await sim.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
