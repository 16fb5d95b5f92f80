// How a batch's rows read: where each went from and to, and the counts a status line needs.
import type { BatchRow, MigrationBatch } from '../../../../shared/api'

type Translate = (key: string, params?: Record<string, unknown>) => string

export const rowFrom = (row: BatchRow): string => row.from.hostName ?? row.from.hostUuid ?? '—'

/** The host it went (or was sent) to; `auto` until the queue chose one. */
export function rowTo(row: BatchRow, t: Translate): string {
  if (row.to) return row.to.hostName ?? row.to.hostUuid
  return row.destination === 'auto' ? t('batch.plan.auto') : row.destination
}

/** Rows that reached an end, of all rows, and how many run now. */
export function batchCounts(batch: MigrationBatch): { done: number; total: number; running: number } {
  const { counts } = batch
  return {
    done: counts.succeeded + counts.failed + counts.skipped + counts.canceled,
    total: batch.rows.length,
    running: counts.running
  }
}

/** Whole seconds a row took, when it ran. */
export const rowDurationMs = (row: BatchRow): number | undefined =>
  row.durationMs ??
  (row.startedAt && row.finishedAt ? Date.parse(row.finishedAt) - Date.parse(row.startedAt) : undefined)
