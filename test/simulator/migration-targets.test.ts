// GET /vm-instances/{uuid}/migration-target-hosts: the allocator's dry run and its refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type HostInventory,
  type PrimaryStorageInventory,
  type RunningSimulator,
  type VmInventory
} from '../../src/simulator'
import { allHosts, call, errorOf, logIn, query, rootStorageOf, storageByUuid } from './sim-client'

let sim: RunningSimulator
let session: string
let hosts: HostInventory[]
let storage: Map<string, PrimaryStorageInventory>

beforeAll(async () => {
  sim = await startSimulator({ vms: 300 })
  session = await logIn(sim.url)
  hosts = await allHosts(sim.url, session)
  storage = await storageByUuid(sim.url, session)
})
afterAll(() => sim.stop())

async function targets(vmUuid: string): Promise<HostInventory[]> {
  return query<HostInventory>(sim.url, session, `/zstack/v1/vm-instances/${vmUuid}/migration-target-hosts`)
}

const rootStorage = (vm: VmInventory): PrimaryStorageInventory => rootStorageOf(storage, vm)

/** The hosts the rules in ZSTACK_API.md §7 allow, computed independently from the public inventories. */
function expectedTargets(vm: VmInventory): string[] {
  const psList = [...new Set(vm.allVolumes.map((volume) => volume.primaryStorageUuid))].map((uuid) =>
    storage.get(uuid)!
  )
  return hosts
    .filter(
      (host) =>
        host.uuid !== vm.hostUuid &&
        host.state === 'Enabled' &&
        host.status === 'Connected' &&
        host.hypervisorType === vm.hypervisorType &&
        host.availableMemoryCapacity >= vm.memorySize &&
        host.availableCpuCapacity >= vm.cpuNum &&
        psList.every((ps) => ps.attachedClusterUuids.includes(host.clusterUuid))
    )
    .map((host) => host.uuid)
    .sort()
}

const running = (pred: (vm: VmInventory) => boolean): VmInventory => {
  const vm = sim.findVms(
    (candidate) => candidate.state === 'Running' && candidate.type === 'UserVm' && pred(candidate)
  )[0]
  if (!vm) throw new Error('fixture VM not found')
  return vm
}

describe('migration-target-hosts', () => {
  it('lists exactly the Enabled/Connected hosts with room and the VM storage, without the current host', async () => {
    const vm = running((candidate) => rootStorage(candidate).type === 'Ceph')
    const found = await targets(vm.uuid)
    expect(found.length).toBeGreaterThan(1)
    expect(found.map((host) => host.uuid).sort()).toEqual(expectedTargets(vm))
    expect(found.some((host) => host.uuid === vm.hostUuid)).toBe(false)
    // Shared Ceph reaches every KVM cluster in the zone, so more than one cluster shows up.
    expect(new Set(found.map((host) => host.clusterUuid)).size).toBeGreaterThan(1)
  })

  it('never offers hosts in Maintenance, PreMaintenance, Disabled, Disconnected or Connecting', async () => {
    const vm = running(
      (candidate) => rootStorage(candidate).type === 'Ceph' && candidate.memorySize <= 4 * 1024 ** 3
    )
    const found = await targets(vm.uuid)
    const special = hosts.filter((host) => host.state !== 'Enabled' || host.status !== 'Connected')
    expect(special.length).toBeGreaterThanOrEqual(5)
    for (const host of found) {
      expect(host.state).toBe('Enabled')
      expect(host.status).toBe('Connected')
    }
  })

  it('offers only hosts of the VM hypervisor type', async () => {
    const esx = running((candidate) => candidate.hypervisorType === 'ESX')
    const found = await targets(esx.uuid)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((host) => host.hypervisorType === 'ESX')).toBe(true)
    const kvm = await targets(running((candidate) => candidate.hypervisorType === 'KVM').uuid)
    expect(kvm.every((host) => host.hypervisorType === 'KVM')).toBe(true)
  })

  it('keeps a VM on local storage inside its cluster', async () => {
    const vm = running((candidate) => rootStorage(candidate).type === 'LocalStorage')
    const found = await targets(vm.uuid)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((host) => host.clusterUuid === vm.clusterUuid)).toBe(true)
    expect(found.map((host) => host.uuid).sort()).toEqual(expectedTargets(vm))
  })

  it('leaves out a host without enough free memory for a big VM but offers it to a small one', async () => {
    const full = hosts
      .filter(
        (host) => host.state === 'Enabled' && host.status === 'Connected' && host.hypervisorType === 'KVM'
      )
      .sort((a, b) => a.availableMemoryCapacity - b.availableMemoryCapacity)[0]!
    const fullStorage = [...storage.values()].filter((ps) =>
      ps.attachedClusterUuids.includes(full.clusterUuid)
    )
    const reaches = (vm: VmInventory): boolean => fullStorage.some((ps) => ps.uuid === rootStorage(vm).uuid)
    const big = running(
      (vm) => reaches(vm) && vm.hostUuid !== full.uuid && vm.memorySize > full.availableMemoryCapacity
    )
    const small = running(
      (vm) =>
        reaches(vm) &&
        vm.hostUuid !== full.uuid &&
        vm.memorySize <= full.availableMemoryCapacity &&
        vm.allVolumes.length === 1
    )
    expect((await targets(big.uuid)).some((host) => host.uuid === full.uuid)).toBe(false)
    expect((await targets(small.uuid)).some((host) => host.uuid === full.uuid)).toBe(true)
  })

  it('answers an empty list when no host fits', async () => {
    const clusters = await query<{ uuid: string; name: string }>(
      sim.url,
      session,
      '/zstack/v1/clusters?q=name=cluster-gpu-a'
    )
    const vm = running((candidate) => candidate.clusterUuid === clusters[0]!.uuid)
    const result = await call(sim.url, 'GET', `/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`, {
      session
    })
    expect(result.status).toBe(200)
    expect((result.json as { inventories: unknown[] }).inventories).toEqual([])
  })

  it('also serves Paused and Unknown VMs', async () => {
    for (const state of ['Paused', 'Unknown']) {
      const vm = sim.findVms((candidate) => candidate.state === state)[0]!
      const result = await call(sim.url, 'GET', `/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`, {
        session
      })
      expect(result.status, state).toBe(200)
    }
  })

  it.each(['Stopped', 'Starting', 'Migrating', 'Destroyed', 'Error'])(
    'answers 503 VM.1008 caused by VM.1010 for a %s VM',
    async (state) => {
      const vm = sim.findVms((candidate) => candidate.state === state)[0]!
      const result = await call(sim.url, 'GET', `/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`, {
        session
      })
      expect(result.status).toBe(503)
      const error = errorOf(result)
      expect(error.code).toBe('VM.1008')
      expect(error.cause?.code).toBe('VM.1010')
    }
  )

  it('answers 503 SYS.1003 for an unknown VM and 400 without a session header', async () => {
    const unknown = await call(
      sim.url,
      'GET',
      `/zstack/v1/vm-instances/${'0'.repeat(32)}/migration-target-hosts`,
      { session }
    )
    expect(unknown.status).toBe(503)
    expect(errorOf(unknown).code).toBe('SYS.1003')
    const vm = running(() => true)
    const anonymous = await call(sim.url, 'GET', `/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`)
    expect(anonymous.status).toBe(400)
  })
})
