// Fleet operations: plans for many migrations, the queue that runs them, host drains and host state changes.
import type { BatchPlan } from '../../shared/batch-types'
import type { DeskHandlers } from '../desk-handlers'
import { deskError } from '../desk-error'
import { planRows } from '../batch/batch-planner'
import { readHost, readVms, stoppedFrom, vmsOnHost, zoneHosts } from '../batch/cluster-reads'
import { changeHostState } from '../batch/host-state'
import { useProfile, type DeskContext } from './desk-context'

type BatchHandlers = Pick<
  DeskHandlers,
  | 'planMigrations'
  | 'planDrain'
  | 'startBatch'
  | 'pauseBatch'
  | 'resumeBatch'
  | 'cancelBatch'
  | 'cancelBatchRow'
  | 'listBatches'
  | 'getBatch'
  | 'changeHostState'
>

/** VM states a drain leaves alone: they hold nothing on the host. */
const NOT_ON_HOST = new Set(['Stopped', 'Destroyed', 'Expunging'])

export function batchHandlers(ctx: DeskContext): BatchHandlers {
  const requireHost = async (profileId: string, hostUuid: string, clusterName: string) => {
    const host = await readHost(ctx.sessions, profileId, hostUuid)
    if (!host) throw deskError('noSuchHost', { host: hostUuid, cluster: clusterName })
    return host
  }

  return {
    async planMigrations({ profileId, vmUuids, destinations }) {
      const profile = useProfile(ctx, profileId)
      const unique = [...new Set(vmUuids)]
      const [vms, topology] = await Promise.all([
        readVms(ctx.sessions, profileId, unique),
        ctx.topology.get(profileId)
      ])
      const found = vms.filter((vm) => vm !== undefined)
      if (found.length < unique.length) {
        const missing = unique.find((_, i) => vms[i] === undefined)!
        throw deskError('noSuchVm', { vm: missing, cluster: profile.name })
      }
      const zones = [...new Set(found.map((vm) => vm.zoneUuid))]
      const hosts = (await Promise.all(zones.map((z) => zoneHosts(ctx.sessions, profileId, z)))).flat()
      const chosen = new Map((destinations ?? []).map((d) => [d.vmUuid, d.hostUuid]))
      const plan: BatchPlan = {
        profileId,
        rows: planRows(found, chosen, hosts, topology),
        plannedAt: new Date().toISOString()
      }
      return plan
    },

    async planDrain({ profileId, hostUuid }) {
      const profile = useProfile(ctx, profileId)
      const host = await requireHost(profileId, hostUuid, profile.name)
      const [onHost, stopped, hosts, topology] = await Promise.all([
        vmsOnHost(ctx.sessions, profileId, hostUuid),
        stoppedFrom(ctx.sessions, profileId, host),
        zoneHosts(ctx.sessions, profileId, host.zoneUuid),
        ctx.topology.get(profileId)
      ])
      const vms = onHost.filter((vm) => vm.hostUuid === hostUuid && !NOT_ON_HOST.has(vm.state))
      return {
        profileId,
        rows: planRows(vms, new Map(), hosts, topology),
        drain: {
          host: { hostUuid: host.uuid, hostName: host.name, state: host.state, status: host.status },
          stopped: stopped.map((vm) => ({ vmUuid: vm.uuid, vmName: vm.name, vmState: vm.state }))
        },
        plannedAt: new Date().toISOString()
      }
    },

    async startBatch(request) {
      useProfile(ctx, request.profileId)
      return ctx.batches.start(request)
    },
    pauseBatch: ({ batchId }) => ctx.batches.pause(batchId),
    resumeBatch: ({ batchId }) => ctx.batches.resume(batchId),
    cancelBatch: ({ batchId }) => ctx.batches.cancel(batchId),
    cancelBatchRow: ({ batchId, vmUuid }) => ctx.batches.cancelRow(batchId, vmUuid),
    async listBatches({ profileId }) {
      if (profileId !== undefined) ctx.profiles.require(profileId)
      return ctx.batches.list(profileId)
    },
    getBatch: async ({ batchId }) => ctx.batches.get(batchId),

    async changeHostState({ profileId, hostUuid, stateEvent }) {
      const profile = useProfile(ctx, profileId)
      try {
        return await changeHostState(ctx.sessions, profileId, hostUuid, stateEvent, profile.name)
      } finally {
        ctx.topology.invalidate(profileId)
      }
    }
  }
}
