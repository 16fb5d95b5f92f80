// DataGrid's columns and its one sort convention, shared by the VM list and the host picker.
import type { VNodeChild } from 'vue'

export type SortDirection = 'asc' | 'desc'

export interface GridSort {
  key: string
  direction: SortDirection
}

/** How a column sorts on its first click: text from A, numbers (and dates) from the largest (the newest). */
export type SortKind = 'text' | 'number'

export type AriaSort = 'ascending' | 'descending' | 'none'

export interface GridColumn<Row> {
  key: string
  title: string
  /** A CSS grid track: `36px`, `190px`, `minmax(120px, 1fr)`. */
  width: string
  align?: 'right'
  /** Present when a click on the title sorts by this column. */
  sort?: SortKind
  /** What the grid compares to sort the rows itself; absent, the rows arrive sorted (by the server). */
  value?: (row: Row) => string | number
  /** The cell's content; absent, the grid's `cells` slot draws the whole row. */
  render?: (row: Row) => VNodeChild
  /** Said of the header on hover, on focus and to screen readers (e.g. what its sort means, or why it has none). */
  note?: string
  /** The header's content instead of its title (e.g. a select-all checkbox); the title stays its name. */
  header?: () => VNodeChild
}

/** A header click: the column's first order, then the other one, then unsorted. */
export function nextSort(current: GridSort | null, key: string, kind: SortKind): GridSort | null {
  const first: SortDirection = kind === 'text' ? 'asc' : 'desc'
  if (current?.key !== key) return { key, direction: first }
  if (current.direction !== first) return null
  return { key, direction: first === 'asc' ? 'desc' : 'asc' }
}

export function ariaSort(current: GridSort | null, key: string): AriaSort {
  if (current?.key !== key) return 'none'
  return current.direction === 'asc' ? 'ascending' : 'descending'
}

// One collator for every comparison: localeCompare builds one per call, too slow for 60,000 hosts.
const collator = new Intl.Collator()

const compareValues = (a: string | number, b: string | number): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b))

/** The rows in the order `sort` asks for, when its column has a value to compare; equal rows keep their order. */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly GridColumn<Row>[],
  sort: GridSort | null
): readonly Row[] {
  const value = sort && columns.find((c) => c.key === sort.key)?.value
  if (!sort || !value) return rows
  const sign = sort.direction === 'asc' ? 1 : -1
  // Each value is read once, not once per comparison.
  const keyed = rows.map((row) => ({ row, value: value(row) }))
  keyed.sort((a, b) => sign * compareValues(a.value, b.value))
  return keyed.map((k) => k.row)
}

/** The CSS grid columns every row shares. */
export const gridTracks = (columns: readonly { width: string }[]): string =>
  columns.map((c) => c.width).join(' ')
