// The generated cloud: deterministic per seed, varied enough for every case, and internally consistent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type ClusterInventory,
  type HostInventory,
  type PrimaryStorageInventory,
  type RunningSimulator,
  type VmInventory,
  type ZoneInventory
} from '../../src/simulator'
import { allHosts, allVms, call, GB, logIn, query } from './sim-client'

const UUID = /^[0-9a-f]{32}$/
const GSON_DATE =
  /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/
let sim: RunningSimulator
let session: string
let vms: VmInventory[]
let hosts: HostInventory[]

beforeAll(async () => {
  sim = await startSimulator({ vms: 300 })
  session = await logIn(sim.url)
  vms = await allVms(sim.url, session)
  hosts = await allHosts(sim.url, session)
})
afterAll(() => sim.stop())

/** Everything the API shows, in one comparable snapshot. */
async function snapshot(url: string): Promise<string> {
  const token = await logIn(url)
  const parts = await Promise.all(
    ['vm-instances', 'hosts', 'zones', 'clusters', 'primary-storage'].map((endpoint) =>
      call(url, 'GET', `/zstack/v1/${endpoint}?limit=100000`, { session: token }).then(
        (result) => result.text
      )
    )
  )
  return parts.join('\n')
}

describe('determinism', () => {
  it('the same seed gives the same data, uuids included; another seed does not', async () => {
    const [a, b, c] = await Promise.all([
      startSimulator({ vms: 150, seed: 7 }),
      startSimulator({ vms: 150, seed: 7 }),
      startSimulator({ vms: 150, seed: 8 })
    ])
    try {
      const [sa, sb, sc] = await Promise.all([snapshot(a.url), snapshot(b.url), snapshot(c.url)])
      expect(sa.length).toBeGreaterThan(10_000)
      expect(sb).toBe(sa)
      expect(sc).not.toBe(sa)
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()])
    }
  })

  it('derives nested NICs and volumes identically on every read', async () => {
    const again = await allVms(sim.url, session)
    expect(again).toEqual(vms)
  })
})

