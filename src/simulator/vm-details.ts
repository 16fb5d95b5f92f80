// Derives a VM's NICs, volumes and CD-ROMs from its compact recipe, identically on every call.
import { createSeededRandom, mixSeed } from './seeded-random'
import type { VmCdRomInventory, VmInventory, VmNicInventory, VolumeInventory } from './types'
import { ipRangeUuidOf } from './l3-network-inventory'
import type { VmRecord, World } from './world'

const GB = 1024 ** 3
const DATA_SIZES_GB = [50, 100, 200, 500, 1024]
const hex2 = (n: number): string => (n & 255).toString(16).padStart(2, '0')

function slotIp(l3: { octet: number }, offset: number): string {
  return `10.${l3.octet}.${offset >> 8}.${offset & 255}`
}

/** The IPs of a VM's NICs, as `nicsOf` gives them, without building the NICs. */
export function nicIpsOf(world: World, vm: VmRecord): string[] {
  return vm.nicSlots.map((slot) => {
    const l3 = world.l3Networks[Math.floor(slot / 65536)]
    if (!l3) throw new Error(`VM ${vm.uuid} points at a missing L3 network`)
    return slotIp(l3, slot % 65536)
  })
}

export function nicsOf(world: World, vm: VmRecord): VmNicInventory[] {
  const rng = createSeededRandom(mixSeed(world.seed, vm.seq, 1))
  return vm.nicSlots.map((slot, deviceId) => {
    const l3 = world.l3Networks[Math.floor(slot / 65536)]
    if (!l3) throw new Error(`VM ${vm.uuid} points at a missing L3 network`)
    const offset = slot % 65536
    const uuid = rng.uuid()
    const usedIpUuid = rng.uuid()
    const ip = slotIp(l3, offset)
    return {
      uuid,
      vmInstanceUuid: vm.uuid,
      usedIpUuid,
      usedIps: [
        {
          uuid: usedIpUuid,
          ipRangeUuid: ipRangeUuidOf(l3),
          l3NetworkUuid: l3.uuid,
          ipVersion: 4,
          ip,
          netmask: l3.netmask,
          gateway: l3.gateway,
          usedFor: 'Vm',
          ipInLong: ((10 << 24) | (l3.octet << 16) | offset) >>> 0,
          vmNicUuid: uuid,
          createDate: vm.createDate,
          lastOpDate: vm.createDate
        }
      ],
      type: 'VNIC',
      l3NetworkUuid: l3.uuid,
      ip,
      mac: `fa:${hex2(vm.seq >>> 16)}:${hex2(vm.seq >>> 8)}:${hex2(vm.seq)}:${hex2(deviceId)}:${hex2(rng.int(0, 255))}`,
      hypervisorType: vm.hypervisorType,
      netmask: l3.netmask,
      gateway: l3.gateway,
      deviceId,
      state: 'enable',
      internalName: `vnic${vm.seq + 1}.${deviceId}`,
      createDate: vm.createDate,
      lastOpDate: vm.createDate
    }
  })
}

function installPath(
  world: World,
  psUuid: string,
  kind: 'rootVolumes' | 'dataVolumes',
  volumeUuid: string
): string {
  const ps = world.psByUuid.get(psUuid)
  const tail = `acct-${world.accountUuid}/vol-${volumeUuid}/${volumeUuid}.qcow2`
  switch (ps?.type) {
    case 'Ceph':
      return `ceph://pri-v-${kind === 'rootVolumes' ? 'r' : 'd'}-${psUuid}/${volumeUuid}`
    case 'SharedBlock':
      return `sharedblock://${psUuid}/${volumeUuid}`
    case 'NFS':
      return `/opt/zstack/nfsprimarystorage/prim-${psUuid}/${kind}/${tail}`
    default:
      return `/zstack_ps/${kind}/${tail}`
  }
}

