// changeHostState (enable, disable, maintain): sent once, its job followed to the host's new state.
import { randomBytes } from 'node:crypto'
import { deskContract } from '../../shared/contract/desk-contract'
import type { HostInventory } from '../../shared/zstack-types'
import { deskError } from '../desk-error'
import type { SessionManager } from '../sessions/session-manager'
import { readHost } from './cluster-reads'

export type HostStateEvent = 'enable' | 'disable' | 'maintain'

const isHost = (value: unknown): value is HostInventory =>
  typeof value === 'object' && value !== null && typeof (value as { uuid?: unknown }).uuid === 'string'

export async function changeHostState(
  sessions: SessionManager,
  profileId: string,
  hostUuid: string,
  stateEvent: HostStateEvent,
  clusterName: string
): Promise<HostInventory> {
  // Reading the host first checks it exists and leaves a fresh session for the one submission.
  if (!(await readHost(sessions, profileId, hostUuid)))
    throw deskError('noSuchHost', { host: hostUuid, cluster: clusterName })
  const jobUuid = randomBytes(16).toString('hex')
  const submission = await sessions.run(deskContract.changeHostState.policy, profileId, (l) =>
    l.client.changeHostState(l.sessionUuid, hostUuid, stateEvent, { jobUuid })
  )
  // Polling the job is a read: it may re-login and poll the same job again; the action is never resent.
  const body = await sessions.run('read', profileId, (l) => l.client.waitForJob(l.sessionUuid, submission))
  if (isHost(body.inventory)) return body.inventory
  const host = await readHost(sessions, profileId, hostUuid)
  if (!host) throw deskError('noSuchHost', { host: hostUuid, cluster: clusterName })
  return host
}
