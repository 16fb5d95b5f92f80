// The activity panel's filters, applied to the migrations the store knows.
import type { MigrationRecord } from '../../../../shared/api'

export type StateFilter = 'all' | 'active' | 'succeeded' | 'failed'

export interface ActivityFilter {
  profileId: string | null
  state: StateFilter
  vmName: string
}

export function emptyFilter(): ActivityFilter {
  return { profileId: null, state: 'all', vmName: '' }
}

function stateMatches(record: MigrationRecord, state: StateFilter): boolean {
  if (state === 'all') return true
  if (state === 'active') return record.state !== 'succeeded' && record.state !== 'failed'
  return record.state === state
}

export function filterMigrations(records: MigrationRecord[], filter: ActivityFilter): MigrationRecord[] {
  const needle = filter.vmName.trim().toLowerCase()
  return records.filter(
    (r) =>
      (!filter.profileId || r.profileId === filter.profileId) &&
      stateMatches(r, filter.state) &&
      (!needle || r.vmName.toLowerCase().includes(needle) || r.vmUuid.toLowerCase().startsWith(needle))
  )
}

/** The clusters (profiles) that appear in the history, for the filter's options. */
export function profilesIn(records: MigrationRecord[]): { value: string; label: string }[] {
  const seen = new Map<string, string>()
  for (const r of records) if (!seen.has(r.profileId)) seen.set(r.profileId, r.profileName)
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label))
}
