// Every row of a ZStack query, not only the first page: a query answers at most `limit` rows (1,000 by default).
import type { Page } from '../../shared/api'
import type { ResourceQuery } from './client-types'

/** ZStack's own default `limit`. */
export const QUERY_PAGE_SIZE = 1000

export interface QueryAllOptions {
  pageSize?: number
  /** Rows the caller expects (a recent count): their pages are asked for at once, beside the first. */
  expected?: number
}

type FetchPage<T> = (query: ResourceQuery) => Promise<Page<T>>

/**
 * Asks for the first page with `replyWithCount`, then for every other page in parallel. Pages are sorted by
 * uuid (the only unique key) so that offsets mean the same thing in every request.
 */
export async function queryAll<T extends { uuid: string }>(
  fetchPage: FetchPage<T>,
  query: Omit<ResourceQuery, 'start' | 'limit' | 'replyWithCount'> = {},
  { pageSize = QUERY_PAGE_SIZE, expected = 0 }: QueryAllOptions = {}
): Promise<T[]> {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1)
    throw new RangeError(`page size ${pageSize} is not 1 or more`)
  const sorted: ResourceQuery = { ...query, sort: query.sort ?? { field: 'uuid', direction: 'asc' } }
  const page = (index: number): Promise<Page<T>> =>
    fetchPage({
      ...sorted,
      start: index * pageSize,
      limit: pageSize,
      ...(index === 0 ? { replyWithCount: true } : {})
    })
  const pagesFor = (from: number, to: number): Promise<Page<T>[]> =>
    Promise.all(Array.from({ length: Math.max(0, to - from) }, (_, i) => page(from + i)))

  const pages = await pagesFor(0, Math.max(1, Math.ceil(expected / pageSize)))
  const total = pages[0]!.total
  if (total !== undefined) {
    pages.push(...(await pagesFor(pages.length, Math.ceil(total / pageSize))))
  } else {
    // A server that ignores replyWithCount: read on until a page comes back short.
    while (pages.at(-1)!.items.length === pageSize) pages.push(await page(pages.length))
  }
  // A row added or removed between two requests shifts the offsets: keep each row once.
  const byUuid = new Map<string, T>()
  for (const { items } of pages)
    for (const item of items) if (!byUuid.has(item.uuid)) byUuid.set(item.uuid, item)
  return [...byUuid.values()]
}
