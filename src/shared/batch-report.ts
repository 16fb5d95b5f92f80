// A batch's report as a file: one line per VM (from, to, outcome, duration, why), CSV or JSON. The window builds it,
// since the reason is phrased in the chosen language; `reasonKind` (the error kind) lets a script filter the lines.
import type { AppError } from './result'
import type { DrainOutcome, MigrationBatch } from './batch-types'
import { csvText } from './csv'

const COLUMNS = ['vm', 'vmUuid', 'from', 'to', 'outcome', 'durationSeconds', 'reasonKind', 'reason'] as const

/** A batch's report as a file (the renderer saves it). */
export interface BatchReportFile {
  fileName: string
  mimeType: 'text/csv' | 'application/json'
  content: string
}

/** Turns a row's reason into words: the window's i18n, in the chosen language. */
export type PhraseError = (error: AppError) => string

export function reportLines(
  batch: MigrationBatch,
  phrase: PhraseError
): Record<(typeof COLUMNS)[number], string>[] {
  return batch.rows.map((row) => ({
    vm: row.vmName,
    vmUuid: row.vmUuid,
    from: row.from.hostName ?? row.from.hostUuid ?? '',
    to: row.state === 'succeeded' ? (row.to?.hostName ?? row.to?.hostUuid ?? '') : '',
    outcome: row.state,
    durationSeconds: row.durationMs === undefined ? '' : (row.durationMs / 1000).toFixed(1),
    reasonKind: row.reason?.kind ?? '',
    reason: row.reason ? phrase(row.reason) : ''
  }))
}

/** The drain's findings with each error as its kind and its words, like the rows' reasons. */
function phrasedOutcome(outcome: DrainOutcome | undefined, phrase: PhraseError) {
  if (!outcome) return undefined
  const { remaining, error, ...rest } = outcome
  return {
    ...rest,
    remaining: remaining.map(({ reason, ...vm }) => ({
      ...vm,
      reasonKind: reason?.kind ?? '',
      reason: reason ? phrase(reason) : ''
    })),
    ...(error ? { errorKind: error.kind, error: phrase(error) } : {})
  }
}

export function batchReportFile(
  batch: MigrationBatch,
  format: 'csv' | 'json',
  phrase: PhraseError
): BatchReportFile {
  const stamp = batch.createdAt.replace(/[:.]/g, '-')
  const base = `${batch.kind === 'drain' ? 'drain' : 'migrations'}-${stamp}`
  const rows = reportLines(batch, phrase)
  if (format === 'csv')
    return { fileName: `${base}.csv`, mimeType: 'text/csv', content: csvText(COLUMNS, rows) }
  const { id, profileId, profileName, kind, state, options, createdAt, finishedAt } = batch
  const drain = batch.drain && { ...batch.drain, outcome: phrasedOutcome(batch.drain.outcome, phrase) }
  const body = { id, profileId, profileName, kind, state, options, drain, createdAt, finishedAt, rows }
  return {
    fileName: `${base}.json`,
    mimeType: 'application/json',
    content: `${JSON.stringify(body, null, 2)}\n`
  }
}
