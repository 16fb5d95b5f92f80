// The k-way merge of per-cluster sorted heads into one fleet order, compared the way the server sorts.
import type { VmSortField } from '../../shared/contract/fields'
import type { FleetVmRow } from '../../shared/fleet-types'
import type { VmInventory } from '../../shared/zstack-types'

export interface FleetSort {
  field: VmSortField
  direction: 'asc' | 'desc'
}

type Key = string | number | null

function keyOf(vm: VmInventory, field: VmSortField): Key {
  const value = (vm as unknown as Record<string, unknown>)[field]
  if (value === null || value === undefined) return null
  if (field === 'cpuNum' || field === 'memorySize') return Number(value)
  if (field === 'createDate') {
    const ms = Date.parse(String(value))
    return Number.isNaN(ms) ? null : ms
  }
  return String(value)
}

/** The server's order (MySQL: NULL first ascending; strings by code unit, as a binary collation sorts them). */
export function compareVms(a: VmInventory, b: VmInventory, sort: FleetSort): number {
  const direction = sort.direction === 'desc' ? -1 : 1
  const ka = keyOf(a, sort.field)
  const kb = keyOf(b, sort.field)
  if (ka === kb) return 0
  if (ka === null) return -direction
  if (kb === null) return direction
  return (ka < kb ? -1 : 1) * direction
}

/**
 * Merges lists each already in the sort order into the rows `[start, start + limit)` of their union. Ties go to the
 * earlier list, and a list's own order is never changed, so a page boundary never drops or repeats a row.
 */
export function mergeSorted(
  lists: readonly FleetVmRow[][],
  sort: FleetSort,
  start: number,
  limit: number
): FleetVmRow[] {
  const cursors = lists.map(() => 0)
  const out: FleetVmRow[] = []
  for (let taken = 0; taken < start + limit; taken++) {
    let best = -1
    for (let i = 0; i < lists.length; i++) {
      const row = lists[i]![cursors[i]!]
      if (!row) continue
      if (best < 0 || compareVms(row.vm, lists[best]![cursors[best]!]!.vm, sort) < 0) best = i
    }
    if (best < 0) break
    const row = lists[best]![cursors[best]!++]!
    if (taken >= start) out.push(row)
  }
  return out
}
