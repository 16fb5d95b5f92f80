import type { z } from 'zod'
import { DESK_API_METHODS, deskContract, isDeskApiMethod } from '../shared/api'
import type { DeskApi, InputIssue, Result } from '../shared/api'
import { appError } from '../shared/error-kinds'
import type { DeskHandlers } from './desk-handlers'
import { toAppError } from './zstack/to-app-error'
import { issueProblem } from './zod-issue'

export interface GuardedApi {
  /** The single entry for every transport: validates, calls, and never throws. */
  call(method: unknown, arg: unknown): Promise<Result<unknown>>
  /** The same, typed as the contract, for in-process callers (tests, benchmarks). */
  api: DeskApi
}

function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join('.') || '(argument)'
    return { path, message: issue.message, problem: issueProblem(issue, path) }
  })
}

export function guardApi(
  handlers: DeskHandlers,
  onUnexpected?: (method: string, error: unknown) => void
): GuardedApi {
  async function call(method: unknown, arg: unknown): Promise<Result<unknown>> {
    if (!isDeskApiMethod(method)) {
      return { ok: false, error: appError('unknownOperation', {}) }
    }
    const parsed = deskContract[method].input.safeParse(arg)
    if (!parsed.success) {
      const issues = issuesOf(parsed.error)
      return {
        ok: false,
        error: appError('invalidInput', {}, { issues })
      }
    }
    try {
      const handler = handlers[method] as (a: unknown) => Promise<unknown>
      const data = await handler.call(handlers, parsed.data)
      return { ok: true, data: data === undefined ? null : data }
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'INTERNAL') onUnexpected?.(method, error)
      return { ok: false, error: appError }
    }
  }

  const api = Object.fromEntries(
    DESK_API_METHODS.map((method) => [method, (arg?: unknown) => call(method, arg)])
  ) as unknown as DeskApi

  return { call, api }
}
