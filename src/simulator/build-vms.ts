// The VMs: virtual routers first, then user VMs with names, sizes, storage, NICs and a host with room.
import type { ClusterSlot, Infrastructure } from './build-infrastructure'
import { allocateNicSlot } from './build-infrastructure'
import { formatGsonDate } from './gson-date'
import type { SeededRandom } from './seeded-random'
import type { HostInventory, VmState } from './types'
import { hasRoomFor, occupy, type VmRecord } from './world'
import {
  MEMORY_GB_WEIGHTS,
  NAME_PREFIXES,
  SHOWCASE_VMS,
  STATE_WEIGHTS,
  WINDOWS_PREFIXES,
  type ShowcaseTraits
} from './world-blueprint'

const GB = 1024 ** 3
const VMS_FROM = Date.UTC(2022, 0, 1)
const VMS_TO = Date.UTC(2025, 5, 1)
const OPS_TO = Date.UTC(2025, 9, 1)
/** Memory left on the packed host: enough for small VMs, too little for big ones. */
const NEARLY_FULL_FREE = 4 * GB
const HOSTED_STATES: ReadonlySet<VmState> = new Set([
  'Running',
  'Paused',
  'Unknown',
  'Starting',
  'Stopping',
  'Migrating'
])
const LINUX_NAMES = NAME_PREFIXES.map((entry) => [entry, entry[1]] as const)
const WINDOWS_NAMES = WINDOWS_PREFIXES.map((entry) => [entry, entry[1]] as const)
const NIC_COUNTS = [
  [1, 80],
  [2, 17],
  [3, 3]
] as const
const DATA_VOLUME_COUNTS = [
  [0, 55],
  [1, 25],
  [2, 12],
  [3, 8]
] as const

/** Spreads the showcase VMs through the list so they are not all on the first page. */
function showcaseBySeq(userVmCount: number): Map<number, ShowcaseTraits> {
  const bySeq = new Map<number, ShowcaseTraits>()
  const step = Math.max(1, Math.floor(userVmCount / SHOWCASE_VMS.length))
  SHOWCASE_VMS.forEach((traits, i) => {
    if (i * step < userVmCount) bySeq.set(i * step, traits)
  })
  return bySeq
}

