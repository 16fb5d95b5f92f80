// Where a migration went from and to: the destination as asked, unless it succeeded (then where the VM landed).
import type { MigrationRecord } from '../../../../shared/api'

export interface RecordRoute {
  from: string
  /** Undefined when the server was left to choose and the VM did not move. */
  to: string | undefined
}

export function recordRoute(record: MigrationRecord, names: Record<string, string>): RecordRoute {
  const name = (uuid: string | null | undefined): string | undefined =>
    uuid ? (names[uuid] ?? uuid) : undefined
  const { before, after, params } = record
  // After a failure `after` is where the VM still is (often the source): never shown as the destination.
  const landed = record.state === 'succeeded' ? (after?.hostName ?? name(after?.hostUuid)) : undefined
  return {
    from: before.hostName ?? name(before.hostUuid) ?? '—',
    to: landed ?? record.requested?.hostName ?? name(params.hostUuid)
  }
}
