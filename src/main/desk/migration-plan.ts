// Which hosts a VM may go to, and for every other host of its zone, why not (worked out from the data).
import type { Topology } from '../../shared/api'
import type { HostExclusionReason, HostOption, MigrationPlan } from '../../shared/migration-types'
import type { AppError } from '../../shared/result'
import type { HostInventory, PrimaryStorageInventory, VmInventory } from '../../shared/zstack-types'
import { placementOf } from '../migrations/placement'

/** The host fields the dialog shows and reasons from: thousands of hosts travel to the renderer, nothing more. */
export const PLAN_HOST_FIELDS = [
  'uuid',
  'name',
  'zoneUuid',
  'clusterUuid',
  'managementIp',
  'hypervisorType',
  'state',
  'status',
  'totalCpuCapacity',
  'availableCpuCapacity',
  'totalMemoryCapacity',
  'availableMemoryCapacity'
] as const satisfies readonly (keyof HostInventory)[]

function planHost(host: HostInventory): HostInventory {
  const { uuid, name, zoneUuid, clusterUuid, managementIp, hypervisorType, state, status } = host
  const { totalCpuCapacity, availableCpuCapacity, totalMemoryCapacity, availableMemoryCapacity } = host
  return {
    uuid,
    name,
    zoneUuid,
    clusterUuid,
    managementIp,
    hypervisorType,
    state,
    status,
    totalCpuCapacity,
    availableCpuCapacity,
    totalMemoryCapacity,
    availableMemoryCapacity
  }
}

/** The primary storage that holds the VM's root volume, when the inventory says. */
export function rootStorageOf(vm: VmInventory, topology: Topology): PrimaryStorageInventory | undefined {
  const root =
    vm.allVolumes?.find((v) => v.uuid === vm.rootVolumeUuid) ?? vm.allVolumes?.find((v) => v.type === 'Root')
  return root?.primaryStorageUuid
    ? topology.primaryStorage.find((ps) => ps.uuid === root.primaryStorageUuid)
    : undefined
}

export function exclusionReasons(
  host: HostInventory,
  vm: VmInventory,
  rootStorage: PrimaryStorageInventory | undefined
): HostExclusionReason[] {
  if (host.uuid === vm.hostUuid) return ['current-host']
  const reasons: HostExclusionReason[] = []
  if (host.state === 'Maintenance' || host.state === 'PreMaintenance') reasons.push('maintenance')
  if (host.state === 'Disabled') reasons.push('disabled')
  if (host.status !== 'Connected') reasons.push('disconnected')
  if (host.availableMemoryCapacity < vm.memorySize) reasons.push('not-enough-memory')
  if (host.availableCpuCapacity < vm.cpuNum) reasons.push('not-enough-cpu')
  if (vm.hypervisorType && host.hypervisorType !== vm.hypervisorType) reasons.push('other-hypervisor')
  if (rootStorage && !rootStorage.attachedClusterUuids.includes(host.clusterUuid))
    reasons.push('storage-not-attached')
  return reasons.length > 0 ? reasons : ['not-offered']
}

export function buildMigrationPlan(
  vm: VmInventory,
  candidates: HostInventory[],
  zoneHosts: HostInventory[],
  topology: Topology,
  blocked?: AppError
): MigrationPlan {
  const clusterNames = new Map(topology.clusters.map((c) => [c.uuid, c.name]))
  const option = (host: HostInventory, reasons: HostExclusionReason[]): HostOption => {
    const name = clusterNames.get(host.clusterUuid)
    return name ? { host: planHost(host), clusterName: name, reasons } : { host: planHost(host), reasons }
  }
  const offered = new Set(candidates.map((h) => h.uuid))
  const rootStorage = rootStorageOf(vm, topology)
  const byName = (a: HostOption, b: HostOption): number => a.host.name.localeCompare(b.host.name)
  const plan: MigrationPlan = {
    vm,
    current: placementOf(vm, topology),
    candidates: candidates.map((h) => option(h, [])).sort(byName),
    others: zoneHosts
      .filter((h) => !offered.has(h.uuid))
      .map((h) => option(h, exclusionReasons(h, vm, rootStorage)))
      .sort(byName)
  }
  if (blocked) plan.blocked = blocked
  return plan
}
