// Maps method and path under /zstack to a handler: unknown paths 404, wrong verbs 405, bad requests 400.
import { BadRequestError } from './action-body'
import type { ApiRequest } from './api-request'
import { hostAction } from './host-api'
import { textReply, toJson, type Reply } from './http-reply'
import { pollJob } from './job-api'
import { longJobAction, queryLongJobs, submitLongJob, taskProgress } from './longjob-api'
import { queryHandler } from './query-api'
import { BadQueryError } from './query-engine'
import { QUERY_ENDPOINTS } from './query-tables'
import { getVersion, logIn, logOut, renewSession, validateSession } from './session-api'
import type { SimContext } from './sim-context'
import { migrationTargetHosts, vmAction } from './vm-api'
import { getMetricData, metricMetadata } from './zwatch-api'

type Handler = (ctx: SimContext, request: ApiRequest) => Reply

interface Route {
  segments: string[]
  methods: Partial<Record<string, Handler>>
  /** The server's own 405 text where it has one. */
  notAllowed?: string
}

const route = (path: string, methods: Partial<Record<string, Handler>>, notAllowed?: string): Route => ({
  segments: path.split('/').filter(Boolean),
  methods,
  notAllowed
})

const ROUTES: readonly Route[] = [
  route('/v1/accounts/login', { PUT: logIn }),
  route('/v1/accounts/sessions/{uuid}', { DELETE: logOut }),
  route('/v1/accounts/sessions/{uuid}/valid', { GET: validateSession }),
  route('/v1/accounts/sessions/{uuid}/renew', { PUT: renewSession }),
  route('/v1/management-nodes/actions', { PUT: getVersion }),
  route('/v1/api-jobs/{uuid}', { GET: pollJob }, 'only GET method is allowed for querying job status'),
  route('/v1/vm-instances/{uuid}/migration-target-hosts', { GET: migrationTargetHosts }),
  route('/v1/vm-instances/{uuid}/actions', { PUT: vmAction }),
  route('/v1/hosts/{uuid}/actions', { PUT: hostAction }),
  route('/v1/zwatch/metrics', { GET: getMetricData }),
  route('/v1/zwatch/metrics/meta-data', { GET: metricMetadata }),
  route('/v1/longjobs', { POST: submitLongJob, GET: queryLongJobs }),
  route('/v1/longjobs/{uuid}', { GET: queryLongJobs }),
  route('/v1/longjobs/{uuid}/actions', { PUT: longJobAction }),
  route('/v1/task-progresses/{apiId}', { GET: taskProgress }),
  ...QUERY_ENDPOINTS.flatMap((endpoint) => [
    route(`/v1/${endpoint}`, { GET: queryHandler(endpoint) }),
    route(`/v1/${endpoint}/{uuid}`, { GET: queryHandler(endpoint) })
  ])
]

function match(route: Route, segments: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const expected = route.segments[i] ?? ''
    const actual = segments[i] ?? ''
    if (expected.startsWith('{')) params[expected.slice(1, -1)] = safeDecode(actual)
    else if (expected !== actual) return undefined
  }
  return params
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Handles a request whose path starts with /zstack; `apiPath` is the rest. */
export function routeApi(ctx: SimContext, request: Omit<ApiRequest, 'params'>): Reply {
  const reply = dispatch(ctx, request)
  // The official SDKs send X-JSON-Schema on every call and read the schema of every answer that has a body.
  if (request.headers['x-json-schema'] !== 'true' || reply.status !== 200 || !reply.value) return reply
  if ('schema' in reply.value) return reply
  return { ...reply, body: toJson({ ...reply.value, schema: reply.schema ?? {} }) }
}

function dispatch(ctx: SimContext, request: Omit<ApiRequest, 'params'>): Reply {
  const segments = request.apiPath.split('/').filter(Boolean)
  let known: Route | undefined
  for (const candidate of ROUTES) {
    const params = match(candidate, segments)
    if (!params) continue
    known ??= candidate
    const handler = candidate.methods[request.method]
    if (!handler) continue
    try {
      return handler(ctx, { ...request, params })
    } catch (error) {
      if (error instanceof BadRequestError || error instanceof BadQueryError)
        return textReply(400, error.message)
      throw error
    }
  }
  if (known) return textReply(405, known.notAllowed ?? `Request method '${request.method}' not supported`)
  return textReply(404, `no api mapping to ${request.apiPath}`)
}
