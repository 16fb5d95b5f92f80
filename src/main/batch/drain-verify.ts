// The end of a drain: the host re-read; maintenance only when nothing is left on it (then `maintain` stops nothing).
import { setTimeout as sleep } from 'node:timers/promises'
import type { DrainOutcome, MigrationBatch } from '../../shared/batch-types'
import { appError } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import type { SessionManager } from '../sessions/session-manager'
import { toAppError } from '../zstack/to-app-error'
import { readHost, vmsOnHost } from './cluster-reads'
import { changeHostState } from './host-state'

/** VM states that hold nothing on a host. */
const GONE_STATES = new Set(['Stopped', 'Destroyed', 'Expunging'])

/** How long a host already in PreMaintenance (a maintain sent before a restart) is waited for. */
const PRE_MAINTENANCE_CHECKS = 60

export interface VerifyDrainInput {
  sessions: SessionManager
  batch: MigrationBatch
  clusterName: string
  tickMs: number
}

export async function verifyDrain({
  sessions,
  batch,
  clusterName,
  tickMs
}: VerifyDrainInput): Promise<DrainOutcome> {
  const drain = batch.drain!
  const hostUuid = drain.host.hostUuid
  const hostName = drain.host.hostName ?? hostUuid
  const left = (await vmsOnHost(sessions, batch.profileId, hostUuid)).filter(
    (vm) => vm.hostUuid === hostUuid && !GONE_STATES.has(vm.state)
  )
  const remaining = left.map((vm) => {
    const row = batch.rows.find((r) => r.vmUuid === vm.uuid)
    const reason: AppError = row?.reason ?? appError('drainVmNotPlanned', { vm: vm.name, state: vm.state })
    return { vmUuid: vm.uuid, vmName: vm.name, vmState: vm.state, reason }
  })
  let host = await readHost(sessions, batch.profileId, hostUuid)
  const outcome: DrainOutcome = { empty: remaining.length === 0, remaining, maintained: false }
  if (!outcome.empty) {
    outcome.error = appError('drainNotEmpty', { host: hostName, count: String(remaining.length) })
  } else if (batch.state === 'canceled') {
    outcome.error = appError('drainCanceled', {})
  } else if (drain.thenMaintain) {
    // A maintain sent before a restart may still be under way: wait for it rather than send another.
    for (let i = 0; host?.state === 'PreMaintenance' && i < PRE_MAINTENANCE_CHECKS; i++) {
      await sleep(tickMs)
      host = await readHost(sessions, batch.profileId, hostUuid)
    }
    if (host && host.state !== 'Maintenance') {
      try {
        host = await changeHostState(sessions, batch.profileId, hostUuid, 'maintain', clusterName)
      } catch (error) {
        outcome.error = toAppError(error)
        host = await readHost(sessions, batch.profileId, hostUuid).catch(() => host)
      }
    }
    outcome.maintained = host?.state === 'Maintenance'
    if (!outcome.maintained && !outcome.error)
      outcome.error = appError('hostStateNotReached', { host: hostName, state: 'Maintenance' })
  }
  if (host) outcome.hostState = host.state
  return outcome
}
