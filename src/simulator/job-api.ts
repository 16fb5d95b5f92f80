// GET /v1/api-jobs/{uuid}: the poll every asynchronous call ends in.
import { pathParam, sessionIdOf, type ApiRequest } from './api-request'
import { errorReply, jsonReply, textReply, type Reply } from './http-reply'
import type { SimContext } from './sim-context'
import { zstackErrors } from './zstack-errors'

export function pollJob(ctx: SimContext, request: ApiRequest): Reply {
  const sessionId = sessionIdOf(request)
  if (!ctx.sessions.touch(sessionId)) return errorReply(zstackErrors.invalidSession(sessionId))
  const view = ctx.jobs.view(pathParam(request, 'uuid'), ctx.options.jobRetentionMs)
  switch (view.state) {
    case 'expired':
      return textReply(404, 'the job has been expired')
    case 'running':
      return jsonReply(202, {})
    case 'finished':
      return view.outcome.ok ? jsonReply(200, view.outcome.result) : errorReply(view.outcome.error)
  }
}
