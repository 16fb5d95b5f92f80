// The activity panel's filters, applied to the migrations and the starts and stops the store knows.
import type { MigrationRecord, VmActionRecord } from '../../../../shared/api'
import { isFinished } from '../../stores/migrations'

/** One row of Activity: a migration, or a start or stop (which has an `action`). */
export type ActivityItem = MigrationRecord | VmActionRecord

export const isVmAction = (item: ActivityItem): item is VmActionRecord => 'action' in item

/** Its end is known (an action whose outcome is `unknown` is not followed any more either). */
export const isDone = (item: ActivityItem): boolean =>
  isVmAction(item) ? item.state !== 'submitted' : isFinished(item)

/** Both kinds, newest first. */
export function activityItems(migrations: MigrationRecord[], actions: VmActionRecord[]): ActivityItem[] {
  return [...migrations, ...actions].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0
  )
}

export type StateFilter = 'all' | 'active' | 'succeeded' | 'failed'
export type TimeFilter = 'any' | 'hour' | 'day' | 'week'

export const TIME_FILTER_MS: Record<Exclude<TimeFilter, 'any'>, number> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000
}

export interface ActivityFilter {
  profileId: string | null
  state: StateFilter
  /** Started within this long before now. */
  time: TimeFilter
  vmName: string
}

export function emptyFilter(): ActivityFilter {
  return { profileId: null, state: 'all', time: 'any', vmName: '' }
}

function stateMatches(record: ActivityItem, state: StateFilter): boolean {
  if (state === 'all') return true
  if (state === 'active') return !isDone(record)
  // Cancelled migrations did not happen either: they are listed with the failed ones.
  if (state === 'failed') return record.state === 'failed' || record.state === 'canceled'
  return record.state === state
}

function timeMatches(record: ActivityItem, time: TimeFilter, now: number): boolean {
  return time === 'any' || now - Date.parse(record.createdAt) <= TIME_FILTER_MS[time]
}

export function filterMigrations<T extends ActivityItem>(
  records: T[],
  filter: ActivityFilter,
  now = Date.now()
): T[] {
  const needle = filter.vmName.trim().toLowerCase()
  return records.filter(
    (r) =>
      (!filter.profileId || r.profileId === filter.profileId) &&
      stateMatches(r, filter.state) &&
      timeMatches(r, filter.time, now) &&
      (!needle || r.vmName.toLowerCase().includes(needle) || r.vmUuid.toLowerCase().startsWith(needle))
  )
}

/** The clusters (profiles) that appear in the history, for the filter's options. */
export function profilesIn(records: ActivityItem[]): { value: string; label: string }[] {
  const seen = new Map<string, string>()
  for (const r of records) if (!seen.has(r.profileId)) seen.set(r.profileId, r.profileName)
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label))
}
