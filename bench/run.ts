// `npm run bench [name ...]`: runs the benchmarks (all, in order, or those named), prints the table, writes latest.json.
// Diagnosis switches: BENCH_PROFILE=1 (CPU profiles and Chromium traces in bench/results/profiles),
// BENCH_PROFILE_SIM=1 (CPU profile of the simulator process), BENCH_STATIC_DIR=<dir> (measure another renderer
// build), BENCH_NO_KEYRING=1 (no Secret Service), BENCH_VMS and BENCH_MEMORY_PAGES (smaller runs).
import { performance } from 'node:perf_hooks'
import type { Benchmark } from './lib/benchmark'
import { createContext } from './lib/context'
import { rerunWithKeyring } from './lib/keyring'
import { RESULTS_FILE, writeResults, type BenchOutcome } from './lib/results'
import { formatTable } from './lib/table'
import { listPage } from './list-page'
import { firstRows } from './first-rows'
import { searchToRows } from './search-to-rows'
import { openMigrate } from './open-migrate'
import { inspectorCharts } from './inspector-charts'
import { migrationOverhead } from './migration-overhead'
import { manyClusters } from './many-clusters'
import { fleetSearch } from './fleet-search'
import { rendererMemory } from './renderer-memory'
import { fleetMemory } from './fleet-memory'
import { bundle } from './bundle'
import { startupUnreachable } from './startup-unreachable'
import { drain } from './drain'

const ALL: Benchmark[] = [
  listPage,
  firstRows,
  searchToRows,
  openMigrate,
  inspectorCharts,
  migrationOverhead,
  manyClusters,
  fleetSearch,
  rendererMemory,
  fleetMemory,
  bundle,
  startupUnreachable,
  drain
]

async function main(): Promise<number> {
  const names = process.argv.slice(2)
  const unknown = names.filter((n) => !ALL.some((b) => b.name === n))
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${ALL.map((b) => b.name).join(', ')}`)
    return 2
  }
  const keyringRun = rerunWithKeyring('bench/run.ts', names)
  if (keyringRun !== undefined) return keyringRun
  const selected = names.length === 0 ? ALL : ALL.filter((b) => names.includes(b.name))
  const ctx = createContext()
  const outcomes: Record<string, BenchOutcome> = {}
  const started = performance.now()
  try {
    for (const benchmark of selected) {
      ctx.log(`${benchmark.name}: start`)
      const t0 = performance.now()
      try {
        outcomes[benchmark.name] = await benchmark.run(ctx)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        ctx.log(`${benchmark.name}: ERROR ${error instanceof Error ? (error.stack ?? message) : message}`)
        outcomes[benchmark.name] = { error: message, target: benchmark.target, pass: false }
      }
      ctx.log(`${benchmark.name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
  } finally {
    await ctx.close()
  }
  writeResults(outcomes, names.length > 0)
  console.log(`\n${formatTable(outcomes)}\n`)
  console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s; figures in ${RESULTS_FILE}`)
  return Object.values(outcomes).every((o) => o.pass) ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
