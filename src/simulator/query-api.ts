// GET on the inventory collections and their /{uuid} forms.
import { sessionIdOf, type ApiRequest } from './api-request'
import { errorReply, jsonReply, type Reply } from './http-reply'
import { parseQueryRequest, runQuery } from './query-engine'
import type { QueryEndpoint } from './query-tables'
import type { SimContext } from './sim-context'
import { zstackErrors } from './zstack-errors'

/** The API message behind each query endpoint, as a denial names it. */
const QUERY_MESSAGES: Record<QueryEndpoint, string> = {
  'vm-instances': 'org.zstack.header.vm.APIQueryVmInstanceMsg',
  hosts: 'org.zstack.header.host.APIQueryHostMsg',
  zones: 'org.zstack.header.zone.APIQueryZoneMsg',
  clusters: 'org.zstack.header.cluster.APIQueryClusterMsg',
  'primary-storage': 'org.zstack.header.storage.primary.APIQueryPrimaryStorageMsg',
  'l3-networks': 'org.zstack.header.network.l3.APIQueryL3NetworkMsg'
}

export function queryHandler(endpoint: QueryEndpoint) {
  return (ctx: SimContext, request: ApiRequest): Reply => {
    const sessionId = sessionIdOf(request)
    const resource = ctx.resources[endpoint]
    const query = parseQueryRequest(resource.table, request.query)
    if (!ctx.sessions.touch(sessionId)) return errorReply(zstackErrors.invalidSession(sessionId))
    if (ctx.options.deniedQueries.includes(endpoint))
      return errorReply(zstackErrors.permissionDenied(QUERY_MESSAGES[endpoint]))
    return jsonReply(200, runQuery(resource, query, request.params.uuid))
  }
}
