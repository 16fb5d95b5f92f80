import type { DeskApi, DeskApiMethod, Result } from '../shared/api'

type ResultData<R> = R extends Promise<Result<infer T>> ? T : never

/**
 * The implementation side of DeskApi: each method resolves to its data or throws a DeskError.
 * The guard (api-guard.ts) validates arguments first and turns throws into `Result`s.
 */
export type DeskHandlers = {
  [K in DeskApiMethod]: (...args: Parameters<DeskApi[K]>) => Promise<ResultData<ReturnType<DeskApi[K]>>>
}
