// Turns the VM table's filters into ZStack conditions; the search box is matched by the shape of its text.
import type { VmQuery } from '../../shared/api'
import type { Condition, ResourceQuery } from './client-types'
import { likeLiteral } from './query-string'

export type SearchKind = 'ip' | 'ip-prefix' | 'uuid' | 'uuid-prefix' | 'name'

/** An IPv4 address or a prefix of one with at least one dot (`10.`, `10.0.3`, `10.0.3.17`); a bare number is a name. */
function looksLikeIpv4(text: string): boolean {
  const parts = text.split('.')
  if (parts.length < 2 || parts.length > 4) return false
  return parts.every((part, i) => (i === parts.length - 1 ? /^\d{0,3}$/ : /^\d{1,3}$/).test(part))
}

/** A UUID as people paste it, dashed (8-4-4-4-12) or not: the dashes go, ZStack's UUIDs have none. */
export function searchText(search: string): string {
  const text = search.trim()
  return /^[0-9a-f]{8}(-[0-9a-f]{1,4}){0,3}(-[0-9a-f]{1,12})?$/i.test(text) ? text.replaceAll('-', '') : text
}

/** A whole address (four parts, no trailing `*`) is searched exactly: `10.11.0.13` is not `10.11.0.130`. */
function isWholeIpv4(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text)
}

export function searchKind(text: string): SearchKind {
  if (isWholeIpv4(text)) return 'ip'
  // A trailing dot, a trailing * or fewer than four parts: the addresses that start so.
  if (looksLikeIpv4(text.endsWith('*') ? text.slice(0, -1) : text)) return 'ip-prefix'
  if (/^[0-9a-f]{32}$/i.test(text)) return 'uuid'
  if (/^[0-9a-f]{8,31}$/i.test(text)) return 'uuid-prefix'
  return 'name'
}

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
