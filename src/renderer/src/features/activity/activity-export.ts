// The activity list as a file: CSV for spreadsheets, JSON with every field main journaled.
import type { AppError, MigrationRecord, VmActionRecord } from '../../../../shared/api'
import { csvText, type CsvValue } from '../../../../shared/csv'
import { errorText } from '../../i18n/error-text'
import { isVmAction, type ActivityItem } from './activity-filter'
import { recordRoute } from './record-route'

const COLUMNS = [
  'id',
  'action',
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

type Values = Record<(typeof COLUMNS)[number], CsvValue>

/** The server's words as it sent them; otherwise the app's, in the chosen language. */
const errorValues = (error: AppError | undefined): Pick<Values, 'errorCode' | 'error'> => ({
  errorCode: error?.zstack?.code ?? error?.code,
  error: error?.zstack?.description ?? (error ? errorText(error) : undefined)
})

const seconds = (from: string, to: string | undefined): number | undefined =>
  to ? (Date.parse(to) - Date.parse(from)) / 1000 : undefined

/** The fields a start or stop has; the migration's own (destination, parameters) stay empty. */
function actionValues(record: VmActionRecord, names: Record<string, string>): Values {
  const host = (uuid: string | null | undefined): string | undefined =>
    uuid ? (names[uuid] ?? uuid) : undefined
  return {
    id: record.id,
    action: record.action,
    cluster: record.profileName,
    vm: record.vmName,
    vmUuid: record.vmUuid,
    state: record.state,
    fromHost: record.before.hostName ?? host(record.before.hostUuid),
    requestedHost: '',
    requestedHostUuid: '',
    hostAfter: record.after?.hostName ?? host(record.after?.hostUuid),
    vmStateBefore: record.before.vmState,
    vmStateAfter: record.after?.vmState,
    createdAt: record.createdAt,
    submittedAt: record.createdAt,
    finishedAt: record.finishedAt,
    durationSeconds: seconds(record.createdAt, record.finishedAt),
    jobUuid: record.jobUuid,
    ...errorValues(record.error)
  }
}

function migrationValues(record: MigrationRecord, names: Record<string, string>): Values {
  const route = recordRoute(record, names)
  const start = record.submittedAt ?? record.createdAt
  return {
    id: record.id,
    action: 'migrate',
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
    durationSeconds: seconds(start, record.finishedAt),
    jobUuid: record.jobUuid,
    ...errorValues(record.error)
  }
}

const values = (item: ActivityItem, names: Record<string, string>): Values =>
  isVmAction(item) ? actionValues(item, names) : migrationValues(item, names)

export function migrationsCsv(
  records: ActivityItem[],
  namesFor: (record: ActivityItem) => Record<string, string>
): string {
  return csvText(
    COLUMNS,
    records.map((r) => values(r, namesFor(r)))
  )
}

export function migrationsJson(records: ActivityItem[]): string {
  const migrations = records.filter((r): r is MigrationRecord => !isVmAction(r))
  const vmActions = records.filter(isVmAction)
  return `${JSON.stringify({ exportedAt: new Date().toISOString(), migrations, vmActions }, null, 2)}\n`
}

/** `zstack-desk-migrations-2026-11-30T22-40.csv` */
export function exportFileName(extension: 'csv' | 'json', now = new Date()): string {
  return `zstack-desk-migrations-${now.toISOString().slice(0, 16).replace(':', '-')}.${extension}`
}
