import type { DeskApiMethod, DeskInput, DeskOutput } from '../shared/api'

/**
 * The implementation side of DeskApi: each method gets its parsed argument and resolves to its data or throws a
 * DeskError. The guard (api-guard.ts) validates arguments first and turns throws into `Result`s.
 */
export type DeskHandlers = {
  [M in DeskApiMethod]: (input: DeskInput<M>) => Promise<DeskOutput<M>>
}
