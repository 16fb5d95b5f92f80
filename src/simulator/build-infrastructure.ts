// Zones, primary storage, clusters, hosts, L3 networks and images, from the blueprint and a seeded PRNG.
import { formatGsonDate } from './gson-date'
import type { SeededRandom } from './seeded-random'
import type { ClusterInventory, HostInventory, PrimaryStorageInventory, ZoneInventory } from './types'
import {
  ISO_NAMES,
  LINUX_IMAGES,
  WINDOWS_IMAGES,
  ZONE_BLUEPRINTS,
  type ClusterBlueprint,
  type ZoneBlueprint
} from './world-blueprint'
import type { ImageInfo, IsoInfo, L3Network } from './world'

const GB = 1024 ** 3
const INFRA_FROM = Date.UTC(2021, 2, 1)
const INFRA_TO = Date.UTC(2021, 11, 31)
/** vCPUs a host offers per physical core (ZStack's CPU over-provisioning ratio). */
const CPU_OVERPROVISION = 10
const VMS_PER_HOST = 28
/** The last usable host offset in a /16, below the broadcast address. */
const LAST_OFFSET = 65533

export interface ZoneSlot {
  inv: ZoneInventory
  blueprint: ZoneBlueprint
  l3s: L3Network[]
  poolCount: number
}

export interface ClusterSlot {
  inv: ClusterInventory
  blueprint: ClusterBlueprint
  zone: ZoneSlot
  hosts: HostInventory[]
  /** Hosts a VM may be placed on when generated: not in maintenance, not disconnected. */
  placeable: HostInventory[]
  disconnected: HostInventory[]
  nearlyFull: HostInventory | undefined
  localPs: PrimaryStorageInventory | undefined
  sharedPs: PrimaryStorageInventory | undefined
}

export interface Infrastructure {
  zones: ZoneSlot[]
  clusters: ClusterSlot[]
  hosts: HostInventory[]
  primaryStorages: PrimaryStorageInventory[]
  l3Networks: L3Network[]
  linuxImages: ImageInfo[]
  windowsImages: ImageInfo[]
  vrouterImage: ImageInfo
  isos: IsoInfo[]
}

export function buildInfrastructure(
  rng: SeededRandom,
  userVmCount: number,
  timeZone: string
): Infrastructure {
  const stamp = (): { createDate: string; lastOpDate: string } => {
    const createDate = formatGsonDate(INFRA_FROM + Math.floor(rng.next() * (INFRA_TO - INFRA_FROM)), timeZone)
    return { createDate, lastOpDate: createDate }
  }
  const infra: Infrastructure = {
    zones: [],
    clusters: [],
    hosts: [],
    primaryStorages: [],
    l3Networks: [],
    linuxImages: [],
    windowsImages: [],
    vrouterImage: { uuid: '', name: '', platform: 'Linux', rootSizeGb: 0 },
    isos: []
  }
  const totalWeight = ZONE_BLUEPRINTS.flatMap((z) => z.clusters).reduce((sum, c) => sum + c.weight, 0)

  ZONE_BLUEPRINTS.forEach((zoneBlueprint, zoneIndex) => {
    const zone: ZoneSlot = {
      inv: {
        uuid: rng.uuid(),
        name: zoneBlueprint.name,
        description: zoneBlueprint.description,
        state: 'Enabled',
        type: 'zstack',
        isDefault: zoneIndex === 0,
        ...stamp()
      },
      blueprint: zoneBlueprint,
      l3s: [],
      poolCount: 0
    }
    infra.zones.push(zone)
    for (const name of zoneBlueprint.l3Names) addL3(infra, zone, name, rng)
    const psByKey = new Map<string, PrimaryStorageInventory>()
    for (const psBlueprint of zoneBlueprint.storage) {
      const ps: PrimaryStorageInventory = {
        uuid: rng.uuid(),
        name: psBlueprint.name,
        description: `${psBlueprint.type} primary storage`,
        zoneUuid: zone.inv.uuid,
        url: psBlueprint.url,
        type: psBlueprint.type,
        state: 'Enabled',
        status: 'Connected',
        totalCapacity: 0,
        availableCapacity: 0,
        totalPhysicalCapacity: 0,
        availablePhysicalCapacity: 0,
        attachedClusterUuids: [],
        ...stamp()
      }
      psByKey.set(psBlueprint.key, ps)
      infra.primaryStorages.push(ps)
    }
    for (const blueprint of zoneBlueprint.clusters) {
      const inv: ClusterInventory = {
        uuid: rng.uuid(),
        name: blueprint.name,
        description: `${blueprint.hypervisorType} cluster in ${zoneBlueprint.name}`,
        state: 'Enabled',
        hypervisorType: blueprint.hypervisorType,
        zoneUuid: zone.inv.uuid,
        type: 'zstack',
        architecture: 'x86_64',
        ...stamp()
      }
      const attached = blueprint.storage.map((key) => {
        const ps = psByKey.get(key)
        if (!ps) throw new Error(`blueprint: unknown storage ${key}`)
        ps.attachedClusterUuids.push(inv.uuid)
        return ps
      })
      const cluster: ClusterSlot = {
        inv,
        blueprint,
        zone,
        hosts: [],
        placeable: [],
        disconnected: [],
        nearlyFull: undefined,
        localPs: attached.find((ps) => ps.type === 'LocalStorage'),
        sharedPs: attached.find((ps) => ps.type !== 'LocalStorage')
      }
      infra.clusters.push(cluster)
      const expectedVms = (userVmCount * blueprint.weight) / totalWeight
      const special = blueprint.specialHosts ?? []
      const hostCount =
        blueprint.hostCount ?? Math.max(special.length + 4, Math.ceil((expectedVms * 0.9) / VMS_PER_HOST) + 1)
      for (let i = 0; i < hostCount; i++) addHost(infra, cluster, i, rng, stamp)
      if (blueprint.nearlyFullHost) cluster.nearlyFull = cluster.placeable[0]
    }
  })

  const image = (name: string, platform: ImageInfo['platform'], rootSizeGb: number): ImageInfo => ({
    uuid: rng.uuid(),
    name,
    platform,
    rootSizeGb
  })
  infra.linuxImages = LINUX_IMAGES.map(([name, size]) => image(name, 'Linux', size))
  infra.windowsImages = WINDOWS_IMAGES.map(([name, size]) => image(name, 'Windows', size))
  infra.vrouterImage = image('zstack-vrouter-5.2.1', 'Linux', 8)
  infra.isos = ISO_NAMES.map((name) => ({ uuid: rng.uuid(), name }))
  return infra
}

