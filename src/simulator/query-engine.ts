// ZStack's REST query language over in-memory rows: q= conditions, joins, sort, paging, projection.
import { parseZStackDate } from './gson-date'
import { likeToRegExp } from './like-pattern'
import { listSchema, type InventoryShape } from './reply-schema'

export type FieldKind = 'string' | 'number' | 'boolean' | 'date' | 'list'

export interface QueryJoin {
  table: QueryTable
  /** The related rows; a to-one join gives zero or one. */
  related(row: object): readonly object[]
}

export interface QueryTable {
  fields: Readonly<Record<string, FieldKind>>
  joins: Readonly<Record<string, QueryJoin>>
}

export interface QueryResource {
  table: QueryTable
  rows(): readonly object[]
  byUuid(uuid: string): object | undefined
  inventory(row: object, fields: ReadonlySet<string> | undefined): Record<string, unknown>
  shape: InventoryShape
  /**
   * An index, as the database has: rows that may meet the condition (a superset, in `rows()` order), and whether
   * they are exactly the rows that do; undefined when it cannot tell.
   */
  lookup?(condition: ConditionText): { rows: readonly object[]; exact: boolean } | undefined
}

/** A condition as written: `path op value`. */
export interface ConditionText {
  path: string
  op: string
  value: string
}

/** A request the real server refuses with a plain-text 400. */
export class BadQueryError extends Error {}

export interface QueryRequest {
  predicates: ((row: object) => boolean)[]
  /** The conditions as written with their predicates, for the resource's index. */
  conditions?: (ConditionText & { test: (row: object) => boolean })[]
  limit: number
  start: number
  countOnly: boolean
  replyWithCount: boolean
  sort: { field: string; kind: FieldKind; descending: boolean } | undefined
  fields: ReadonlySet<string> | undefined
}

type Matcher = (value: unknown) => boolean

/** Operators in the order the server tries them: the first one found in the text wins. */
const OPERATORS = ['!=', '>=', '<=', '!?=', '!~=', '~=', '?=', '=', '>', '<'] as const
type Operator = (typeof OPERATORS)[number]
const NULL_TEST = /^([^\s]+) (is null|not null)$/

const readValue = (row: object, field: string): unknown => (row as Record<string, unknown>)[field]

export function parseQueryRequest(table: QueryTable, params: URLSearchParams): QueryRequest {
  const texts = params.getAll('q')
  const predicates = texts.map((text) => compileCondition(table, text))
  const conditions = texts.flatMap((text, i) => {
    const condition = splitCondition(text)
    return condition ? [{ ...condition, test: predicates[i]! }] : []
  })
  const sortText = params.get('sort')
  let sort: QueryRequest['sort']
  if (sortText !== null && sortText !== '') {
    // A raw '+' in a URL decodes to a space, as the servlet container does.
    const descending = sortText.startsWith('-')
    const field = /^[+ -]/.test(sortText) ? sortText.slice(1) : sortText
    const kind = table.fields[field]
    if (!kind || kind === 'list') throw new BadQueryError(`invalid sort field[${field}]`)
    sort = { field, kind, descending }
  }
  const fieldsText = params.get('fields')
  return {
    predicates,
    conditions,
    limit: nonNegativeInteger(params.get('limit'), 'limit', 1000),
    start: nonNegativeInteger(params.get('start'), 'start', 0),
    countOnly: params.get('count') === 'true',
    replyWithCount: params.get('replyWithCount') === 'true',
    sort,
    fields: fieldsText ? new Set(fieldsText.split(',').map((field) => field.trim())) : undefined
  }
}

function nonNegativeInteger(text: string | null, name: string, fallback: number): number {
  if (text === null) return fallback
  if (!/^\d+$/.test(text))
    throw new BadQueryError(`invalid value[${text}] of parameter[${name}], it must be a non-negative integer`)
  return Number(text)
}

export function compileCondition(table: QueryTable, text: string): (row: object) => boolean {
  const nullTest = NULL_TEST.exec(text)
  if (nullTest) {
    const [, path = '', test] = nullTest
    resolveKind(table, path)
    const isNull = (value: unknown): boolean => value === null || value === undefined
    return compilePath(
      table,
      path,
      test === 'is null' ? isNull : (value) => !isNull(value),
      test === 'is null'
    )
  }
  const condition = splitCondition(text)
  if (!condition) throw new BadQueryError(`invalid query condition[${text}], no operator found`)
  const { path, op, value } = condition
  if (path === '') throw new BadQueryError(`invalid query condition[${text}]`)
  const kind = resolveKind(table, path)
  if (kind === 'string' && !path.includes('.')) return stringFieldTest(path, op, value)
  return compilePath(table, path, valueMatcher(kind, op, value), false)
}

