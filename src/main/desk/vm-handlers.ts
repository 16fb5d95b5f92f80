// VMs: the server-side paged table, one VM, the topology, start and stop.
import { randomBytes } from 'node:crypto'
import { deskContract } from '../../shared/contract/desk-contract'
import type { VmInventory } from '../../shared/zstack-types'
import type { DeskHandlers } from '../desk-handlers'
import { deskError } from '../desk-error'
import { useProfile, type DeskContext } from './desk-context'
import type { VmZones } from './vm-zones'

type VmHandlers = Pick<DeskHandlers, 'queryVms' | 'getVm' | 'getTopology' | 'startVm' | 'stopVm'>

/** The VM, or NOT_FOUND naming the cluster. */
export async function requireVm(ctx: DeskContext, profileId: string, vmUuid: string): Promise<VmInventory> {
  const vm = await ctx.sessions.run('read', profileId, (lease) =>
    lease.client.getVm(lease.sessionUuid, vmUuid)
  )
  if (vm) return vm
  const name = ctx.profiles.get(profileId)?.name ?? profileId
  throw deskError('noSuchVm', { vm: vmUuid, cluster: name })
}

async function powerAction(
  ctx: DeskContext,
  profileId: string,
  vmUuid: string,
  method: 'startVm' | 'stopVm'
): Promise<VmInventory> {
  useProfile(ctx, profileId)
  // Reading the VM first checks it exists and leaves a fresh session for the one submission.
  await requireVm(ctx, profileId, vmUuid)
  const jobUuid = randomBytes(16).toString('hex')
  const action = method === 'startVm' ? 'startVmInstance' : 'stopVmInstance'
  const submission = await ctx.sessions.run(deskContract[method].policy, profileId, (lease) =>
    lease.client.submitVmAction(lease.sessionUuid, vmUuid, action, {}, { jobUuid })
  )
  try {
    // Polling the job is a read: it may re-login once and poll the same job again; the action is never resent.
    const body = await ctx.sessions.run('read', profileId, (l) =>
      l.client.waitForJob(l.sessionUuid, submission)
    )
    const inventory = body.inventory as VmInventory | undefined
    return inventory && typeof inventory.uuid === 'string'
      ? inventory
      : await requireVm(ctx, profileId, vmUuid)
  } finally {
    ctx.topology.invalidate(profileId)
  }
}

export function vmHandlers(ctx: DeskContext, vmZones: VmZones): VmHandlers {
  return {
    async queryVms(req) {
      useProfile(ctx, req.profileId)
      const { profileId, ...query } = req
      const page = await ctx.sessions.run(deskContract.queryVms.policy, profileId, (lease) =>
        lease.client.queryVms(lease.sessionUuid, query)
      )
      vmZones.remember(profileId, page.items)
      return page
    },

    async getVm({ profileId, vmUuid }) {
      useProfile(ctx, profileId)
      const vm = await requireVm(ctx, profileId, vmUuid)
      vmZones.remember(profileId, [vm])
      return vm
    },

    async getTopology({ profileId }) {
      useProfile(ctx, profileId)
      return ctx.topology.get(profileId)
    },

    startVm: ({ profileId, vmUuid }) => powerAction(ctx, profileId, vmUuid, 'startVm'),
    stopVm: ({ profileId, vmUuid }) => powerAction(ctx, profileId, vmUuid, 'stopVm')
  }
}
