import { appError, type ErrorKind, type ErrorParams } from '../shared/error-kinds'
import type { AppError } from '../shared/result'

/** The one error type main throws; its `error` crosses to the renderer as-is. */
export class DeskError extends Error {
  readonly error: AppError

  constructor(error: AppError) {
    super(error.message)
    this.name = 'DeskError'
    this.error = error
  }
}

export function deskError<K extends ErrorKind>(
  kind: K,
  params: ErrorParams<K>,
  extra: Omit<AppError, 'code' | 'kind' | 'params' | 'message'> = {}
): DeskError {
  return new DeskError(appError(kind, params, extra))
}

export function isDeskError(value: unknown): value is DeskError {
  return value instanceof DeskError
}
