// The simulated cloud in memory: plain inventory rows plus the indexes every request leans on.
import type {
  ClusterInventory,
  HostInventory,
  PrimaryStorageInventory,
  VmInventory,
  ZoneInventory
} from './types'

export interface L3Network {
  uuid: string
  name: string
  zoneUuid: string
  /** Second octet of its 10.x.0.0/16 range. */
  octet: number
  netmask: string
  gateway: string
  /** Next free host offset inside the /16. */
  nextOffset: number
}

export interface ImageInfo {
  uuid: string
  name: string
  platform: 'Linux' | 'Windows'
  rootSizeGb: number
}

export interface IsoInfo {
  uuid: string
  name: string
}

export type VmScalars = Omit<VmInventory, 'vmNics' | 'allVolumes' | 'vmCdRoms'>

/** One VM as stored: the scalar inventory plus a compact recipe its NICs, volumes and CD-ROMs are derived from. */
export interface VmRecord extends VmScalars {
  seq: number
  /** Per NIC in device order: l3 index * 65536 + host offset inside that L3's /16. */
  nicSlots: number[]
  dataVolumeCount: number
  rootPsUuid: string
  dataPsUuid: string
  isoUuid: string | null
}

export interface World {
  seed: number
  accountUuid: string
  zones: ZoneInventory[]
  clusters: ClusterInventory[]
  hosts: HostInventory[]
  primaryStorages: PrimaryStorageInventory[]
  l3Networks: L3Network[]
  images: ImageInfo[]
  isos: IsoInfo[]
  vms: VmRecord[]
  vmByUuid: Map<string, VmRecord>
  hostByUuid: Map<string, HostInventory>
  clusterByUuid: Map<string, ClusterInventory>
  zoneByUuid: Map<string, ZoneInventory>
  psByUuid: Map<string, PrimaryStorageInventory>
  isoByUuid: Map<string, IsoInfo>
}

/** Builds the uuid indexes once the lists are final. */
export function indexWorld(
  world: Omit<World, 'vmByUuid' | 'hostByUuid' | 'clusterByUuid' | 'zoneByUuid' | 'psByUuid' | 'isoByUuid'>
): World {
  const byUuid = <T extends { uuid: string }>(rows: readonly T[]): Map<string, T> =>
    new Map(rows.map((row) => [row.uuid, row]))
  return {
    ...world,
    vmByUuid: byUuid(world.vms),
    hostByUuid: byUuid(world.hosts),
    clusterByUuid: byUuid(world.clusters),
    zoneByUuid: byUuid(world.zones),
    psByUuid: byUuid(world.primaryStorages),
    isoByUuid: byUuid(world.isos)
  }
}

/** Any VM with a hostUuid holds its memory and vCPUs on that host, whatever its state. */
export function occupy(host: HostInventory, vm: VmScalars): void {
  host.availableMemoryCapacity -= vm.memorySize
  host.availableCpuCapacity -= vm.cpuNum
}

export function vacate(host: HostInventory, vm: VmScalars): void {
  host.availableMemoryCapacity += vm.memorySize
  host.availableCpuCapacity += vm.cpuNum
}

export function hasRoomFor(host: HostInventory, vm: VmScalars): boolean {
  return host.availableMemoryCapacity >= vm.memorySize && host.availableCpuCapacity >= vm.cpuNum
}