/** `path op value` split at the first operator found, in the server's order. */
function splitCondition(text: string): (ConditionText & { op: Operator }) | undefined {
  if (NULL_TEST.test(text)) return undefined
  for (const op of OPERATORS) {
    const at = text.indexOf(op)
    if (at >= 0) return { path: text.slice(0, at), op, value: text.slice(at + op.length) }
  }
  return undefined
}

function resolveKind(table: QueryTable, path: string): FieldKind {
  const segments = path.split('.')
  let current = table
  for (const segment of segments.slice(0, -1)) {
    const join = current.joins[segment]
    if (!join) throw new BadQueryError(`unknown field[${path}] in query condition`)
    current = join.table
  }
  const kind = current.fields[segments[segments.length - 1] ?? '']
  if (!kind) throw new BadQueryError(`unknown field[${path}] in query condition`)
  return kind
}

/**
 * The common case (a string column of the row itself) as one flat closure per operator: this is the
 * inner loop of every filtered page, and keeping it monomorphic keeps a 100,000-row scan in a few ms.
 */
function stringFieldTest(field: string, op: Operator, text: string): (row: object) => boolean {
  const read = (row: object): unknown => (row as Record<string, unknown>)[field]
  switch (op) {
    case '=':
      return (row) => read(row) === text
    case '!=':
      return (row) => {
        const value = read(row)
        return typeof value === 'string' && value !== text
      }
    case '~=': {
      const regexp = likeToRegExp(text)
      return (row) => {
        const value = read(row)
        return typeof value === 'string' && regexp.test(value)
      }
    }
    case '!~=': {
      const regexp = likeToRegExp(text)
      return (row) => {
        const value = read(row)
        return typeof value === 'string' && !regexp.test(value)
      }
    }
    case '?=': {
      const values = new Set(text.split(','))
      return (row) => {
        const value = read(row)
        return typeof value === 'string' && values.has(value)
      }
    }
    case '!?=': {
      const values = new Set(text.split(','))
      return (row) => {
        const value = read(row)
        return typeof value === 'string' && !values.has(value)
      }
    }
    default: {
      const holds = COMPARISONS[op]
      return (row) => {
        const value = read(row)
        return typeof value === 'string' && holds(value, text)
      }
    }
  }
}

/** A joined path matches when any related row matches; with no related row only `is null` holds. */
function compilePath(
  table: QueryTable,
  path: string,
  match: Matcher,
  emptyJoinMatches: boolean
): (row: object) => boolean {
  const [head = '', ...rest] = path.split('.')
  if (rest.length === 0) return (row) => match(readValue(row, head))
  const join = table.joins[head]
  if (!join) throw new BadQueryError(`unknown field[${path}] in query condition`)
  const inner = compilePath(join.table, rest.join('.'), match, emptyJoinMatches)
  return (row) => {
    const related = join.related(row)
    return related.length === 0 ? emptyJoinMatches : related.some(inner)
  }
}

function valueMatcher(kind: FieldKind, op: Operator, text: string): Matcher {
  if (op === '~=' || op === '!~=') {
    const regexp = likeToRegExp(text)
    const like = (value: unknown): boolean => regexp.test(typeof value === 'string' ? value : String(value))
    return nonNull(kind, op === '~=' ? like : (value) => !like(value))
  }
  if (op === '?=' || op === '!?=') {
    const keys = new Set(text.split(',').map((item) => comparable(kind, item)))
    const within = (value: unknown): boolean => keys.has(comparable(kind, value))
    return nonNull(kind, op === '?=' ? within : (value) => !within(value))
  }
  const wanted = comparable(kind, text)
  const holds = COMPARISONS[op]
  return nonNull(kind, (value) => holds(comparable(kind, value), wanted))
}

type Comparable = string | number
const COMPARISONS: Record<
  '=' | '!=' | '>' | '<' | '>=' | '<=',
  (have: Comparable, wanted: Comparable) => boolean
> = {
  '=': (have, wanted) => have === wanted,
  '!=': (have, wanted) => have !== wanted,
  '>': (have, wanted) => have > wanted,
  '<': (have, wanted) => have < wanted,
  '>=': (have, wanted) => have >= wanted,
  '<=': (have, wanted) => have <= wanted
}

