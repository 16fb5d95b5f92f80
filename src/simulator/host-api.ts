// PUT /v1/hosts/{uuid}/actions: changeHostState, accepted as a job like every asynchronous action.
import { checkParamTypes, optional, parseJsonBody, readActionBody } from './action-body'
import { pathParam, sessionIdOf, type ApiRequest } from './api-request'
import type { Reply } from './http-reply'
import type { SimContext } from './sim-context'
import { acceptedJob, API_TIMEOUT_MS, jobUuidFor } from './vm-api'
import { zstackErrors } from './zstack-errors'

export function hostAction(ctx: SimContext, request: ApiRequest): Reply {
  const body = readActionBody(parseJsonBody(request.rawBody), request.apiPath, ['changeHostState'])
  const sessionId = sessionIdOf(request)
  checkParamTypes('changeHostState', body.params, { stateEvent: 'string' })
  const jobUuid = jobUuidFor(ctx, request)
  ctx.jobs.create(jobUuid)
  if (!ctx.sessions.touch(sessionId)) {
    ctx.jobs.finish(jobUuid, { ok: false, error: zstackErrors.invalidSession(sessionId) })
  } else {
    const stateEvent = optional<string>(body.params, 'stateEvent')
    void ctx.hostStates
      .change(pathParam(request, 'uuid'), stateEvent)
      .then((outcome) => ctx.jobs.finish(jobUuid, outcome))
  }
  return acceptedJob(ctx, request, jobUuid, API_TIMEOUT_MS.other)
}
