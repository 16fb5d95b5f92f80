import type { AppError, AppErrorCode } from '../shared/result'

/** The one error type main throws; its `error` crosses to the renderer as-is. */
export class DeskError extends Error {
  readonly error: AppError

  constructor(error: AppError) {
    super(error.message)
    this.name = 'DeskError'
    this.error = error
  }
}

export function deskError(
  code: AppErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {}
): DeskError {
  return new DeskError({ code, message, ...extra })
}

export function isDeskError(value: unknown): value is DeskError {
  return value instanceof DeskError
}
