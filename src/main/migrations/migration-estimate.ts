// Progress stages and the time-left estimate, from this cluster's own finished migrations of similar memory size.
import type { MigrationEstimate, MigrationProgress, MigrationRecord } from '../../shared/migration-types'
import type { MigrationJournal } from './migration-journal'

/** Memory within this factor either way counts as similar. */
const SIMILAR_FACTOR = 2
/** The newest migrations an estimate looks at. */
const MAX_SAMPLES = 20

/** KVM reports the transfer as 0 to 90 %, 90 % when the hypervisor finished, 100 % at the end. */
export function progressOf(percent: number, at: Date): MigrationProgress {
  const stage = percent >= 100 ? 'done' : percent >= 90 ? 'switch-over' : 'transfer'
  return { percent, stage, updatedAt: at.toISOString() }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Succeeded migrations (submission to end) on the same profile, of VMs within a factor 2 of this one's memory. */
export function estimateFor(
  journal: Pick<MigrationJournal, 'list'>,
  record: MigrationRecord,
  now: Date
): MigrationEstimate | undefined {
  const memory = record.vmMemorySize
  if (!memory || !record.submittedAt) return undefined
  const memoryMin = Math.floor(memory / SIMILAR_FACTOR)
  const memoryMax = memory * SIMILAR_FACTOR
  const durations: number[] = []
  for (const r of journal.list(record.profileId)) {
    if (durations.length >= MAX_SAMPLES) break
    if (r.id === record.id || r.state !== 'succeeded' || !r.submittedAt || !r.finishedAt) continue
    if (!r.vmMemorySize || r.vmMemorySize < memoryMin || r.vmMemorySize > memoryMax) continue
    const ms = Date.parse(r.finishedAt) - Date.parse(r.submittedAt)
    if (Number.isFinite(ms) && ms >= 0) durations.push(ms)
  }
  if (durations.length === 0) return undefined
  const typicalMs = Math.round(median(durations))
  const elapsed = now.getTime() - Date.parse(record.submittedAt)
  return {
    remainingMs: Math.max(0, typicalMs - elapsed),
    typicalMs,
    method: 'median-of-similar-memory',
    samples: durations.length,
    memoryMin,
    memoryMax
  }
}
