// Plans and batches as main answers them, built from the VM list's fixtures (vm(n), host-1..3).
import type { BatchPlan, BatchPlanRow, BatchRow, MigrationBatch } from '../../../src/shared/api'
import { HOST_1, HOST_2, HOST_3, vm } from '../vms-support/fixtures'

export const BATCH_ID = '0b5e3c1a-1111-4222-8333-944455556666'
const HOST_NAMES: Record<string, string> = { [HOST_1]: 'host-1', [HOST_2]: 'host-2', [HOST_3]: 'host-3' }

/** VM n planned to `to` (a host uuid), or left unplaceable with host-2 short of memory. */
export function planRow(n: number, to: string | null, destination = 'auto'): BatchPlanRow {
  const v = vm(n)
  const from = { hostUuid: v.hostUuid ?? null, hostName: v.hostUuid ? HOST_NAMES[v.hostUuid] : undefined }
  const row: BatchPlanRow = {
    vmUuid: v.uuid,
    vmName: v.name,
    vmState: v.state,
    memorySize: v.memorySize,
    cpuNum: v.cpuNum,
    from,
    destination
  }
  if (to) row.to = { hostUuid: to, hostName: HOST_NAMES[to] }
  else row.unplaceable = { hosts: [{ hostUuid: HOST_2, hostName: 'host-2', reasons: ['not-enough-memory'] }] }
  return row
}

export function plan(rows: BatchPlanRow[], drain?: BatchPlan['drain']): BatchPlan {
  return { profileId: 'demo', rows, drain, plannedAt: '2026-12-01T00:00:00.000Z' }
}

export function batchRow(n: number, state: BatchRow['state'], patch: Partial<BatchRow> = {}): BatchRow {
  const row = planRow(n, HOST_2)
  return {
    vmUuid: row.vmUuid,
    vmName: row.vmName,
    from: row.from,
    destination: 'auto',
    to: row.to,
    state,
    ...patch
  }
}

export function batch(rows: BatchRow[], patch: Partial<MigrationBatch> = {}): MigrationBatch {
  const count = (state: BatchRow['state']): number => rows.filter((r) => r.state === state).length
  return {
    id: BATCH_ID,
    profileId: 'demo',
    profileName: 'Demo',
    kind: 'migrate',
    state: 'running',
    options: { concurrency: 2, stopOnFirstFailure: false },
    rows,
    counts: {
      queued: count('queued'),
      running: count('running'),
      succeeded: count('succeeded'),
      failed: count('failed'),
      skipped: count('skipped'),
      canceled: count('canceled')
    },
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:01.000Z',
    ...patch
  }
}