describe('inventory', () => {
  it('has the requested user VMs plus about one virtual router per KVM cluster', async () => {
    const user = vms.filter((vm) => vm.type === 'UserVm')
    const routers = vms.filter((vm) => vm.type === 'ApplianceVm')
    expect(user).toHaveLength(300)
    const clusters = await query<ClusterInventory>(sim.url, session, '/zstack/v1/clusters')
    expect(routers).toHaveLength(clusters.filter((cluster) => cluster.hypervisorType === 'KVM').length)
  })

  it('spans two or more zones and a non-KVM cluster', async () => {
    const zones = await query<ZoneInventory>(sim.url, session, '/zstack/v1/zones')
    expect(zones.length).toBeGreaterThanOrEqual(2)
    expect(zones.map((zone) => zone.name)).toContain('zone-beijing')
    const clusters = await query<ClusterInventory>(sim.url, session, '/zstack/v1/clusters')
    expect(new Set(clusters.map((cluster) => cluster.hypervisorType)).size).toBeGreaterThan(1)
    expect(clusters.every((cluster) => zones.some((zone) => zone.uuid === cluster.zoneUuid))).toBe(true)
  })

  it('has hosts in every state/status combination that matters, and a nearly full one', () => {
    const combos = new Set(hosts.map((host) => `${host.state}/${host.status}`))
    for (const combo of [
      'Enabled/Connected',
      'Maintenance/Connected',
      'PreMaintenance/Connected',
      'Disabled/Connected',
      'Enabled/Disconnected',
      'Enabled/Connecting'
    ]) {
      expect(combos, combo).toContain(combo)
    }
    const enabled = hosts.filter((host) => host.state === 'Enabled' && host.status === 'Connected')
    expect(enabled.length / hosts.length).toBeGreaterThan(0.6)
    expect(enabled.some((host) => host.availableMemoryCapacity <= 4 * GB)).toBe(true)
    for (const host of hosts) {
      expect(host.managementIp).toMatch(/^172\.20\.\d+\.\d+$/)
      expect(host.name).toMatch(/^host-[a-z]+-[a-z]+-\d{2,}$/)
      expect(host.architecture).toBe('x86_64')
      expect(host.totalCpuCapacity).toBe(host.cpuNum * 10)
    }
  })

  it('keeps host capacity equal to total minus what its VMs hold', () => {
    for (const host of hosts) {
      const placed = vms.filter((vm) => vm.hostUuid === host.uuid)
      expect(host.totalMemoryCapacity - host.availableMemoryCapacity, host.name).toBe(
        placed.reduce((sum, vm) => sum + vm.memorySize, 0)
      )
      expect(host.totalCpuCapacity - host.availableCpuCapacity, host.name).toBe(
        placed.reduce((sum, vm) => sum + vm.cpuNum, 0)
      )
    }
  })

  it('has every primary storage type, local storage attached to one cluster only', async () => {
    const storage = await query<PrimaryStorageInventory>(sim.url, session, '/zstack/v1/primary-storage')
    expect(new Set(storage.map((ps) => ps.type))).toEqual(
      new Set(['LocalStorage', 'NFS', 'Ceph', 'SharedBlock'])
    )
    for (const ps of storage) {
      if (ps.type === 'LocalStorage') expect(ps.attachedClusterUuids).toHaveLength(1)
      expect(ps.availableCapacity).toBeGreaterThan(0)
      expect(ps.availableCapacity).toBeLessThanOrEqual(ps.totalCapacity)
    }
  })

  it('has VMs in every state that matters, stopped ones without a host but with a last host', () => {
    const states = new Set(vms.map((vm) => vm.state))
    for (const state of [
      'Running',
      'Stopped',
      'Paused',
      'Unknown',
      'Starting',
      'Stopping',
      'Migrating',
      'Error',
      'Destroyed'
    ]) {
      expect(states, state).toContain(state)
    }
    expect(vms.filter((vm) => vm.state === 'Running').length / vms.length).toBeGreaterThan(0.6)
    for (const vm of vms.filter((candidate) => candidate.state === 'Stopped')) {
      // Omitted, as Gson omits every null.
      expect(vm).not.toHaveProperty('hostUuid')
      expect(vm.lastHostUuid).toMatch(UUID)
    }
    for (const vm of vms.filter((candidate) => candidate.state === 'Running'))
      expect(vm.hostUuid).toMatch(UUID)
    const disconnected = new Set(
      hosts.filter((host) => host.status === 'Disconnected').map((host) => host.uuid)
    )
    expect(vms.some((vm) => vm.state === 'Unknown' && disconnected.has(vm.hostUuid ?? ''))).toBe(true)
  })

  it('fills every inventory field in ZStack form', () => {
    for (const vm of vms) {
      for (const field of [
        'uuid',
        'zoneUuid',
        'clusterUuid',
        'imageUuid',
        'rootVolumeUuid',
        'defaultL3NetworkUuid'
      ] as const) {
        expect(vm[field], `${vm.name}.${field}`).toMatch(UUID)
      }
      expect(vm.createDate).toMatch(GSON_DATE)
      expect(vm.lastOpDate).toMatch(GSON_DATE)
      expect(vm.architecture).toBe('x86_64')
      expect(vm.memorySize % GB).toBe(0)
      expect(vm.vmNics.length).toBeGreaterThan(0)
      expect(vm.vmNics[0]!.l3NetworkUuid).toBe(vm.defaultL3NetworkUuid)
      expect(vm.allVolumes[0]).toMatchObject({
        uuid: vm.rootVolumeUuid,
        type: 'Root',
        vmInstanceUuid: vm.uuid
      })
      expect(vm.allVolumes.filter((volume) => volume.type === 'Data').length).toBeLessThanOrEqual(3)
    }
  })

  it('gives unique uuids, IPs and MACs', () => {
    const uuids = vms.flatMap((vm) => [
      vm.uuid,
      ...vm.vmNics.map((nic) => nic.uuid),
      ...vm.allVolumes.map((v) => v.uuid)
    ])
    expect(new Set(uuids).size).toBe(uuids.length)
    const ips = vms.flatMap((vm) => vm.vmNics.map((nic) => nic.ip))
    expect(new Set(ips).size).toBe(ips.length)
    for (const ip of ips) expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/)
    expect(new Set(ips.map((ip) => ip.split('.')[1])).size).toBeGreaterThan(3)
    const macs = vms.flatMap((vm) => vm.vmNics.map((nic) => nic.mac))
    expect(new Set(macs).size).toBe(macs.length)
  })

  it('has the special cases tests and demos need', async () => {
    const storage = await query<PrimaryStorageInventory>(sim.url, session, '/zstack/v1/primary-storage')
    const local = new Set(storage.filter((ps) => ps.type === 'LocalStorage').map((ps) => ps.uuid))
    const onLocal = (vm: VmInventory): boolean => local.has(vm.allVolumes[0]!.primaryStorageUuid)
    expect(vms.some((vm) => onLocal(vm) && vm.allVolumes.length > 1)).toBe(true)
    expect(vms.some((vm) => vm.vmCdRoms.some((cd) => cd.isoUuid !== undefined))).toBe(true)
    expect(vms.some((vm) => vm.platform === 'Windows')).toBe(true)
    expect(vms.filter((vm) => vm.platform === 'Linux').length).toBeGreaterThan(vms.length / 2)
    const names = vms.map((vm) => vm.name)
    expect(names).toContain('promo_50%_off')
    expect(names.some((name) => /^web-prod-\d{4}$/.test(name))).toBe(true)
    expect(names.some((name) => /^db-staging-\d{4}$/.test(name))).toBe(true)
    expect(new Set(names.filter((name) => !name.startsWith('vrouter'))).size).toBe(300)
  })
})
