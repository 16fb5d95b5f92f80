// Where a VM sits, with the names a person recognises.
import type { Topology } from '../../shared/api'
import type { Placement } from '../../shared/migration-types'
import type { VmInventory } from '../../shared/zstack-types'

export function placementOf(vm: VmInventory, topology?: Topology): Placement {
  const placement: Placement = { hostUuid: vm.hostUuid ?? null, lastHostUuid: vm.lastHostUuid ?? null }
  if (vm.clusterUuid) placement.clusterUuid = vm.clusterUuid
  if (vm.zoneUuid) placement.zoneUuid = vm.zoneUuid
  if (vm.state) placement.vmState = vm.state
  if (!topology) return placement
  const host = vm.hostUuid ? topology.hosts.find((h) => h.uuid === vm.hostUuid) : undefined
  const cluster = topology.clusters.find((c) => c.uuid === vm.clusterUuid)
  const zone = topology.zones.find((z) => z.uuid === vm.zoneUuid)
  if (host) placement.hostName = host.name
  if (cluster) placement.clusterName = cluster.name
  if (zone) placement.zoneName = zone.name
  return placement
}

/** "hh:mm" in local time, for messages. */
export function clockTime(iso: string): string {
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}
