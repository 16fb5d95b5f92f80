// The long-job and task-progress endpoints; a node without them (longJobs off) answers 404 "no api mapping".
import { checkParamTypes, optional, parseJsonBody, readActionBody } from './action-body'
import { pathParam, sessionIdOf, type ApiRequest } from './api-request'
import { errorReply, jsonReply, textReply, type Reply } from './http-reply'
import type { LongJobRow } from './long-jobs'
import { parseQueryRequest, runQuery, type QueryResource } from './query-engine'
import { copyRow } from './query-tables'
import type { SimContext } from './sim-context'
import { apiTimeoutMs, jobUuidFor } from './vm-api'
import { zstackErrors } from './zstack-errors'

const SUBMIT_PARAMS = {
  name: 'string',
  description: 'string',
  jobName: 'string',
  jobData: 'string',
  targetResourceUuid: 'string',
  resourceUuid: 'string'
} as const
const LONG_JOB_TIMEOUT_MS = 1_800_000

type Handler = (ctx: SimContext, request: ApiRequest) => Reply

/** Only a node that has the long-job module maps these paths. */
const whenSupported =
  (handler: Handler): Handler =>
  (ctx, request) =>
    ctx.options.longJobs ? handler(ctx, request) : textReply(404, `no api mapping to ${request.apiPath}`)

function longJobResource(ctx: SimContext): QueryResource {
  const S = 'string' as const
  const D = 'date' as const
  return {
    table: {
      fields: {
        uuid: S,
        name: S,
        description: S,
        apiId: S,
        jobName: S,
        jobData: S,
        jobResult: S,
        state: S,
        targetResourceUuid: S,
        managementNodeUuid: S,
        createDate: D,
        lastOpDate: D,
        executeTime: 'number'
      },
      joins: {}
    },
    rows: () => ctx.longJobs.list(),
    byUuid: (uuid) => ctx.longJobs.get(uuid),
    inventory: copyRow,
    shape: { classOf: () => 'org.zstack.header.longjob.LongJobInventory' }
  }
}

/** An asynchronous API's first answer: the job it runs under. */
function accepted(ctx: SimContext, request: ApiRequest, jobUuid: string): Reply {
  return jsonReply(202, {
    location: `${ctx.baseUrl()}/zstack/v1/api-jobs/${jobUuid}`,
    apiTimeout: apiTimeoutMs(request, LONG_JOB_TIMEOUT_MS)
  })
}

/** POST /v1/longjobs `{"params": {jobName, jobData, ...}}`: the job's answer is the new LongJobInventory. */
export const submitLongJob = whenSupported((ctx, request) => {
  const body = readActionBody(parseJsonBody(request.rawBody), request.apiPath, ['params'])
  checkParamTypes('APISubmitLongJobMsg', body.params, SUBMIT_PARAMS)
  const sessionId = sessionIdOf(request)
  const jobUuid = jobUuidFor(ctx, request)
  ctx.jobs.create(jobUuid)
  const jobName = optional<string>(body.params, 'jobName')
  const jobData = optional<string>(body.params, 'jobData')
  if (!ctx.sessions.touch(sessionId)) {
    ctx.jobs.finish(jobUuid, { ok: false, error: zstackErrors.invalidSession(sessionId) })
    return accepted(ctx, request, jobUuid)
  }
  if (jobName === undefined || jobData === undefined) {
    const missing = jobName === undefined ? 'jobName' : 'jobData'
    ctx.jobs.finish(jobUuid, {
      ok: false,
      error: zstackErrors.invalidArgument(`field[${missing}] of APISubmitLongJobMsg is mandatory`)
    })
    return accepted(ctx, request, jobUuid)
  }
  const row = ctx.longJobs.submit({
    apiId: jobUuid,
    jobName,
    jobData,
    name: optional(body.params, 'name'),
    description: optional(body.params, 'description'),
    targetResourceUuid: optional(body.params, 'targetResourceUuid'),
    resourceUuid: optional(body.params, 'resourceUuid')
  })
  if (jobName === 'APIMigrateVmMsg') countSubmission(ctx, row, jobUuid)
  ctx.jobs.finish(jobUuid, { ok: true, result: { inventory: row } })
  return accepted(ctx, request, jobUuid)
})

function countSubmission(ctx: SimContext, row: LongJobRow, jobUuid: string): void {
  let data: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(row.jobData)
    if (typeof parsed === 'object' && parsed !== null) data = parsed as Record<string, unknown>
  } catch {
    data = {}
  }
  const vmUuid =
    typeof data.vmInstanceUuid === 'string' ? data.vmInstanceUuid : (row.targetResourceUuid ?? '')
  ctx.stats.migrationSubmissions.push({
    jobUuid,
    vmUuid,
    ...(typeof data.hostUuid === 'string' ? { hostUuid: data.hostUuid } : {}),
    longJobUuid: row.uuid,
    at: Date.now()
  })
}

/** GET /v1/longjobs and /v1/longjobs/{uuid}: an ordinary query. */
export const queryLongJobs = whenSupported((ctx, request) => {
  const sessionId = sessionIdOf(request)
  const resource = longJobResource(ctx)
  const query = parseQueryRequest(resource.table, request.query)
  if (!ctx.sessions.touch(sessionId)) return errorReply(zstackErrors.invalidSession(sessionId))
  return jsonReply(200, runQuery(resource, query, request.params.uuid))
})

/** PUT /v1/longjobs/{uuid}/actions `{"cancelLongJob": {}}`: its job ends when the long job is final. */
export const longJobAction = whenSupported((ctx, request) => {
  readActionBody(parseJsonBody(request.rawBody), request.apiPath, ['cancelLongJob'])
  const sessionId = sessionIdOf(request)
  const jobUuid = jobUuidFor(ctx, request)
  ctx.jobs.create(jobUuid)
  if (!ctx.sessions.touch(sessionId)) {
    ctx.jobs.finish(jobUuid, { ok: false, error: zstackErrors.invalidSession(sessionId) })
  } else {
    void ctx.longJobs.cancel(pathParam(request, 'uuid')).then((outcome) => ctx.jobs.finish(jobUuid, outcome))
  }
  return accepted(ctx, request, jobUuid)
})

/** GET /v1/task-progresses/{apiId}: the latest report (every one with `all=true`); none yet is an empty list. */
export const taskProgress = whenSupported((ctx, request) => {
  const sessionId = sessionIdOf(request)
  if (!ctx.sessions.touch(sessionId)) return errorReply(zstackErrors.invalidSession(sessionId))
  const all = request.query.get('all') === 'true'
  return jsonReply(200, { inventories: ctx.progress.read(pathParam(request, 'apiId'), all) })
})
