// What each benchmark file exports: a name, its target in words, and a run that returns its figure.
import type { BenchContext } from './context'
import type { Figure } from './results'

export interface Benchmark {
  name: string
  target: string
  run(ctx: BenchContext): Promise<Figure>
}
