// The shape of one benchmark's figures, how a comparison becomes one, and bench/results/latest.json.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { median, round, type Comparison } from './stats'

export interface Figure {
  app: number
  baseline: number
  ratio: number
  unit: string
  /** Human-readable target, as printed in the table. */
  target: string
  pass: boolean
  /** Anything else worth keeping: samples, polls, notes. */
  [extra: string]: unknown
}

export interface FailedFigure {
  error: string
  target: string
  pass: false
}

export type BenchOutcome = Figure | FailedFigure

export function isFailed(outcome: BenchOutcome): outcome is FailedFigure {
  return !('app' in outcome)
}

/** A run against another renderer build (BENCH_STATIC_DIR) must not overwrite the app's own figures. */
export const RESULTS_FILE = resolve(
  process.env.BENCH_STATIC_DIR ? 'bench/results/other-build.json' : 'bench/results/latest.json'
)

export function ratioFigure(
  comparison: Comparison,
  unit: string,
  maxRatio: number,
  extra: Record<string, unknown> = {}
): Figure {
  const app = median(comparison.app)
  const baseline = median(comparison.baseline)
  const ratio = app / baseline
  return {
    app: round(app),
    baseline: round(baseline),
    ratio: round(ratio, 3),
    unit,
    target: `ratio <= ${maxRatio}`,
    pass: ratio <= maxRatio,
    samples: { app: comparison.app.map((v) => round(v)), baseline: comparison.baseline.map((v) => round(v)) },
    ...extra
  }
}

/** Medians of side measurements (e.g. time until the data arrived), rounded. */
export function medians(samples: Record<string, number[]>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(samples).map(([side, values]) => [side, values.length > 0 ? round(median(values)) : null])
  )
}

/** A one-benchmark run updates its own entry and keeps the others from the last full run. */
export function writeResults(outcomes: Record<string, BenchOutcome>, merge: boolean): void {
  let previous: Record<string, unknown> = {}
  if (merge && existsSync(RESULTS_FILE)) {
    try {
      previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>
    } catch {
      previous = {}
    }
  }
  mkdirSync(dirname(RESULTS_FILE), { recursive: true })
  const temp = `${RESULTS_FILE}.tmp`
  writeFileSync(temp, JSON.stringify({ ...previous, ...outcomes }, null, 2) + '\n')
  renameSync(temp, RESULTS_FILE)
}
