// The host allocator's filters (state, status, hypervisor, capacity, storage), shared by migrate, start and the dry run.
import type { HostInventory } from './types'
import type { VmRecord, World } from './world'

export type HostCheck = { ok: true } | { ok: false; details: string }

const GB = 1024 ** 3

/** The primary storage every volume of the VM lives on; the destination's cluster must see all of them. */
export function storageOf(vm: VmRecord): string[] {
  return vm.dataVolumeCount > 0 && vm.dataPsUuid !== vm.rootPsUuid
    ? [vm.rootPsUuid, vm.dataPsUuid]
    : [vm.rootPsUuid]
}

function storageReaches(world: World, vm: VmRecord, clusterUuid: string): boolean {
  return storageOf(vm).every(
    (psUuid) => world.psByUuid.get(psUuid)?.attachedClusterUuids.includes(clusterUuid) ?? false
  )
}

/** Runs one host through the allocator's filters in order and says which one dropped it, worded like the real flows. */
export function checkHost(world: World, vm: VmRecord, host: HostInventory): HostCheck {
  if (host.state !== 'Enabled')
    return { ok: false, details: 'no Enabled hosts found in the [1] candidate hosts' }
  if (host.status !== 'Connected')
    return { ok: false, details: 'no Connected hosts found in the [1] candidate hosts' }
  if (host.hypervisorType !== vm.hypervisorType) {
    return {
      ok: false,
      details: `no host having hypervisorType[${vm.hypervisorType}] found in the [1] candidate hosts`
    }
  }
  if (host.availableMemoryCapacity < vm.memorySize) {
    return {
      ok: false,
      details: `no host having enough memory[${vm.memorySize} bytes, ${vm.memorySize / GB} GB] found in the [1] candidate hosts; host[uuid:${host.uuid}] has ${host.availableMemoryCapacity} bytes available`
    }
  }
  if (host.availableCpuCapacity < vm.cpuNum) {
    return { ok: false, details: `no host having enough cpu[${vm.cpuNum}] found in the [1] candidate hosts` }
  }
  if (!storageReaches(world, vm, host.clusterUuid)) {
    return {
      ok: false,
      details: `no host found in clusters that have attached to primary storage[uuids:${storageOf(vm).join(', ')}] of vm[uuid:${vm.uuid}]`
    }
  }
  return { ok: true }
}

/** The migration dry run: every host the VM could move to now, its current host excepted. */
export function migrationTargets(world: World, vm: VmRecord): HostInventory[] {
  return world.hosts.filter((host) => host.uuid !== vm.hostUuid && checkHost(world, vm, host).ok)
}

/** With no destination given the server takes the candidate with the most free memory. */
export function pickMostFreeMemory(hosts: readonly HostInventory[]): HostInventory | undefined {
  let best: HostInventory | undefined
  for (const host of hosts) {
    if (!best || host.availableMemoryCapacity > best.availableMemoryCapacity) best = host
  }
  return best
}

/** Where a stopped VM starts: its last host if it still fits (LastHostPreferred), else its own cluster, else anywhere. */
export function startTarget(world: World, vm: VmRecord): HostInventory | undefined {
  const last = vm.lastHostUuid ? world.hostByUuid.get(vm.lastHostUuid) : undefined
  if (last && checkHost(world, vm, last).ok) return last
  const fits = world.hosts.filter((host) => checkHost(world, vm, host).ok)
  return (
    pickMostFreeMemory(fits.filter((host) => host.clusterUuid === vm.clusterUuid)) ?? pickMostFreeMemory(fits)
  )
}
