// Turns the VM table's filters into ZStack conditions; the search box is matched by the shape of its text.
import type { VmQuery } from '../../shared/api'
import type { Condition, ResourceQuery } from './client-types'
import { likeLiteral } from './query-string'
import { searchKind, searchText } from '../../shared/vm-search-kind'

export { searchKind, searchText, type SearchKind } from '../../shared/vm-search-kind'

/** One condition for the search text: ZStack ANDs conditions, so "name OR ip OR uuid" cannot be one query. */
export function searchCondition(search: string): Condition | undefined {
  const text = searchText(search)
  if (text === '') return undefined
  switch (searchKind(text)) {
    case 'ip':
      return { field: 'vmNics.ip', op: '=', value: text }
    case 'ip-prefix':
      return { field: 'vmNics.ip', op: '~=', value: `${likeLiteral(text.replace(/\*$/, ''))}%` }
    case 'uuid':
      return { field: 'uuid', op: '=', value: text.toLowerCase() }
    case 'uuid-prefix':
      return { field: 'uuid', op: '~=', value: `${likeLiteral(text.toLowerCase())}%` }
    case 'name':
      return { field: 'name', op: '~=', value: `%${likeLiteral(text)}%` }
  }
}

export function vmQueryToResourceQuery(query: Omit<VmQuery, 'profileId'>): ResourceQuery {
  const conditions: Condition[] = []
  if (!query.includeAppliance) conditions.push({ field: 'type', op: '=', value: 'UserVm' })
  const search = query.search === undefined ? undefined : searchCondition(query.search)
  if (search) conditions.push(search)
  if (query.states && query.states.length > 0)
    conditions.push({ field: 'state', op: '?=', value: [...query.states] })
  if (query.zoneUuid) conditions.push({ field: 'zoneUuid', op: '=', value: query.zoneUuid })
  if (query.clusterUuid) conditions.push({ field: 'clusterUuid', op: '=', value: query.clusterUuid })
  if (query.hostUuid) conditions.push({ field: 'hostUuid', op: '=', value: query.hostUuid })
  return {
    conditions,
    start: query.start,
    limit: query.limit,
    sort: query.sort ? { field: query.sort.field, direction: query.sort.direction } : undefined,
    fields: query.fields,
    replyWithCount: query.replyWithCount
  }
}
