// The /_sim control endpoints and the stats they expose, for tests running in another process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorStats,
  type VmInventory
} from '../../src/simulator'
import { call, errorOf, jobPathOf, logIn, vmAction, waitForJob } from './sim-client'

let sim: RunningSimulator
let session: string

beforeAll(async () => {
  sim = await startSimulator({ vms: 60, migrationDurationMs: 50 })
  session = await logIn(sim.url)
})
afterAll(() => sim.stop())

const control = (method: string, path: string, body?: unknown) =>
  call(sim.url, method, `/_sim${path}`, { body })
const stats = async (): Promise<SimulatorStats> => (await control('GET', '/stats')).json as SimulatorStats

describe('stats', () => {
  it('counts /zstack requests, polls and logins, and lists accepted migrations', async () => {
    const before = await stats()
    await logIn(sim.url)
    await call(sim.url, 'GET', '/zstack/v1/zones', { session })
    const vm = sim.findVms((candidate) => candidate.state === 'Running' && candidate.type === 'UserVm')[0]!
    const accepted = await vmAction(sim.url, session, vm.uuid, { migrateVm: {} })
    await waitForJob(sim.url, session, jobPathOf(accepted))
    const after = await stats()
    expect(after.logins).toBe(before.logins + 1)
    expect(after.polls).toBeGreaterThan(before.polls)
    expect(after.requests).toBe(before.requests + 3 + (after.polls - before.polls))
    expect(after.migrationSubmissions.at(-1)).toMatchObject({ vmUuid: vm.uuid })
    expect(after.migrationSubmissions.at(-1)!.hostUuid).toBeUndefined()
    expect(after).toEqual(sim.stats())
  })

  it('does not count control requests', async () => {
    const before = sim.stats().requests
    await stats()
    await stats()
    expect(sim.stats().requests).toBe(before)
  })
})

describe('control endpoints', () => {
  it('POST /_sim/faults injects faults', async () => {
    expect(
      (await control('POST', '/faults', { kind: 'error503', count: 1, pathIncludes: '/clusters' })).status
    ).toBe(200)
    expect((await call(sim.url, 'GET', '/zstack/v1/clusters', { session })).status).toBe(503)
    expect((await call(sim.url, 'GET', '/zstack/v1/clusters', { session })).status).toBe(200)
    expect((await control('POST', '/faults', { kind: 'explode', count: 1 })).status).toBe(400)
    expect((await control('POST', '/faults', { kind: 'drop', count: -1 })).status).toBe(400)
  })

  it('POST /_sim/options changes run-time options and rejects bad ones', async () => {
    expect((await control('POST', '/options', { latencyMs: 120 })).status).toBe(200)
    const started = performance.now()
    await call(sim.url, 'GET', '/zstack/v1/zones', { session })
    expect(performance.now() - started).toBeGreaterThanOrEqual(115)
    expect((await control('POST', '/options', { latencyMs: 0 })).status).toBe(200)
    expect((await control('POST', '/options', { latencyMs: -1 })).status).toBe(400)
    expect((await control('POST', '/options', { port: 1 })).status).toBe(400)
    expect((await control('POST', '/options', { faults: { error503: 2 } })).status).toBe(400)
    expect(() => sim.setOptions({ migrationFailureRate: 3 })).toThrow()
  })

  it('POST /_sim/fail-next-migration makes the next migration fail with that error', async () => {
    const error = {
      code: 'HOST.1009',
      description: 'hypervisor migration failed',
      details: 'from the control endpoint'
    }
    expect((await control('POST', '/fail-next-migration', error)).status).toBe(200)
    const vm = sim.findVms((candidate) => candidate.state === 'Running' && candidate.type === 'UserVm')[1]!
    const accepted = await vmAction(sim.url, session, vm.uuid, { migrateVm: {} })
    const done = await waitForJob(sim.url, session, jobPathOf(accepted))
    expect(errorOf(done)).toEqual(error)
    expect((await control('POST', '/fail-next-migration', { code: 1 })).status).toBe(400)
  })

  it('GET /_sim/vms/{uuid} returns the VM or 404', async () => {
    const vm = sim.findVms((candidate) => candidate.type === 'UserVm')[0]!
    const found = await control('GET', `/vms/${vm.uuid}`)
    expect(found.status).toBe(200)
    expect((found.json as VmInventory).name).toBe(vm.name)
    expect((await control('GET', `/vms/${'0'.repeat(32)}`)).status).toBe(404)
  })

  it('POST /_sim/expire-sessions invalidates every session', async () => {
    const mine = await logIn(sim.url)
    expect((await control('POST', '/expire-sessions')).status).toBe(200)
    const result = await call(sim.url, 'GET', '/zstack/v1/zones', { session: mine })
    expect(errorOf(result).code).toBe('ID.1001')
    session = await logIn(sim.url)
  })

  it('are not served when control is false', async () => {
    const closed = await startSimulator({ vms: 5, control: false })
    try {
      expect((await call(closed.url, 'GET', '/_sim/stats')).status).toBe(404)
    } finally {
      await closed.stop()
    }
  })
})
