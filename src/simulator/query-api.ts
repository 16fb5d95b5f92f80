// GET on the inventory collections and their /{uuid} forms.
import { sessionIdOf, type ApiRequest } from './api-request'
import { errorReply, jsonReply, type Reply } from './http-reply'
import { parseQueryRequest, runQuery } from './query-engine'
import type { QueryEndpoint } from './query-tables'
import type { SimContext } from './sim-context'
import { zstackErrors } from './zstack-errors'

export function queryHandler(endpoint: QueryEndpoint) {
  return (ctx: SimContext, request: ApiRequest): Reply => {
    const sessionId = sessionIdOf(request)
    const resource = ctx.resources[endpoint]
    const query = parseQueryRequest(resource.table, request.query)
    if (!ctx.sessions.touch(sessionId)) return errorReply(zstackErrors.invalidSession(sessionId))
    return jsonReply(200, runQuery(resource, query, request.params.uuid))
  }
}