export function volumesOf(world: World, vm: VmRecord): VolumeInventory[] {
  const rng = createSeededRandom(mixSeed(world.seed, vm.seq, 2))
  const image = world.images.find((candidate) => candidate.uuid === vm.imageUuid)
  const format =
    vm.hypervisorType === 'ESX'
      ? 'vmdk'
      : world.psByUuid.get(vm.rootPsUuid)?.type === 'Ceph'
        ? 'raw'
        : 'qcow2'
  const volume = (
    uuid: string,
    type: 'Root' | 'Data',
    deviceId: number,
    psUuid: string,
    sizeGb: number
  ): VolumeInventory => {
    const size = sizeGb * GB
    return {
      uuid,
      name: type === 'Root' ? `ROOT-for-${vm.name}` : `${vm.name}-data-${deviceId}`,
      description: type === 'Root' ? `Root volume for VM[uuid:${vm.uuid}]` : '',
      primaryStorageUuid: psUuid,
      vmInstanceUuid: vm.uuid,
      diskOfferingUuid: type === 'Root' ? null : `d15c${vm.uuid.slice(4)}`,
      rootImageUuid: type === 'Root' ? vm.imageUuid : null,
      installPath: installPath(world, psUuid, type === 'Root' ? 'rootVolumes' : 'dataVolumes', uuid),
      type,
      format,
      size,
      actualSize: Math.round(size * (0.05 + rng.next() * 0.6)),
      deviceId,
      state: 'Enabled',
      status: 'Ready',
      isShareable: false,
      lastVmInstanceUuid: vm.uuid,
      lastAttachDate: vm.createDate,
      // Database VMs' data disks carry a QoS limit; elsewhere none is set.
      volumeQos: type === 'Data' && vm.name.includes('db') ? 'total=209715200' : null,
      createDate: vm.createDate,
      lastOpDate: vm.createDate
    }
  }
  const volumes = [volume(vm.rootVolumeUuid, 'Root', 0, vm.rootPsUuid, image?.rootSizeGb ?? 40)]
  for (let i = 1; i <= vm.dataVolumeCount; i++) {
    volumes.push(volume(rng.uuid(), 'Data', i, vm.dataPsUuid, rng.pick(DATA_SIZES_GB)))
  }
  return volumes
}

export function cdRomsOf(world: World, vm: VmRecord): VmCdRomInventory[] {
  if (vm.type === 'ApplianceVm') return []
  const rng = createSeededRandom(mixSeed(world.seed, vm.seq, 3))
  const uuid = rng.uuid()
  return [
    {
      uuid,
      vmInstanceUuid: vm.uuid,
      deviceId: 0,
      isoUuid: vm.isoUuid,
      isoInstallPath: vm.isoUuid ? `/zstack_bs/iso/${vm.isoUuid}.iso` : null,
      name: `vm-${vm.uuid}-cdRom`,
      createDate: vm.createDate,
      lastOpDate: vm.createDate
    }
  ]
}

export const VM_FIELDS = [
  'uuid',
  'name',
  'description',
  'zoneUuid',
  'clusterUuid',
  'imageUuid',
  'hostUuid',
  'lastHostUuid',
  'instanceOfferingUuid',
  'rootVolumeUuid',
  'platform',
  'architecture',
  'defaultL3NetworkUuid',
  'type',
  'hypervisorType',
  'memorySize',
  'cpuNum',
  'cpuSpeed',
  'allocatorStrategy',
  'createDate',
  'lastOpDate',
  'state',
  'vmNics',
  'allVolumes',
  'vmCdRoms'
] as const satisfies readonly (keyof VmInventory)[]

/** The full inventory (a fresh copy), or only the listed top-level fields. */
export function vmInventory(world: World, vm: VmRecord, fields?: ReadonlySet<string>): Partial<VmInventory> {
  const out: Record<string, unknown> = {}
  for (const field of VM_FIELDS) {
    if (fields && !fields.has(field)) continue
    if (field === 'vmNics') out[field] = nicsOf(world, vm)
    else if (field === 'allVolumes') out[field] = volumesOf(world, vm)
    else if (field === 'vmCdRoms') out[field] = cdRomsOf(world, vm)
    else out[field] = vm[field]
  }
  return out as Partial<VmInventory>
}

export function fullVmInventory(world: World, vm: VmRecord): VmInventory {
  return vmInventory(world, vm) as VmInventory
}
