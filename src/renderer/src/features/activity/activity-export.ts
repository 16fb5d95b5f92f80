// The activity list as a file: CSV for spreadsheets, JSON with every field main journaled.
import type { MigrationRecord } from '../../../../shared/api'
import { errorText } from '../../i18n/error-text'
import { recordRoute } from './record-route'

const COLUMNS = [
  'id',
  'cluster',
  'vm',
  'vmUuid',
  'state',
  'fromHost',
  'requestedHost',
  'requestedHostUuid',
  'hostAfter',
  'vmStateBefore',
  'vmStateAfter',
  'createdAt',
  'submittedAt',
  'finishedAt',
  'durationSeconds',
  'jobUuid',
  'errorCode',
  'error'
] as const

/** Quotes a CSV cell; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function cell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return ''
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function row(record: MigrationRecord, names: Record<string, string>): string[] {
  const route = recordRoute(record, names)
  const start = record.submittedAt ?? record.createdAt
  const duration = record.finishedAt ? (Date.parse(record.finishedAt) - Date.parse(start)) / 1000 : undefined
  const values: Record<(typeof COLUMNS)[number], string | number | undefined | null> = {
    id: record.id,
    cluster: record.profileName,
    vm: record.vmName,
    vmUuid: record.vmUuid,
    state: record.state,
    fromHost: route.from,
    requestedHost: record.params.hostUuid ? route.to : '',
    requestedHostUuid: record.params.hostUuid,
    hostAfter: record.after?.hostName ?? record.after?.hostUuid,
    vmStateBefore: record.before.vmState,
    vmStateAfter:
      record.after?.vmState ?? (record.state === 'succeeded' ? record.inventory?.state : undefined),
    createdAt: record.createdAt,
    submittedAt: record.submittedAt,
    finishedAt: record.finishedAt,
    durationSeconds: duration,
    jobUuid: record.jobUuid,
    errorCode: record.error?.zstack?.code ?? record.error?.code,
    // The server's words as it sent them; otherwise the app's, in the chosen language.
    error: record.error?.zstack?.description ?? (record.error ? errorText(record.error) : undefined)
  }
  return COLUMNS.map((column) => cell(values[column]))
}

export function migrationsCsv(
  records: MigrationRecord[],
  namesFor: (record: MigrationRecord) => Record<string, string>
): string {
  return [COLUMNS.join(','), ...records.map((r) => row(r, namesFor(r)).join(','))].join('\r\n') + '\r\n'
}

export function migrationsJson(records: MigrationRecord[]): string {
  return `${JSON.stringify({ exportedAt: new Date().toISOString(), migrations: records }, null, 2)}\n`
}

/** `zstack-desk-migrations-2026-11-30T22-40.csv` */
export function exportFileName(extension: 'csv' | 'json', now = new Date()): string {
  return `zstack-desk-migrations-${now.toISOString().slice(0, 16).replace(':', '-')}.${extension}`
}
