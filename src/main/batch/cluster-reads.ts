// The reads a plan and its queue make: VMs by uuid, the VMs on a host, the hosts of a zone (all pages, fresh).
import type { HostInventory, VmInventory, VmState } from '../../shared/zstack-types'
import { PLAN_HOST_FIELDS } from '../desk/migration-plan'
import type { SessionManager } from '../sessions/session-manager'
import { queryAll } from '../zstack/query-all'
import { isTransientFailure, toAppError } from '../zstack/to-app-error'
import { setTimeout as sleep } from 'node:timers/promises'

const PAGE = 1000
/** A read that failed in passing (network, proxy page) is asked again this many times before it counts. */
const READ_ATTEMPTS = 3

/** Reads are safe to repeat: one lost answer should not fail a whole plan or start. */
async function again<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read()
    } catch (error) {
      if (attempt >= READ_ATTEMPTS || !isTransientFailure(toAppError(error))) throw error
      await sleep(100 * attempt)
    }
  }
}
/** VM reads in flight at once while planning (a plan may list hundreds). */
const PARALLEL_READS = 8

export async function readVms(
  sessions: SessionManager,
  profileId: string,
  vmUuids: string[]
): Promise<(VmInventory | undefined)[]> {
  const out: (VmInventory | undefined)[] = new Array<VmInventory | undefined>(vmUuids.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < vmUuids.length) {
      const i = next++
      out[i] = await again(() =>
        sessions.run('read', profileId, (l) => l.client.getVm(l.sessionUuid, vmUuids[i]!))
      )
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, vmUuids.length) }, worker))
  return out
}

/** Every VM matching the filter, appliance VMs included (a drained host must be left without them too). */
async function allVms(
  sessions: SessionManager,
  profileId: string,
  filter: { hostUuid?: string; clusterUuid?: string; states?: VmState[] }
): Promise<VmInventory[]> {
  const vms: VmInventory[] = []
  for (let start = 0; ; start += PAGE) {
    const page = await again(() =>
      sessions.run('read', profileId, (l) =>
        l.client.queryVms(l.sessionUuid, {
          ...filter,
          includeAppliance: true,
          start,
          limit: PAGE,
          sort: { field: 'name', direction: 'asc' }
        })
      )
    )
    vms.push(...page.items)
    if (page.items.length < PAGE) return vms
  }
}

export const vmsOnHost = (
  sessions: SessionManager,
  profileId: string,
  hostUuid: string
): Promise<VmInventory[]> => allVms(sessions, profileId, { hostUuid })

/** Stopped VMs of the cluster whose last host is this one: a drain lists them and leaves them alone. */
export async function stoppedFrom(
  sessions: SessionManager,
  profileId: string,
  host: HostInventory
): Promise<VmInventory[]> {
  const stopped = await allVms(sessions, profileId, { clusterUuid: host.clusterUuid, states: ['Stopped'] })
  return stopped.filter((vm) => vm.lastHostUuid === host.uuid && !vm.hostUuid)
}

/** Every host of the zone (of the cloud when undefined), read now: capacities and states change. */
export function zoneHosts(
  sessions: SessionManager,
  profileId: string,
  zoneUuid: string | undefined
): Promise<HostInventory[]> {
  const fields = [...PLAN_HOST_FIELDS]
  const query = zoneUuid
    ? { conditions: [{ field: 'zoneUuid', op: '=' as const, value: zoneUuid }], fields }
    : { fields }
  return again(() =>
    sessions.run('read', profileId, (l) => queryAll((q) => l.client.queryHosts(l.sessionUuid, q), query))
  )
}

export async function readHost(
  sessions: SessionManager,
  profileId: string,
  hostUuid: string
): Promise<HostInventory | undefined> {
  const page = await again(() =>
    sessions.run('read', profileId, (l) =>
      l.client.queryHosts(l.sessionUuid, {
        conditions: [{ field: 'uuid', op: '=', value: hostUuid }],
        fields: [...PLAN_HOST_FIELDS]
      })
    )
  )
  return page.items[0]
}
