// migrateVm refusals reported through the poll (503 with the real codes), and injected hypervisor failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type HostInventory,
  type PrimaryStorageInventory,
  type RunningSimulator,
  type VmInventory
} from '../../src/simulator'
import {
  allHosts,
  errorOf,
  jobPathOf,
  logIn,
  migrate,
  query,
  rootStorageOf,
  storageByUuid,
  vmAction,
  waitForJob
} from './sim-client'

let sim: RunningSimulator
let session: string
let hosts: HostInventory[]
let storage: Map<string, PrimaryStorageInventory>

beforeAll(async () => {
  sim = await startSimulator({ vms: 300, migrationDurationMs: 200 })
  session = await logIn(sim.url)
  hosts = await allHosts(sim.url, session)
  storage = await storageByUuid(sim.url, session)
})
afterAll(() => sim.stop())

const rootPs = (vm: VmInventory): PrimaryStorageInventory => rootStorageOf(storage, vm)

function vmWhere(pred: (vm: VmInventory) => boolean): VmInventory {
  const vm = sim.findVms((candidate) => candidate.type === 'UserVm' && pred(candidate))[0]
  if (!vm) throw new Error('fixture VM not found')
  return vm
}

const runningOnCeph = (): VmInventory =>
  vmWhere((vm) => vm.state === 'Running' && vm.hypervisorType === 'KVM' && rootPs(vm).type === 'Ceph')

/** A KVM host the Ceph VM's storage reaches, in the given state and status. */
function cephHost(vm: VmInventory, state: string, status: string): HostInventory {
  const host = hosts.find(
    (candidate) =>
      candidate.state === state &&
      candidate.status === status &&
      candidate.hypervisorType === 'KVM' &&
      candidate.uuid !== vm.hostUuid &&
      rootPs(vm).attachedClusterUuids.includes(candidate.clusterUuid)
  )
  if (!host) throw new Error(`no ${state}/${status} host`)
  return host
}

/** Submits, expects the 202, and returns the poll's error once the job ends; the VM must be untouched. */
async function refused(vm: VmInventory, params: Record<string, unknown>) {
  const result = await migrate(sim.url, session, vm.uuid, params)
  expect(result.status).toBe(503)
  const after = sim.vm(vm.uuid)
  if (after) expect(after).toMatchObject({ state: vm.state, hostUuid: vm.hostUuid })
  return errorOf(result)
}

describe('refusals through the poll', () => {
  it.each(['Stopped', 'Starting', 'Stopping', 'Migrating', 'Error', 'Destroyed'])(
    'a %s VM: VM.1008 caused by VM.1010',
    async (state) => {
      const error = await refused(
        vmWhere((vm) => vm.state === state),
        {}
      )
      expect(error.code).toBe('VM.1008')
      expect(error.cause?.code).toBe('VM.1010')
    }
  )

  it('the VM current host: SYS.1007', async () => {
    const vm = runningOnCeph()
    expect((await refused(vm, { hostUuid: vm.hostUuid })).code).toBe('SYS.1007')
  })

  it('an unknown host or VM: SYS.1003', async () => {
    expect((await refused(runningOnCeph(), { hostUuid: 'e'.repeat(32) })).code).toBe('SYS.1003')
    const ghost = await migrate(sim.url, session, 'd'.repeat(32), {})
    expect(ghost.status).toBe(503)
    expect(errorOf(ghost).code).toBe('SYS.1003')
  })

  it.each([
    ['Maintenance', 'Connected', 'no Enabled hosts found in the [1] candidate hosts'],
    ['PreMaintenance', 'Connected', 'no Enabled hosts found in the [1] candidate hosts'],
    ['Disabled', 'Connected', 'no Enabled hosts found in the [1] candidate hosts'],
    ['Enabled', 'Disconnected', 'no Connected hosts found in the [1] candidate hosts'],
    ['Enabled', 'Connecting', 'no Connected hosts found in the [1] candidate hosts']
  ])('a %s/%s destination: HOST_ALLOCATION.1000', async (state, status, details) => {
    const vm = runningOnCeph()
    const error = await refused(vm, { hostUuid: cephHost(vm, state, status).uuid })
    expect(error).toMatchObject({ code: 'HOST_ALLOCATION.1000', details })
  })

  it('a host of another hypervisor: HOST_ALLOCATION.1000', async () => {
    const esx = hosts.find(
      (host) => host.hypervisorType !== 'KVM' && host.state === 'Enabled' && host.status === 'Connected'
    )!
    const error = await refused(runningOnCeph(), { hostUuid: esx.uuid })
    expect(error.code).toBe('HOST_ALLOCATION.1000')
    expect(error.details).toContain('hypervisorType[KVM]')
  })

  it('a host without enough memory: HOST_ALLOCATION.1000', async () => {
    const full = hosts
      .filter(
        (host) => host.state === 'Enabled' && host.status === 'Connected' && host.hypervisorType === 'KVM'
      )
      .sort((a, b) => a.availableMemoryCapacity - b.availableMemoryCapacity)[0]!
    const vm = vmWhere(
      (candidate) =>
        candidate.state === 'Running' &&
        candidate.hostUuid !== full.uuid &&
        candidate.memorySize > full.availableMemoryCapacity &&
        rootPs(candidate).attachedClusterUuids.includes(full.clusterUuid)
    )
    const error = await refused(vm, { hostUuid: full.uuid })
    expect(error.code).toBe('HOST_ALLOCATION.1000')
    expect(error.details).toMatch(/^no host having enough memory/)
  })

  it('a host whose cluster lacks the VM storage: HOST_ALLOCATION.1000', async () => {
    const vm = vmWhere((candidate) => candidate.state === 'Running' && rootPs(candidate).type === 'NFS')
    const elsewhere = hosts.find(
      (host) =>
        host.state === 'Enabled' &&
        host.status === 'Connected' &&
        host.hypervisorType === 'KVM' &&
        host.availableMemoryCapacity > vm.memorySize &&
        !rootPs(vm).attachedClusterUuids.includes(host.clusterUuid)
    )!
    const error = await refused(vm, { hostUuid: elsewhere.uuid })
    expect(error.code).toBe('HOST_ALLOCATION.1000')
    expect(error.details).toContain('primary storage')
  })

  it('no hostUuid and no candidate: HOST_ALLOCATION.1000', async () => {
    const [gpu] = await query<{ uuid: string }>(sim.url, session, '/zstack/v1/clusters?q=name=cluster-gpu-a')
    const vm = vmWhere((candidate) => candidate.state === 'Running' && candidate.clusterUuid === gpu!.uuid)
    expect((await refused(vm, {})).code).toBe('HOST_ALLOCATION.1000')
  })

  it.each([['post-copy'], ['']])('strategy %j: SYS.1007', async (strategy) => {
    const vm = runningOnCeph()
    const error = await refused(vm, { hostUuid: cephHost(vm, 'Enabled', 'Connected').uuid, strategy })
    expect(error.code).toBe('SYS.1007')
  })

  describe('local storage', () => {
    const onLocal = (pred: (vm: VmInventory) => boolean): VmInventory =>
      vmWhere((vm) => vm.state === 'Running' && rootPs(vm).type === 'LocalStorage' && pred(vm))
    const sameClusterHost = (vm: VmInventory): string =>
      hosts.find(
        (host) =>
          host.clusterUuid === vm.clusterUuid &&
          host.uuid !== vm.hostUuid &&
          host.state === 'Enabled' &&
          host.status === 'Connected'
      )!.uuid

    it('with data volumes: SYS.1006', async () => {
      const vm = onLocal((candidate) => candidate.allVolumes.length > 1)
      expect((await refused(vm, { hostUuid: sameClusterHost(vm) })).code).toBe('SYS.1006')
    })

    it('with an ISO attached: SYS.1006', async () => {
      const vm = onLocal(
        (candidate) => candidate.allVolumes.length === 1 && candidate.vmCdRoms.some((cd) => cd.isoUuid)
      )
      expect((await refused(vm, { hostUuid: sameClusterHost(vm) })).code).toBe('SYS.1006')
    })

    it('a Windows guest: SYS.1006', async () => {
      const vm = onLocal(
        (candidate) =>
          candidate.platform === 'Windows' &&
          candidate.allVolumes.length === 1 &&
          candidate.vmCdRoms.every((cd) => !cd.isoUuid)
      )
      const error = await refused(vm, { hostUuid: sameClusterHost(vm) })
      expect(error.code).toBe('SYS.1006')
      expect(error.details).toContain('Windows')
    })
  })
})

