// What each query endpoint can filter, join and return, bound to one world.
import type { FieldKind, QueryJoin, QueryResource, QueryTable } from './query-engine'
import { SHAPES, type InventoryShape } from './reply-schema'
import type { HostInventory } from './types'
import { cdRomsOf, nicsOf, vmInventory, volumesOf } from './vm-details'
import { createNicIpIndex } from './nic-ip-index'
import { l3NetworkInventory } from './l3-network-inventory'
import type { VmRecord, World } from './world'

export const QUERY_ENDPOINTS = [
  'vm-instances',
  'hosts',
  'zones',
  'clusters',
  'primary-storage',
  'l3-networks'
] as const
export type QueryEndpoint = (typeof QUERY_ENDPOINTS)[number]

const S: FieldKind = 'string'
const N: FieldKind = 'number'
const D: FieldKind = 'date'
const B: FieldKind = 'boolean'
const L: FieldKind = 'list'

const ZONE_FIELDS = {
  uuid: S,
  name: S,
  description: S,
  state: S,
  type: S,
  isDefault: B,
  createDate: D,
  lastOpDate: D
}
const CLUSTER_FIELDS = {
  uuid: S,
  name: S,
  description: S,
  state: S,
  hypervisorType: S,
  zoneUuid: S,
  type: S,
  architecture: S,
  createDate: D,
  lastOpDate: D
}
const HOST_FIELDS = {
  uuid: S,
  name: S,
  description: S,
  zoneUuid: S,
  clusterUuid: S,
  managementIp: S,
  hypervisorType: S,
  state: S,
  status: S,
  totalCpuCapacity: N,
  availableCpuCapacity: N,
  totalMemoryCapacity: N,
  availableMemoryCapacity: N,
  cpuNum: N,
  cpuSockets: N,
  architecture: S,
  ipmiAddress: S,
  ipmiUsername: S,
  ipmiPort: N,
  ipmiPowerStatus: S,
  username: S,
  sshPort: N,
  osDistribution: S,
  osRelease: S,
  osVersion: S,
  createDate: D,
  lastOpDate: D
}
const PRIMARY_STORAGE_FIELDS = {
  uuid: S,
  name: S,
  description: S,
  zoneUuid: S,
  url: S,
  type: S,
  state: S,
  status: S,
  totalCapacity: N,
  availableCapacity: N,
  totalPhysicalCapacity: N,
  availablePhysicalCapacity: N,
  attachedClusterUuids: L,
  createDate: D,
  lastOpDate: D
}
const L3_NETWORK_FIELDS = {
  uuid: S,
  name: S,
  description: S,
  type: S,
  zoneUuid: S,
  l2NetworkUuid: S,
  state: S,
  dnsDomain: S,
  system: B,
  category: S,
  ipVersion: N,
  enableIPAM: B,
  createDate: D,
  lastOpDate: D
}
const NIC_FIELDS = {
  uuid: S,
  vmInstanceUuid: S,
  usedIpUuid: S,
  l3NetworkUuid: S,
  ip: S,
  mac: S,
  hypervisorType: S,
  netmask: S,
  gateway: S,
  deviceId: N,
  state: S,
  internalName: S,
  type: S,
  createDate: D,
  lastOpDate: D
}
const VOLUME_FIELDS = {
  uuid: S,
  name: S,
  description: S,
  primaryStorageUuid: S,
  vmInstanceUuid: S,
  diskOfferingUuid: S,
  rootImageUuid: S,
  installPath: S,
  type: S,
  format: S,
  size: N,
  actualSize: N,
  deviceId: N,
  state: S,
  status: S,
  isShareable: B,
  lastVmInstanceUuid: S,
  lastAttachDate: D,
  volumeQos: S,
  createDate: D,
  lastOpDate: D
}
const CD_ROM_FIELDS = {
  uuid: S,
  vmInstanceUuid: S,
  deviceId: N,
  isoUuid: S,
  isoInstallPath: S,
  name: S,
  createDate: D,
  lastOpDate: D
}
const VM_FIELDS = {
  uuid: S,
  name: S,
  description: S,
  zoneUuid: S,
  clusterUuid: S,
  imageUuid: S,
  hostUuid: S,
  lastHostUuid: S,
  instanceOfferingUuid: S,
  rootVolumeUuid: S,
  platform: S,
  architecture: S,
  defaultL3NetworkUuid: S,
  type: S,
  hypervisorType: S,
  memorySize: N,
  cpuNum: N,
  cpuSpeed: N,
  allocatorStrategy: S,
  createDate: D,
  lastOpDate: D,
  state: S
}

