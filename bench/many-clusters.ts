// 6. many-clusters: sign in to 10 clusters (200 ms latency each) and list each first page in parallel, against one cluster alone.
import type { Benchmark } from './lib/benchmark'
import { addCluster, signInCluster, unwrap } from './lib/desk'
import { listQuery } from './list-page'
import { ratioFigure } from './lib/results'
import { compareRounds } from './lib/stats'

const MAX_RATIO = 1.5
const CLUSTERS = 10
const VMS_EACH = 2000
const LATENCY_MS = 200

export const manyClusters: Benchmark = {
  name: 'many-clusters',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const fleet = await ctx.fleet(
      Array.from({ length: CLUSTERS }, (_, i) => ({ vms: VMS_EACH, latencyMs: LATENCY_MS, seed: 100 + i }))
    )
    ctx.log(
      `many-clusters: ${CLUSTERS} simulators of ${VMS_EACH} VMs ready in ${(fleet.startMs / 1000).toFixed(1)} s`
    )
    const { app } = await ctx.app()
    const profileIds: string[] = []
    for (const [i, sim] of fleet.sims.entries())
      profileIds.push(await addCluster(app.api, `bench-cluster-${i + 1}`, sim.url, false))

    // Time only sign-in + first page; signing out first is outside the clock.
    const timedRound = (ids: string[]) => async (): Promise<number> => {
      await Promise.all(ids.map(async (profileId) => unwrap(await app.api.signOut({ profileId }), 'signOut')))
      const started = performance.now()
      await Promise.all(
        ids.map(async (profileId) => {
          await signInCluster(app.api, profileId)
          const page = unwrap(await app.api.queryVms(listQuery(profileId)), 'queryVms')
          if (page.items.length === 0) throw new Error(`cluster ${profileId} listed no VMs`)
        })
      )
      return performance.now() - started
    }
    const comparison = await compareRounds({
      warmup: 1,
      rounds: 7,
      app: timedRound(profileIds),
      baseline: timedRound(profileIds.slice(0, 1))
    })
    for (const profileId of profileIds) unwrap(await app.api.deleteProfile({ profileId }), 'deleteProfile')
    await fleet.stop()
    return ratioFigure(comparison, 'ms', MAX_RATIO, {
      note: `app = ${CLUSTERS} clusters in parallel, baseline = 1 cluster, same DeskApi; ${VMS_EACH} VMs and ${LATENCY_MS} ms latency each`
    })
  }
}