export function buildVms(
  rng: SeededRandom,
  infra: Infrastructure,
  userVmCount: number,
  timeZone: string
): VmRecord[] {
  const nameCounters = new Map<string, number>()
  const nextName = (prefix: string): string => {
    const n = (nameCounters.get(prefix) ?? 0) + 1
    nameCounters.set(prefix, n)
    return `${prefix}-${String(n).padStart(4, '0')}`
  }
  const offerings = new Map<string, string>()
  const offeringFor = (cpuNum: number, memoryGb: number): string => {
    const key = `${cpuNum}C${memoryGb}G`
    const uuid = offerings.get(key) ?? rng.uuid()
    offerings.set(key, uuid)
    return uuid
  }

  const makeVm = (
    seq: number,
    cluster: ClusterSlot,
    traits: ShowcaseTraits,
    appliance: boolean
  ): VmRecord => {
    const platform = traits.platform ?? (appliance ? 'Linux' : rng.chance(0.07) ? 'Windows' : 'Linux')
    const [prefix, , description] = rng.weighted(platform === 'Windows' ? WINDOWS_NAMES : LINUX_NAMES)
    const memoryGb = traits.memoryGb ?? (appliance ? 2 : rng.weighted(MEMORY_GB_WEIGHTS))
    const cpuNum = appliance ? 2 : Math.max(1, Math.min(16, Math.round(memoryGb / 2) + rng.int(-1, 0)))
    const useLocal =
      traits.storage === 'local' ||
      (traits.storage !== 'shared' && !!cluster.localPs && (!cluster.sharedPs || rng.chance(0.5)))
    const rootPs = (useLocal ? cluster.localPs : cluster.sharedPs) ?? cluster.localPs ?? cluster.sharedPs
    if (!rootPs) throw new Error(`cluster ${cluster.inv.name} has no primary storage`)
    const nicCount = appliance ? 2 : rng.weighted(NIC_COUNTS)
    const l3Choice = rng.int(0, 99)
    const nicSlots = Array.from({ length: nicCount }, (_, k) =>
      allocateNicSlot(infra, cluster.zone, l3Choice + k, rng)
    )
    const created = VMS_FROM + Math.floor(rng.next() * (VMS_TO - VMS_FROM))
    const image = appliance
      ? infra.vrouterImage
      : rng.pick(platform === 'Windows' ? infra.windowsImages : infra.linuxImages)
    return {
      uuid: rng.uuid(),
      name:
        traits.name ??
        (appliance ? `vrouter-${cluster.inv.name.replace(/^cluster-/, '')}` : nextName(prefix)),
      description: appliance ? `virtual router of ${cluster.inv.name}` : description,
      zoneUuid: cluster.zone.inv.uuid,
      clusterUuid: cluster.inv.uuid,
      imageUuid: image.uuid,
      hostUuid: null,
      lastHostUuid: null,
      instanceOfferingUuid: offeringFor(cpuNum, memoryGb),
      rootVolumeUuid: rng.uuid(),
      platform,
      architecture: 'x86_64',
      defaultL3NetworkUuid: infra.l3Networks[Math.floor((nicSlots[0] ?? 0) / 65536)]?.uuid ?? '',
      type: appliance ? 'ApplianceVm' : 'UserVm',
      hypervisorType: cluster.blueprint.hypervisorType,
      memorySize: memoryGb * GB,
      cpuNum,
      cpuSpeed: 0,
      allocatorStrategy: rng.chance(0.8)
        ? 'LastHostPreferredAllocatorStrategy'
        : 'DefaultHostAllocatorStrategy',
      createDate: formatGsonDate(created, timeZone),
      lastOpDate: formatGsonDate(created + Math.floor(rng.next() * (OPS_TO - created)), timeZone),
      state: 'Stopped',
      seq,
      nicSlots,
      dataVolumeCount: appliance ? 0 : (traits.dataVolumes ?? rng.weighted(DATA_VOLUME_COUNTS)),
      rootPsUuid: rootPs.uuid,
      dataPsUuid: rootPs.uuid,
      isoUuid: !appliance && (traits.iso ?? rng.chance(0.04)) ? rng.pick(infra.isos).uuid : null
    }
  }

  const pickHost = (cluster: ClusterSlot, vm: VmRecord, state: VmState): HostInventory | undefined => {
    if (state === 'Unknown') {
      const lost = cluster.disconnected.find((host) => hasRoomFor(host, vm))
      if (lost) return lost
    }
    if (cluster.nearlyFull && hasRoomFor(cluster.nearlyFull, vm)) return cluster.nearlyFull
    const candidates = cluster.placeable
    const start = rng.int(0, candidates.length - 1)
    for (let i = 0; i < candidates.length; i++) {
      const host = candidates[(start + i) % candidates.length]
      if (host && hasRoomFor(host, vm)) return host
    }
    return undefined
  }

  /** Puts the VM in its state; one that should run but finds no room anywhere in its cluster stays Stopped. */
  const place = (vm: VmRecord, cluster: ClusterSlot, wanted: VmState): void => {
    const others = cluster.placeable.length > 0 ? cluster.placeable : cluster.hosts
    const host = HOSTED_STATES.has(wanted) ? pickHost(cluster, vm, wanted) : undefined
    if (host) {
      vm.state = wanted
      vm.hostUuid = host.uuid
      vm.lastHostUuid = rng.chance(0.7) ? host.uuid : rng.pick(others).uuid
      occupy(host, vm)
      return
    }
    if (!HOSTED_STATES.has(wanted)) vm.state = wanted
    vm.lastHostUuid = rng.pick(others).uuid
  }

  const vms: VmRecord[] = []
  // Virtual routers first: they are created with the network, before any user VM.
  infra.clusters
    .filter((cluster) => cluster.blueprint.hypervisorType === 'KVM')
    .forEach((cluster, i) => {
      const vm = makeVm(userVmCount + i, cluster, {}, true)
      place(vm, cluster, 'Running')
      vms.push(vm)
    })
  const showcase = showcaseBySeq(userVmCount)
  const clusterWeights = infra.clusters.map((cluster) => [cluster, cluster.blueprint.weight] as const)
  for (let seq = 0; seq < userVmCount; seq++) {
    const traits = showcase.get(seq) ?? {}
    const cluster =
      infra.clusters.find((candidate) => candidate.blueprint.key === traits.clusterKey) ??
      rng.weighted(clusterWeights)
    const vm = makeVm(seq, cluster, traits, false)
    place(vm, cluster, traits.state ?? rng.weighted(STATE_WEIGHTS))
    vms.push(vm)
  }
  shrinkNearlyFullHosts(infra)
  return vms
}

/** Cuts the packed host's memory down to what its VMs use plus a little, so big VMs never fit there. */
function shrinkNearlyFullHosts(infra: Infrastructure): void {
  for (const cluster of infra.clusters) {
    const host = cluster.nearlyFull
    if (!host || host.availableMemoryCapacity <= NEARLY_FULL_FREE) continue
    const used = host.totalMemoryCapacity - host.availableMemoryCapacity
    host.totalMemoryCapacity = Math.max(used + NEARLY_FULL_FREE, 16 * GB)
    host.availableMemoryCapacity = host.totalMemoryCapacity - used
  }
}