describe('hypervisor failures', () => {
  it('failNextMigration fails the next migration with the given error and leaves the VM where it was', async () => {
    const vm = runningOnCeph()
    const dest = cephHost(vm, 'Enabled', 'Connected')
    const sourceBefore = sim.host(vm.hostUuid!)!
    const destBefore = sim.host(dest.uuid)!
    sim.failNextMigration({
      code: 'HOST.1010',
      description: 'host disconnected',
      details: 'lost the libvirt connection'
    })
    const accepted = await vmAction(sim.url, session, vm.uuid, { migrateVm: { hostUuid: dest.uuid } })
    expect(sim.vm(vm.uuid)!.state).toBe('Migrating')
    const result = await waitForJob(sim.url, session, jobPathOf(accepted))
    expect(result.status).toBe(503)
    expect(errorOf(result)).toEqual({
      code: 'HOST.1010',
      description: 'host disconnected',
      details: 'lost the libvirt connection'
    })
    expect(sim.vm(vm.uuid)).toMatchObject({
      state: 'Running',
      hostUuid: vm.hostUuid,
      lastHostUuid: vm.lastHostUuid
    })
    expect(sim.host(vm.hostUuid!)!.availableMemoryCapacity).toBe(sourceBefore.availableMemoryCapacity)
    expect(sim.host(dest.uuid)!.availableMemoryCapacity).toBe(destBefore.availableMemoryCapacity)
    // Only the next one: the one after succeeds.
    expect((await migrate(sim.url, session, vm.uuid, { hostUuid: dest.uuid })).status).toBe(200)
  })

  it('migrationFailureRate 1 fails every valid migration with HOST.1009, 0 fails none', async () => {
    const vm = vmWhere((candidate) => candidate.state === 'Running' && rootPs(candidate).type === 'NFS')
    sim.setOptions({ migrationFailureRate: 1 })
    try {
      const failed = await refused(vm, {})
      expect(failed.code).toBe('HOST.1009')
    } finally {
      sim.setOptions({ migrationFailureRate: 0 })
    }
    expect((await migrate(sim.url, session, vm.uuid, {})).status).toBe(200)
  })

  it('migrationFailureRate set at start applies too', async () => {
    const flaky = await startSimulator({ vms: 30, migrationDurationMs: 20, migrationFailureRate: 1 })
    try {
      const token = await logIn(flaky.url)
      const vm = flaky.findVms(
        (candidate) => candidate.state === 'Running' && candidate.type === 'UserVm'
      )[0]!
      const result = await migrate(flaky.url, token, vm.uuid, {})
      expect(errorOf(result).code).toBe('HOST.1009')
    } finally {
      await flaky.stop()
    }
  })
})
