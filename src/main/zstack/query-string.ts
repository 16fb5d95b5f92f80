// Builds ZStack's query parameters (`q=`, `limit`, `start`, `sort`, `fields`, `replyWithCount`) from a ResourceQuery.
import { deskError } from '../desk-error'
import type { Condition, ResourceQuery } from './client-types'

/** A field or a dotted join path (`vmNics.ip`, `host.name`): anything else would change the condition's meaning. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** Escapes LIKE wildcards so `text` matches itself: ZStack (MySQL) treats `\%`, `\_` and `\\` as literals. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&')
}

function checkField(field: string): void {
  if (!FIELD_NAME.test(field)) throw deskError('badQueryField', { field })
}

function scalar(value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw deskError('badQueryValue', { value: String(value) })
  return String(value)
}

/** The text of one `q=` parameter, before URL encoding. */
export function conditionText(condition: Condition): string {
  const { field, op, value } = condition
  checkField(field)
  if (op === 'is null' || op === 'not null') return `${field} ${op}`
  if (value === undefined) throw deskError('conditionNeedsValue', { field, op })
  if (op === '?=' || op === '!?=') {
    const list = Array.isArray(value) ? value : [value]
    if (list.length === 0) throw deskError('conditionNeedsValues', { field, op })
    // ZStack splits the list on commas and has no escape for one inside a value.
    const items = list.map((item) => scalar(item))
    if (items.some((item) => item.includes(','))) throw deskError('conditionValueHasComma', { field })
    return `${field}${op}${items.join(',')}`
  }
  if (Array.isArray(value)) throw deskError('conditionTakesOneValue', { field, op })
  return `${field}${op}${scalar(value)}`
}

function nonNegativeInteger(value: number, name: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw deskError('notACount', { name, value })
  return String(value)
}

/** The query parameters in the order ZStack's SDKs send them; URLSearchParams does the encoding. */
export function buildQueryParams(query: ResourceQuery = {}): URLSearchParams {
  const params = new URLSearchParams()
  for (const condition of query.conditions ?? []) params.append('q', conditionText(condition))
  if (query.limit !== undefined) params.set('limit', nonNegativeInteger(query.limit, 'limit'))
  if (query.start !== undefined) params.set('start', nonNegativeInteger(query.start, 'start'))
  if (query.sort) {
    checkField(query.sort.field)
    params.set('sort', `${query.sort.direction === 'desc' ? '-' : '+'}${query.sort.field}`)
  }
  if (query.fields && query.fields.length > 0) {
    query.fields.forEach(checkField)
    params.set('fields', query.fields.join(','))
  }
  if (query.replyWithCount) params.set('replyWithCount', 'true')
  return params
}

/** `path?query` for a ResourceQuery, or the bare path when there is nothing to add. */
export function withQuery(path: string, query?: ResourceQuery): string {
  const text = buildQueryParams(query).toString()
  return text ? `${path}?${text}` : path
}
