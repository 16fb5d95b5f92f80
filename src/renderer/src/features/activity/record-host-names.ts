// Host names a record knows (its before/after placements), plus the open cluster's topology.
import type { MigrationRecord } from '../../../../shared/api'

export function recordHostNames(
  record: Pick<MigrationRecord, 'before' | 'after'>,
  topologyNames?: Map<string, string>
): Record<string, string> {
  const names: Record<string, string> = Object.fromEntries(topologyNames ?? [])
  for (const placement of [record.before, record.after]) {
    if (placement?.hostUuid && placement.hostName) names[placement.hostUuid] = placement.hostName
  }
  return names
}
