// Where each VM of a batch goes: every host's live capacity, minus what the plan's earlier rows already took.
import type { Topology } from '../../shared/api'
import type { BatchPlanRow, HostRefusal } from '../../shared/batch-types'
import type { HostExclusionReason } from '../../shared/migration-types'
import { appError } from '../../shared/error-kinds'
import { MIGRATABLE_VM_STATES, type HostInventory, type VmInventory } from '../../shared/zstack-types'
import { exclusionReasons, rootStorageOf } from '../desk/migration-plan'

/** Memory (bytes) and vCPUs taken on a host by placements not yet visible in its inventory. */
export interface Reservation {
  memory: number
  cpu: number
}

export type Reservations = Map<string, Reservation>

export function reserve(reservations: Reservations, hostUuid: string, vm: VmInventory): void {
  const held = reservations.get(hostUuid) ?? { memory: 0, cpu: 0 }
  reservations.set(hostUuid, { memory: held.memory + vm.memorySize, cpu: held.cpu + vm.cpuNum })
}

/** The host as it will be once the reservations on it land. */
function afterReservations(host: HostInventory, reservations: Reservations): HostInventory {
  const held = reservations.get(host.uuid)
  if (!held) return host
  return {
    ...host,
    availableMemoryCapacity: host.availableMemoryCapacity - held.memory,
    availableCpuCapacity: host.availableCpuCapacity - held.cpu
  }
}

/** Why the host cannot take the VM (the dialog's reasons, worked out from data); empty when it can. */
export function refusalsFor(
  host: HostInventory,
  vm: VmInventory,
  topology: Topology,
  reservations: Reservations
): HostExclusionReason[] {
  const reasons = exclusionReasons(afterReservations(host, reservations), vm, rootStorageOf(vm, topology))
  return reasons.filter((r) => r !== 'not-offered')
}

export const isMigratable = (vm: VmInventory): boolean =>
  (MIGRATABLE_VM_STATES as readonly string[]).includes(vm.state)

const hostRef = (host: HostInventory): { hostUuid: string; hostName: string } => ({
  hostUuid: host.uuid,
  hostName: host.name
})

export interface PlaceResult {
  to?: HostInventory
  /** Set when nothing fits: every host of the zone (or the chosen one) with its reasons. */
  refused?: HostRefusal[]
}

/** The chosen host if it fits; for `auto`, the zone's fitting host with most free memory left. */
export function placeVm(
  vm: VmInventory,
  destination: string | undefined,
  hosts: HostInventory[],
  topology: Topology,
  reservations: Reservations
): PlaceResult {
  const zoneHosts = hosts.filter((h) => !vm.zoneUuid || h.zoneUuid === vm.zoneUuid)
  const judged = (destination ? zoneHosts.filter((h) => h.uuid === destination) : zoneHosts).map((host) => ({
    host,
    reasons: refusalsFor(host, vm, topology, reservations)
  }))
  if (destination && judged.length === 0) {
    const chosen = hosts.find((h) => h.uuid === destination)
    // A host outside the VM's zone, or one the node no longer lists.
    return { refused: [{ hostUuid: destination, hostName: chosen?.name, reasons: ['not-offered'] }] }
  }
  const fitting = judged
    .filter((j) => j.reasons.length === 0)
    .map((j) => afterReservations(j.host, reservations))
  fitting.sort(
    (a, b) => b.availableMemoryCapacity - a.availableMemoryCapacity || a.name.localeCompare(b.name)
  )
  const best = fitting[0]
  if (best) return { to: judged.find((j) => j.host.uuid === best.uuid)!.host }
  return {
    refused: judged
      .filter((j) => !j.reasons.includes('current-host'))
      .map((j) => ({ ...hostRef(j.host), reasons: j.reasons }))
  }
}

/** One row per VM, in order; each placement is reserved before the next row is planned. */
export function planRows(
  vms: VmInventory[],
  destinations: Map<string, string>,
  hosts: HostInventory[],
  topology: Topology
): BatchPlanRow[] {
  const reservations: Reservations = new Map()
  const names = new Map(hosts.map((h) => [h.uuid, h.name]))
  for (const h of topology.hosts) if (!names.has(h.uuid)) names.set(h.uuid, h.name)
  return vms.map((vm) => {
    const destination = destinations.get(vm.uuid)
    const hostName = vm.hostUuid ? names.get(vm.hostUuid) : undefined
    const row: BatchPlanRow = {
      vmUuid: vm.uuid,
      vmName: vm.name,
      vmState: vm.state,
      memorySize: vm.memorySize,
      cpuNum: vm.cpuNum,
      from: { hostUuid: vm.hostUuid ?? null, ...(hostName ? { hostName } : {}) },
      destination: destination ?? 'auto'
    }
    if (!isMigratable(vm) || !vm.hostUuid) {
      row.unplaceable = {
        error: appError('batchVmCannotMigrate', { vm: vm.name, state: vm.state }),
        hosts: []
      }
      return row
    }
    const source = hosts.find((h) => h.uuid === vm.hostUuid)
    if (source && source.status !== 'Connected') {
      row.unplaceable = {
        error: appError('batchSourceNotConnected', { vm: vm.name, host: source.name }),
        hosts: []
      }
      return row
    }
    const placed = placeVm(vm, destination, hosts, topology, reservations)
    if (placed.to) {
      row.to = hostRef(placed.to)
      reserve(reservations, placed.to.uuid, vm)
    } else row.unplaceable = { hosts: placed.refused ?? [] }
    return row
  })
}
