// VMs: the server-side paged table, one VM, the topology and L3 networks, start and stop (each logged for the activity list).
import { randomBytes, randomUUID } from 'node:crypto'
import { deskContract } from '../../shared/contract/desk-contract'
import type { VmInventory } from '../../shared/zstack-types'
import type { VmActionRecord } from '../../shared/vm-action-types'
import type { DeskHandlers } from '../desk-handlers'
import { deskError } from '../desk-error'
import { placementOf } from '../migrations/placement'
import { toAppError } from '../zstack/to-app-error'
import { useProfile, type DeskContext } from './desk-context'
import type { VmZones } from './vm-zones'

type VmHandlers = Pick<
  DeskHandlers,
  'queryVms' | 'getVm' | 'getTopology' | 'getL3Networks' | 'startVm' | 'stopVm' | 'listVmActions'
>

/** The VM, or NOT_FOUND naming the cluster. */
const readVm = (ctx: DeskContext, profileId: string, vmUuid: string): Promise<VmInventory | undefined> =>
  ctx.sessions.run('read', profileId, (lease) => lease.client.getVm(lease.sessionUuid, vmUuid))

export async function requireVm(ctx: DeskContext, profileId: string, vmUuid: string): Promise<VmInventory> {
  const vm = await readVm(ctx, profileId, vmUuid)
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
  const profile = useProfile(ctx, profileId)
  // Reading the VM first checks it exists and leaves a fresh session for the one submission.
  const vm = await requireVm(ctx, profileId, vmUuid)
  const jobUuid = randomBytes(16).toString('hex')
  const action = method === 'startVm' ? 'startVmInstance' : 'stopVmInstance'
  const at = new Date().toISOString()
  const record: VmActionRecord = {
    id: randomUUID(),
    action: method === 'startVm' ? 'start' : 'stop',
    profileId,
    profileName: profile.name,
    vmUuid,
    vmName: vm.name,
    jobUuid,
    state: 'submitted',
    createdAt: at,
    updatedAt: at,
    before: placementOf(vm, ctx.topology.peek(profileId))
  }
  // On disk before it is sent, as migrations are: the activity list shows what was asked even if the app stops.
  await ctx.vmActions.put(record)
  const end = async (
    state: 'succeeded' | 'failed',
    vmAfter?: VmInventory,
    error?: unknown
  ): Promise<void> => {
    record.state = state
    record.finishedAt = new Date().toISOString()
    const seen = vmAfter ?? (await readVm(ctx, profileId, vmUuid).catch(() => undefined))
    if (seen) record.after = placementOf(seen, ctx.topology.peek(profileId))
    if (error !== undefined) record.error = toAppError(error)
    // The action already happened: a log that cannot be written must not hide its answer.
    await ctx.vmActions.put(record).catch(() => undefined)
  }
  try {
    const submission = await ctx.sessions.run(deskContract[method].policy, profileId, (lease) =>
      lease.client.submitVmAction(lease.sessionUuid, vmUuid, action, {}, { jobUuid })
    )
    // Polling the job is a read: it may re-login once and poll the same job again; the action is never resent.
    const body = await ctx.sessions.run('read', profileId, (l) =>
      l.client.waitForJob(l.sessionUuid, submission)
    )
    const inventory = body.inventory as VmInventory | undefined
    const result =
      inventory && typeof inventory.uuid === 'string' ? inventory : await requireVm(ctx, profileId, vmUuid)
    await end('succeeded', result)
    return result
  } catch (error) {
    await end('failed', undefined, error)
    throw error
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

    async getL3Networks({ profileId }) {
      useProfile(ctx, profileId)
      return ctx.topology.l3Networks(profileId)
    },

    startVm: ({ profileId, vmUuid }) => powerAction(ctx, profileId, vmUuid, 'startVm'),
    stopVm: ({ profileId, vmUuid }) => powerAction(ctx, profileId, vmUuid, 'stopVm'),

    async listVmActions({ profileId }) {
      if (profileId !== undefined) ctx.profiles.require(profileId)
      return ctx.vmActions.list(profileId)
    }
  }
}
