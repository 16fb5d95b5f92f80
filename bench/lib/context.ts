// Resources the benchmarks share within one run, each started on first use and stopped once at the end.
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../../test/e2e/support/browser'
import { startFleet, type Fleet, type SimHandle } from './fleet'
import { startBenchApp, type BenchApp } from './app-host'
import { addCluster } from './desk'
import { rawLogin, type RawSession } from './raw-zstack'
import { startBaselineServer, type BaselineServer } from './baseline-server'

export const BIG_VMS = Number(process.env.BENCH_VMS ?? 100_000)
export const MIGRATION_MS = 10_000

export interface BenchContext {
  /** The shared simulator: 100,000 VMs, no added latency, 10 s migrations. */
  bigSim(): Promise<SimHandle>
  /** The app (DeskApi + web host) with two profiles on the shared simulator, both signed in. */
  app(): Promise<{ app: BenchApp; profileId: string; otherProfileId: string }>
  /** A session of the baseline's own on the shared simulator. */
  raw(): Promise<RawSession>
  baselineServer(): Promise<BaselineServer>
  browser(): Promise<Browser>
  /** Starts extra simulators; they are stopped with the context. */
  fleet(specs: Parameters<typeof startFleet>[0]): Promise<Fleet>
  log(message: string): void
  close(): Promise<void>
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

export function createContext(): BenchContext {
  const closers: (() => Promise<void>)[] = []
  const started = Date.now()
  const log = (message: string): void => {
    console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`)
  }

  const fleet = async (specs: Parameters<typeof startFleet>[0]): Promise<Fleet> => {
    const f = await startFleet(specs)
    closers.push(() => f.stop())
    return f
  }

  const bigSim = once(async () => {
    log(`starting the shared simulator (${BIG_VMS.toLocaleString('en-US')} VMs)`)
    const f = await fleet([{ vms: BIG_VMS, migrationDurationMs: MIGRATION_MS, latencyMs: 0, seed: 7 }])
    log(`shared simulator ready in ${(f.startMs / 1000).toFixed(1)} s at ${f.sims[0]!.url}`)
    return f.sims[0]!
  })

  const app = once(async () => {
    const sim = await bigSim()
    const benchApp = await startBenchApp()
    closers.push(() => benchApp.close())
    const profileId = await addCluster(benchApp.api, 'bench-100k', sim.url)
    // A second cluster to switch to, so selecting the first one again loads it afresh.
    const otherProfileId = await addCluster(benchApp.api, 'bench-100k-other', sim.url)
    return { app: benchApp, profileId, otherProfileId }
  })

  const raw = once(async () => rawLogin((await bigSim()).url))

  const baselineServer = once(async () => {
    const sim = await bigSim()
    const session = await raw()
    const server = await startBaselineServer(sim.url, session.sessionUuid)
    closers.push(() => server.close())
    return server
  })

  const browser = once(async () => {
    const b = await launchBrowser()
    closers.push(() => b.close())
    return b
  })

  return {
    bigSim,
    app,
    raw,
    baselineServer,
    browser,
    fleet,
    log,
    async close() {
      for (const close of closers.reverse())
        await close().catch((e: unknown) => log(`cleanup failed: ${String(e)}`))
    }
  }
}