function addHost(
  infra: Infrastructure,
  cluster: ClusterSlot,
  index: number,
  rng: SeededRandom,
  stamp: () => { createDate: string; lastOpDate: string }
): void {
  const { blueprint, zone } = cluster
  // The first host is always Enabled/Connected; the blueprint's special states follow it.
  const [state, status] = (index >= 1 ? blueprint.specialHosts?.[index - 1] : undefined) ?? [
    'Enabled',
    'Connected'
  ]
  const cpuNum = rng.pick([32, 48, 64, 96])
  const memory = rng.pick([256, 384, 512]) * GB
  const n = infra.hosts.length
  const host: HostInventory = {
    uuid: rng.uuid(),
    name: `host-${zone.blueprint.key}-${blueprint.key}-${String(index + 1).padStart(2, '0')}`,
    description: '',
    zoneUuid: zone.inv.uuid,
    clusterUuid: cluster.inv.uuid,
    managementIp: `172.20.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`,
    hypervisorType: blueprint.hypervisorType,
    state,
    status,
    totalCpuCapacity: cpuNum * CPU_OVERPROVISION,
    availableCpuCapacity: cpuNum * CPU_OVERPROVISION,
    totalMemoryCapacity: memory,
    availableMemoryCapacity: memory,
    cpuNum,
    cpuSockets: 2,
    architecture: 'x86_64',
    ...kvmFields(blueprint.hypervisorType, n),
    ...stamp()
  }
  infra.hosts.push(host)
  cluster.hosts.push(host)
  if (status === 'Disconnected') cluster.disconnected.push(host)
  else if (state !== 'Maintenance') cluster.placeable.push(host)
}

/** What a KVM host adds to the base inventory (KVMHostInventory) and the IPMI fields every 5.x host has. */
function kvmFields(hypervisorType: string, n: number): Partial<HostInventory> {
  const ipmi = {
    ipmiAddress: `172.21.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`,
    ipmiUsername: 'ADMIN',
    ipmiPort: 623,
    ipmiPowerStatus: 'Power On'
  }
  if (hypervisorType !== 'KVM') return ipmi
  return {
    ...ipmi,
    username: 'root',
    sshPort: 22,
    osDistribution: 'Helix',
    osRelease: 'helix',
    osVersion: '4.4.0'
  }
}

function addL3(infra: Infrastructure, zone: ZoneSlot, name: string, rng: SeededRandom): L3Network {
  const octet = 10 + infra.l3Networks.length
  if (octet > 255) throw new Error('too many VMs: the simulator ran out of 10.x.0.0/16 networks')
  const l3: L3Network = {
    uuid: rng.uuid(),
    name,
    zoneUuid: zone.inv.uuid,
    octet,
    netmask: '255.255.0.0',
    gateway: `10.${octet}.0.1`,
    nextOffset: 10
  }
  infra.l3Networks.push(l3)
  zone.l3s.push(l3)
  return l3
}

/** Takes the next free address on one of the zone's L3 networks (a new pool network when all are full). */
export function allocateNicSlot(
  infra: Infrastructure,
  zone: ZoneSlot,
  l3Choice: number,
  rng: SeededRandom
): number {
  let l3 = zone.l3s[l3Choice % zone.l3s.length]
  if (!l3) throw new Error('zone without L3 networks')
  if (l3.nextOffset > LAST_OFFSET) {
    l3 =
      zone.l3s.find((candidate) => candidate.nextOffset <= LAST_OFFSET) ??
      addL3(infra, zone, `l3-${zone.blueprint.key}-pool-${++zone.poolCount}`, rng)
  }
  const offset = l3.nextOffset
  // Skip .255 and .0 in the last octet: valid in a /16, but they look wrong to people.
  l3.nextOffset += (offset & 255) === 254 ? 3 : 1
  return (l3.octet - 10) * 65536 + offset
}
