import type { AppError } from '../../shared/result'
import { isDeskError } from '../desk-error'

/** Maps anything thrown to the one AppError shape; unknown throws become INTERNAL without leaking internals. */
export function toAppError(error: unknown): AppError {
  if (isDeskError(error)) return error.error
  const message = error instanceof Error ? error.message : String(error)
  return {
    code: 'INTERNAL',
    message: 'ZStack Desk hit an unexpected problem. Try again; if it persists, report it with the log file.',
    details: message.slice(0, 500)
  }
}