const SHAPES_BY_ENDPOINT: Record<QueryEndpoint, InventoryShape> = {
  'vm-instances': SHAPES.vm,
  hosts: SHAPES.host,
  zones: SHAPES.zone,
  clusters: SHAPES.cluster,
  'primary-storage': SHAPES.primaryStorage,
  'l3-networks': SHAPES.l3Network
}

/** A copy of a plain row, or only its listed fields; arrays are copied too. */
export function copyRow(row: object, fields: ReadonlySet<string> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (fields && !fields.has(key)) continue
    out[key] = Array.isArray(value) ? [...(value as unknown[])] : value
  }
  return out
}

const toOne = <T>(lookup: (key: string) => T | undefined, key: unknown): readonly T[] => {
  if (typeof key !== 'string') return []
  const found = lookup(key)
  return found === undefined ? [] : [found]
}

export function createQueryResources(world: World): Record<QueryEndpoint, QueryResource> {
  const zoneTable: QueryTable = { fields: ZONE_FIELDS, joins: {} }
  const zoneJoin: QueryJoin = {
    table: zoneTable,
    related: (row) => toOne((uuid) => world.zoneByUuid.get(uuid), (row as { zoneUuid?: unknown }).zoneUuid)
  }
  const clusterTable: QueryTable = { fields: CLUSTER_FIELDS, joins: { zone: zoneJoin } }
  const clusterJoin: QueryJoin = {
    table: clusterTable,
    related: (row) =>
      toOne((uuid) => world.clusterByUuid.get(uuid), (row as { clusterUuid?: unknown }).clusterUuid)
  }
  const hostTable: QueryTable = { fields: HOST_FIELDS, joins: { cluster: clusterJoin, zone: zoneJoin } }
  const primaryStorageTable: QueryTable = { fields: PRIMARY_STORAGE_FIELDS, joins: { zone: zoneJoin } }
  const vmTable: QueryTable = {
    fields: VM_FIELDS,
    joins: {
      host: {
        table: hostTable,
        related: (row) => toOne((uuid) => world.hostByUuid.get(uuid), (row as VmRecord).hostUuid)
      },
      cluster: clusterJoin,
      zone: zoneJoin,
      vmNics: { table: { fields: NIC_FIELDS, joins: {} }, related: (row) => nicsOf(world, row as VmRecord) },
      allVolumes: {
        table: { fields: VOLUME_FIELDS, joins: { primaryStorage: psJoinFor(world, primaryStorageTable) } },
        related: (row) => volumesOf(world, row as VmRecord)
      },
      vmCdRoms: {
        table: { fields: CD_ROM_FIELDS, joins: {} },
        related: (row) => cdRomsOf(world, row as VmRecord)
      }
    }
  }
  // The world keeps L3 networks as address pools; a query sees them as inventories, built once.
  const l3Rows = world.l3Networks.map((l3) => l3NetworkInventory(world, l3) as { uuid: string })
  const l3ByUuid = new Map(l3Rows.map((row) => [row.uuid, row]))
  const plain = <T extends { uuid: string }>(
    endpoint: QueryEndpoint,
    table: QueryTable,
    rows: readonly T[],
    index: ReadonlyMap<string, T>
  ): QueryResource => ({
    table,
    rows: () => rows,
    byUuid: (uuid) => index.get(uuid),
    inventory: copyRow,
    shape: SHAPES_BY_ENDPOINT[endpoint]
  })
  return {
    'vm-instances': {
      table: vmTable,
      rows: () => world.vms,
      byUuid: (uuid) => world.vmByUuid.get(uuid),
      inventory: (row, fields) => vmInventory(world, row as VmRecord, fields),
      shape: SHAPES.vm,
      lookup: createNicIpIndex(world)
    },
    hosts: plain<HostInventory>('hosts', hostTable, world.hosts, world.hostByUuid),
    zones: plain('zones', zoneTable, world.zones, world.zoneByUuid),
    clusters: plain('clusters', clusterTable, world.clusters, world.clusterByUuid),
    'primary-storage': plain('primary-storage', primaryStorageTable, world.primaryStorages, world.psByUuid),
    'l3-networks': plain(
      'l3-networks',
      { fields: L3_NETWORK_FIELDS, joins: { zone: zoneJoin } },
      l3Rows,
      l3ByUuid
    )
  }
}

function psJoinFor(world: World, table: QueryTable): QueryJoin {
  return {
    table,
    related: (row) =>
      toOne((uuid) => world.psByUuid.get(uuid), (row as { primaryStorageUuid?: unknown }).primaryStorageUuid)
  }
}
