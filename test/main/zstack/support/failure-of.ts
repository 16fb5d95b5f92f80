// The AppError a client call fails with, for the client tests that are about failures.
import type { AppError } from '../../../../src/shared/result'
import { toAppError } from '../../../../src/main/zstack/to-app-error'

/** The AppError `promise` rejects with; a promise that resolves fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    return toAppError(error)
  }
  throw new Error('expected the call to fail')
}
