// Builds ZStack's query parameters (`q=`, `limit`, `start`, `sort`, `fields`, `replyWithCount`) from a ResourceQuery.
import { deskError } from '../desk-error'
import type { Condition, ResourceQuery } from './client-types'

/** A field or a dotted join path (`vmNics.ip`, `host.name`): anything else would change the condition's meaning. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** Escapes LIKE wildcards so `text` matches itself: ZStack (MySQL) treats `\%`, `\_` and `\\` as literals. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&')
}

function invalid(message: string): never {
  throw deskError('INVALID_INPUT', message)
}

function checkField(field: string): void {
  if (!FIELD_NAME.test(field)) invalid(`"${field}" is not a field name ZStack can query.`)
}

function scalar(value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value))
    invalid(`${value} is not a value ZStack can compare.`)
  return String(value)
}

/** The text of one `q=` parameter, before URL encoding. */
export function conditionText(condition: Condition): string {
  const { field, op, value } = condition
  checkField(field)
  if (op === 'is null' || op === 'not null') return `${field} ${op}`
  if (value === undefined) invalid(`The condition on "${field}" (${op}) needs a value.`)
  if (op === '?=' || op === '!?=') {
    const list = Array.isArray(value) ? value : [value]
    if (list.length === 0) invalid(`The condition on "${field}" (${op}) needs at least one value.`)
    // ZStack splits the list on commas and has no escape for one inside a value.
    const items = list.map((item) => scalar(item))
    if (items.some((item) => item.includes(',')))
      invalid(`A value in the list for "${field}" contains a comma.`)
    return `${field}${op}${items.join(',')}`
  }
  if (Array.isArray(value)) invalid(`The condition on "${field}" (${op}) takes one value, not a list.`)
  return `${field}${op}${scalar(value)}`
}

function nonNegativeInteger(value: number, name: string): string {
  if (!Number.isSafeInteger(value) || value < 0)
    invalid(`${name} must be a whole number of 0 or more, not ${value}.`)
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