/** SQL NULL semantics: a null column satisfies no comparison, not even `!=`; list fields match on any element. */
function nonNull(kind: FieldKind, match: Matcher): Matcher {
  if (kind === 'list')
    return (value) => Array.isArray(value) && value.some((item) => item !== null && match(item))
  return (value) => value !== null && value !== undefined && match(value)
}

/** Normalises a stored value or a query text so numbers and dates compare by value. */
function comparable(kind: FieldKind, value: unknown): Comparable {
  if (typeof value === 'string' && (kind === 'string' || kind === 'list')) return value
  if (typeof value === 'number' && kind === 'number') return value
  if (kind === 'number') {
    const n = typeof value === 'number' ? value : Number(value)
    if (typeof value === 'string' && (value.trim() === '' || !Number.isFinite(n))) {
      throw new BadQueryError(`invalid number[${value}] in query condition`)
    }
    return n
  }
  if (kind === 'date') {
    const ms = parseZStackDate(String(value))
    if (ms === undefined) throw new BadQueryError(`invalid date[${String(value)}] in query condition`)
    return ms
  }
  if (kind === 'boolean') {
    const text = String(value)
    if (text !== 'true' && text !== 'false')
      throw new BadQueryError(`invalid boolean[${text}] in query condition`)
    return text
  }
  return String(value)
}

export function runQuery(
  resource: QueryResource,
  request: QueryRequest,
  uuid?: string
): Record<string, unknown> {
  let rows: readonly object[]
  let predicates = request.predicates
  if (uuid === undefined) {
    rows = resource.rows()
    // The narrowest index answer gives the rows to test; a condition it answers exactly needs no test.
    let indexed: { rows: readonly object[]; exact: boolean; test: (row: object) => boolean } | undefined
    for (const condition of request.conditions ?? []) {
      const found = resource.lookup?.(condition)
      if (found && found.rows.length < (indexed ?? { rows }).rows.length)
        indexed = { ...found, test: condition.test }
    }
    if (indexed) {
      rows = indexed.rows
      if (indexed.exact) predicates = predicates.filter((test) => test !== indexed.test)
    }
  } else {
    const row = resource.byUuid(uuid)
    rows = row ? [row] : []
  }
  const matches = filterRows(rows, predicates)
  if (request.countOnly) return { total: matches.length }
  const end = request.start + request.limit
  const page = (request.sort ? sortedHead(matches, request.sort, end) : matches).slice(request.start, end)
  const inventories = page.map((row) => resource.inventory(row, request.fields))
  const reply: Record<string, unknown> = { inventories }
  if (request.replyWithCount) reply.total = matches.length
  reply.schema = listSchema(inventories, resource.shape, page)
  return reply
}

function filterRows(rows: readonly object[], predicates: readonly ((row: object) => boolean)[]): object[] {
  if (predicates.length === 0) return rows.slice()
  const matches: object[] = []
  next: for (const row of rows) {
    for (const test of predicates) if (!test(row)) continue next
    matches.push(row)
  }
  return matches
}

interface Keyed {
  row: object
  index: number
  key: string | number | null
}

/** The first `count` rows in sort order; a bounded insertion keeps small pages of big results cheap. */
function sortedHead(
  rows: readonly object[],
  sort: NonNullable<QueryRequest['sort']>,
  count: number
): object[] {
  const direction = sort.descending ? -1 : 1
  const keyOf = (row: object): string | number | null => {
    const value = readValue(row, sort.field)
    if (value === null || value === undefined) return null
    if (sort.kind === 'number') return Number(value)
    if (sort.kind === 'date') return parseZStackDate(String(value)) ?? null
    return String(value)
  }
  const order = (a: Keyed, b: Keyed): number => {
    if (a.key === b.key) return a.index - b.index
    // MySQL puts NULL first when ascending.
    if (a.key === null) return -direction
    if (b.key === null) return direction
    return (a.key < b.key ? -1 : 1) * direction
  }
  if (count * 4 >= rows.length) {
    return rows
      .map((row, index) => ({ row, index, key: keyOf(row) }))
      .sort(order)
      .map((entry) => entry.row)
  }
  const head: Keyed[] = []
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as object
    const entry: Keyed = { row, index, key: keyOf(row) }
    const last = head[head.length - 1]
    if (head.length >= count && last && order(entry, last) >= 0) continue
    let lo = 0
    let hi = head.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (order(head[mid] as Keyed, entry) <= 0) lo = mid + 1
      else hi = mid
    }
    head.splice(lo, 0, entry)
    if (head.length > count) head.pop()
  }
  return head.map((entry) => entry.row)
}
