// Builds the demo cloud from a seed: the same seed and size always give the same world, uuids included.
import { buildInfrastructure, type Infrastructure } from './build-infrastructure'
import { buildVms } from './build-vms'
import { createSeededRandom, mixSeed, type SeededRandom } from './seeded-random'
import { volumesOf } from './vm-details'
import { indexWorld, type World } from './world'
import { ADMIN_ACCOUNT_UUID } from './world-blueprint'

const TB = 1024 ** 4

/** `timeZone` is the node's: every date in the world is written as wall-clock time there. */
export function generateWorld(seed: number, userVmCount: number, timeZone = 'UTC'): World {
  const rng = createSeededRandom(mixSeed(seed, 0x5eed))
  const infra = buildInfrastructure(rng, userVmCount, timeZone)
  const vms = buildVms(rng, infra, userVmCount, timeZone)
  const world = indexWorld({
    seed,
    accountUuid: ADMIN_ACCOUNT_UUID,
    zones: infra.zones.map((zone) => zone.inv),
    clusters: infra.clusters.map((cluster) => cluster.inv),
    hosts: infra.hosts,
    primaryStorages: infra.primaryStorages,
    l3Networks: infra.l3Networks,
    images: [...infra.linuxImages, ...infra.windowsImages, infra.vrouterImage],
    isos: infra.isos,
    vms
  })
  fillStorageCapacity(world, infra, rng)
  return world
}

/** Sizes each primary storage so its volumes fit with head-room, then subtracts what they use. */
function fillStorageCapacity(world: World, infra: Infrastructure, rng: SeededRandom): void {
  const used = new Map<string, { size: number; actual: number }>()
  for (const vm of world.vms) {
    for (const volume of volumesOf(world, vm)) {
      const sum = used.get(volume.primaryStorageUuid) ?? { size: 0, actual: 0 }
      sum.size += volume.size
      sum.actual += volume.actualSize
      used.set(volume.primaryStorageUuid, sum)
    }
  }
  for (const ps of world.primaryStorages) {
    const sum = used.get(ps.uuid) ?? { size: 0, actual: 0 }
    const hostCount = infra.clusters
      .filter((cluster) => ps.attachedClusterUuids.includes(cluster.inv.uuid))
      .reduce((n, cluster) => n + cluster.hosts.length, 0)
    // Local storage is the hosts' own disks; shared storage is one big pool.
    const base = ps.type === 'LocalStorage' ? hostCount * 4 * TB : rng.pick([100, 200, 300]) * TB
    const total = Math.max(base, Math.ceil((sum.size * 1.5) / TB) * TB)
    ps.totalCapacity = total
    ps.availableCapacity = total - sum.size
    ps.totalPhysicalCapacity = total
    ps.availablePhysicalCapacity = total - sum.actual
  }
}
