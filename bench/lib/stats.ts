// Medians and the warm-up-then-rounds loop every benchmark uses, app and baseline interleaved.
import { performance } from 'node:perf_hooks'

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no samples')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** A sample is either a duration the step measured itself (e.g. inside the page) or, when it returns nothing, its wall time. */
export type Step = () => Promise<number | void>

export async function timed(step: Step): Promise<number> {
  const started = performance.now()
  const measured = await step()
  return typeof measured === 'number' ? measured : performance.now() - started
}

export interface Comparison {
  app: number[]
  baseline: number[]
}

export interface CompareOptions {
  warmup: number
  rounds: number
  app: Step
  baseline: Step
}

/** Warm both sides up, then alternate which goes first each round so drift on a shared machine hits both alike. */
export async function compareRounds(options: CompareOptions): Promise<Comparison> {
  for (let i = 0; i < options.warmup; i++) {
    await options.app()
    await options.baseline()
  }
  const result: Comparison = { app: [], baseline: [] }
  for (let i = 0; i < options.rounds; i++) {
    if (i % 2 === 0) {
      result.app.push(await timed(options.app))
      result.baseline.push(await timed(options.baseline))
    } else {
      result.baseline.push(await timed(options.baseline))
      result.app.push(await timed(options.app))
    }
  }
  return result
}
