// fleet-search: an IP searched over 10 clusters (200 ms latency, one never answering) to the merged first rows,
// against one plain fetch of the same query to the slowest cluster that answers; and what the dead one costs.
import type { FleetPage, VmInventory } from '../src/shared/api'
import type { Benchmark } from './lib/benchmark'
import { startBenchApp } from './lib/app-host'
import { vmQueryPath } from './lib/app-ui'
import { addCluster, unwrap } from './lib/desk'
import { rawLogin, type RawSession } from './lib/raw-zstack'
import { ratioFigure } from './lib/results'
import { compareRounds } from './lib/stats'

const MAX_RATIO = 1.3
const CLUSTERS = 10
const VMS_EACH = Number(process.env.BENCH_FLEET_VMS ?? 10_000)
const LATENCY_MS = 200
/** Each cluster's deadline in the fleet query: the most a dead cluster may cost. */
const DEADLINE_MS = 3000
/** A cluster "never answering": its latency outlasts the whole run. */
const NEVER_MS = 600_000
const WARMUP = 2
const ROUNDS = 9
const SORT = { field: 'name', direction: 'asc' } as const

export const fleetSearch: Benchmark = {
  name: 'fleet-search',
  target: `ratio <= ${MAX_RATIO}; the dead cluster costs <= its ${DEADLINE_MS} ms deadline`,
  async run(ctx) {
    const fleet = await ctx.fleet(
      Array.from({ length: CLUSTERS }, (_, i) => ({ vms: VMS_EACH, latencyMs: LATENCY_MS, seed: 500 + i }))
    )
    ctx.log(
      `fleet-search: ${CLUSTERS} simulators of ${VMS_EACH} VMs ready in ${(fleet.startMs / 1000).toFixed(1)} s`
    )
    const app = await startBenchApp()
    try {
      const ids: string[] = []
      for (const [i, sim] of fleet.sims.entries())
        ids.push(await addCluster(app.api, `fleet-${i + 1}`, sim.url))
      const raws: RawSession[] = await Promise.all(fleet.sims.slice(0, -1).map((sim) => rawLogin(sim.url)))
      // The simulator indexes VMs' NICs on its first IP search, as a real database has its index before anyone
      // types: build every live cluster's index now, so the cold search below costs the dead cluster, not index builds.
      await Promise.all(
        raws.map((raw, i) => raw.get(vmQueryPath({ profileId: ids[i]!, search: '10.', start: 0, limit: 1 })))
      )
      const dead = ids[CLUSTERS - 1]!
      await fleet.sims[CLUSTERS - 1]!.setOptions({ latencyMs: NEVER_MS })

      // A new IP prefix each round (10.<octet>.<n>), one that matches: no answer can come from an earlier one.
      const prefixes: string[] = []
      for (let i = 0; prefixes.length < WARMUP + ROUNDS + 1 && i < 120; i++) {
        const prefix = `10.${10 + (i % 6)}.${Math.floor(i / 6)}`
        const probe = vmQueryPath({ profileId: ids[0]!, search: prefix, start: 0, limit: 1 })
        const found = (await raws[0]!.get(probe)) as { inventories: VmInventory[] }
        if (found.inventories.length > 0) prefixes.push(prefix)
      }
      if (prefixes.length < WARMUP + ROUNDS + 1) throw new Error('too few IP prefixes match any VM')
      const ask = (search: string): Promise<FleetPage> =>
        app.api
          .queryFleetVms({
            profileIds: ids,
            search,
            start: 0,
            limit: 20,
            sort: SORT,
            deadlineMs: DEADLINE_MS
          })
          .then((r) => unwrap(r, 'queryFleetVms'))

      // The first search finds the dead cluster out: it may cost its deadline, no more.
      const coldStart = performance.now()
      const cold = await ask(prefixes[0]!)
      const deadCostMs = performance.now() - coldStart
      if (cold.clusters.find((c) => c.profileId === dead)?.state !== 'slow')
        throw new Error(
          `the dead cluster was reported ${JSON.stringify(cold.clusters.find((c) => c.profileId === dead))}, not slow`
        )

      // Round i of each side searches prefix i; the baseline asks the cluster slowest to answer it in the app.
      let appTurn = 1
      let baseTurn = 1
      let lastSlowest = 0
      const slowestFor = new Map<string, number>()
      /** How many of the nine live clusters answered within the deadline, each round. */
      const answeredCounts: number[] = []
      const appRound = async (): Promise<number> => {
        const search = prefixes[appTurn++]!
        const started = performance.now()
        const page = await ask(search)
        const ms = performance.now() - started
        if (page.items.length === 0) throw new Error(`no VM matched ${search}`)
        const answered = page.clusters.filter((c) => c.state === 'answered')
        answeredCounts.push(answered.length)
        if (answered.length === 0) throw new Error(`no cluster answered ${search}`)
        const slowest = answered.reduce((a, b) => ((b.elapsedMs ?? 0) > (a.elapsedMs ?? 0) ? b : a))
        lastSlowest = ids.indexOf(slowest.profileId)
        slowestFor.set(search, lastSlowest)
        return ms
      }
      const baseRound = async (): Promise<number> => {
        const search = prefixes[baseTurn++]!
        const index = slowestFor.get(search) ?? lastSlowest
        const path = vmQueryPath({
          profileId: ids[index]!,
          search,
          start: 0,
          limit: 20,
          sort: SORT,
          replyWithCount: true
        })
        const started = performance.now()
        const body = (await raws[index]!.get(path)) as { inventories: VmInventory[] }
        const ms = performance.now() - started
        if (!Array.isArray(body.inventories)) throw new Error(`the baseline got no list for ${search}`)
        return ms
      }
      const comparison = await compareRounds({
        warmup: WARMUP,
        rounds: ROUNDS,
        app: appRound,
        baseline: baseRound
      })
      const figure = ratioFigure(comparison, 'ms', MAX_RATIO, {
        deadCostMs: Math.round(deadCostMs),
        answeredPerRound: answeredCounts,
        deadlineMs: DEADLINE_MS,
        note: `DeskApi queryFleetVms (main's fan-out and merge) over ${CLUSTERS} clusters of ${VMS_EACH} VMs, ${LATENCY_MS} ms latency, one never answering; baseline = one plain fetch of the same query to the slowest answering cluster. The renderer's 250 ms typing pause is not counted.`
      })
      // Every live cluster must have answered in time: a fast answer that left clusters out is no answer.
      figure.pass =
        figure.pass === true &&
        deadCostMs <= DEADLINE_MS + 500 &&
        answeredCounts.slice(WARMUP).every((n) => n === CLUSTERS - 1)
      return figure
    } finally {
      await app.close()
      await fleet.stop()
    }
  }
}
