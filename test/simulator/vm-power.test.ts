// startVmInstance, stopVmInstance and rebootVmInstance: async jobs with their transient states and capacity moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator, type VmInventory } from '../../src/simulator'
import { call, errorOf, jobPathOf, logIn, vmAction, waitForJob } from './sim-client'

const DURATION = 400
let sim: RunningSimulator
let session: string

beforeAll(async () => {
  sim = await startSimulator({ vms: 120, actionDurationMs: DURATION })
  session = await logIn(sim.url)
})
afterAll(() => sim.stop())

const first = (pred: (vm: VmInventory) => boolean): VmInventory => {
  const vm = sim.findVms((candidate) => candidate.type === 'UserVm' && pred(candidate))[0]
  if (!vm) throw new Error('fixture VM not found')
  return vm
}

/** Submits, checks the transient state while the job runs, and returns the final reply. */
async function act(vm: VmInventory, body: Record<string, unknown>, transient?: string) {
  const accepted = await vmAction(sim.url, session, vm.uuid, body)
  expect(accepted.status).toBe(202)
  if (transient) {
    expect((await call(sim.url, 'GET', jobPathOf(accepted), { session })).status).toBe(202)
    expect(sim.vm(vm.uuid)!.state).toBe(transient)
  }
  return waitForJob(sim.url, session, jobPathOf(accepted))
}

describe('stop and start', () => {
  it('stops a Running VM: Stopping, then Stopped with no hostUuid key, lastHostUuid kept and capacity released', async () => {
    const vm = first((candidate) => candidate.state === 'Running')
    const host = sim.host(vm.hostUuid!)!
    const done = await act(vm, { stopVmInstance: { type: 'grace' } }, 'Stopping')
    expect(done.status).toBe(200)
    const stopped = (done.json as { inventory: VmInventory }).inventory
    expect(stopped).toMatchObject({ state: 'Stopped', lastHostUuid: host.uuid })
    // Gson writes no nulls: a stopped VM has no hostUuid key at all.
    expect(stopped).not.toHaveProperty('hostUuid')
    expect(sim.host(host.uuid)!.availableMemoryCapacity).toBe(host.availableMemoryCapacity + vm.memorySize)

    const started = await act(vm, { startVmInstance: {} }, 'Starting')
    expect(started.status).toBe(200)
    // LastHostPreferred: back on the host it left, which has room again.
    expect((started.json as { inventory: VmInventory }).inventory).toMatchObject({
      state: 'Running',
      hostUuid: host.uuid
    })
    expect(sim.host(host.uuid)!.availableMemoryCapacity).toBe(host.availableMemoryCapacity)
  })

  it('starts a Stopped VM on a host with room and takes its capacity', async () => {
    const vm = first((candidate) => candidate.state === 'Stopped')
    const done = await act(vm, { startVmInstance: {} }, 'Starting')
    const inventory = (done.json as { inventory: VmInventory }).inventory
    expect(inventory.state).toBe('Running')
    expect(inventory.hostUuid).toMatch(/^[0-9a-f]{32}$/)
    const host = sim.host(inventory.hostUuid!)!
    expect(host).toMatchObject({ state: 'Enabled', status: 'Connected', hypervisorType: vm.hypervisorType })
    expect(inventory.clusterUuid).toBe(host.clusterUuid)
  })

  it('stops with type cold and refuses an unknown type with SYS.1007', async () => {
    const [a, b] = sim
      .findVms((candidate) => candidate.type === 'UserVm' && candidate.state === 'Running')
      .slice(5)
    expect((await act(a!, { stopVmInstance: { type: 'cold' } })).status).toBe(200)
    const warm = await act(b!, { stopVmInstance: { type: 'warm' } })
    expect(warm.status).toBe(503)
    expect(errorOf(warm).code).toBe('SYS.1007')
    expect(sim.vm(b!.uuid)!.state).toBe('Running')
  })
})

describe('reboot', () => {
  it('reboots a Running VM through Rebooting back to Running on the same host', async () => {
    const vm = first((candidate) => candidate.state === 'Running' && candidate.hostUuid !== null)
    const done = await act(vm, { rebootVmInstance: {} }, 'Rebooting')
    expect((done.json as { inventory: VmInventory }).inventory).toMatchObject({
      state: 'Running',
      hostUuid: vm.hostUuid
    })
  })
})

describe('wrong state', () => {
  it.each([
    ['start', 'Running', { startVmInstance: {} }],
    ['reboot', 'Stopped', { rebootVmInstance: {} }],
    ['stop', 'Destroyed', { stopVmInstance: {} }],
    ['start', 'Migrating', { startVmInstance: {} }]
  ])('%s of a %s VM fails through the poll with VM.1010', async (_action, state, body) => {
    const vm = first((candidate) => candidate.state === state)
    const done = await act(vm, body)
    expect(done.status).toBe(503)
    expect(errorOf(done).code).toBe('VM.1010')
    expect(sim.vm(vm.uuid)!.state).toBe(state)
  })

  it('an unknown VM fails with SYS.1003', async () => {
    const accepted = await vmAction(sim.url, session, 'c'.repeat(32), { startVmInstance: {} })
    expect(accepted.status).toBe(202)
    const done = await waitForJob(sim.url, session, jobPathOf(accepted))
    expect(errorOf(done).code).toBe('SYS.1003')
  })
})
