// A batch's report as a file: one line per VM (from, to, outcome, duration, reason), CSV or JSON.
import type { BatchReportFile, MigrationBatch } from '../../shared/batch-types'

const CSV_COLUMNS = ['vm', 'vmUuid', 'from', 'to', 'outcome', 'durationSeconds', 'reason'] as const

/** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never runs a VM name as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function reportLines(batch: MigrationBatch): Record<(typeof CSV_COLUMNS)[number], string>[] {
  return batch.rows.map((row) => ({
    vm: row.vmName,
    vmUuid: row.vmUuid,
    from: row.from.hostName ?? row.from.hostUuid ?? '',
    to: row.state === 'succeeded' ? (row.to?.hostName ?? row.to?.hostUuid ?? '') : '',
    outcome: row.state,
    durationSeconds: row.durationMs === undefined ? '' : (row.durationMs / 1000).toFixed(1),
    reason: row.reason?.message ?? ''
  }))
}

export function batchReportFile(batch: MigrationBatch, format: 'csv' | 'json'): BatchReportFile {
  const stamp = batch.createdAt.replace(/[:.]/g, '-')
  const base = `${batch.kind === 'drain' ? 'drain' : 'migrations'}-${stamp}`
  if (format === 'json') {
    const { id, profileId, profileName, kind, state, options, drain, createdAt, finishedAt } = batch
    const body = {
      id,
      profileId,
      profileName,
      kind,
      state,
      options,
      drain,
      createdAt,
      finishedAt,
      rows: reportLines(batch)
    }
    return {
      fileName: `${base}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify(body, null, 2)}\n`
    }
  }
  const lines = [
    CSV_COLUMNS.join(','),
    ...reportLines(batch).map((l) => CSV_COLUMNS.map((c) => csvCell(l[c])).join(','))
  ]
  return { fileName: `${base}.csv`, mimeType: 'text/csv', content: `${lines.join('\r\n')}\r\n` }
}
