// Simulated faults (injected and random), that a faulted request has no effect, and added latency.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator, type VmInventory } from '../../src/simulator'
import { call, errorOf, logIn, sha512, vmAction } from './sim-client'

let sim: RunningSimulator
let session: string

beforeAll(async () => {
  sim = await startSimulator({ vms: 60, migrationDurationMs: 100 })
  session = await logIn(sim.url)
})
afterAll(() => sim.stop())
afterEach(() => sim.setOptions({ faults: {}, faultPathIncludes: undefined, latencyMs: 0, jitterMs: 0 }))

const zones = () => call(sim.url, 'GET', '/zstack/v1/zones', { session })
const login = () =>
  call(sim.url, 'PUT', '/zstack/v1/accounts/login', {
    body: { logInByAccount: { accountName: 'admin', password: sha512('password') } }
  })

/** What a client sees: a status and body, or that the connection died. */
async function outcome(request: () => Promise<{ status: number; text: string }>): Promise<string> {
  try {
    const result = await request()
    return `${result.status}`
  } catch {
    return 'dropped'
  }
}

describe('injected faults', () => {
  it('error503: the next N matching requests get SYS.1000, then normal service', async () => {
    sim.injectFaults({ kind: 'error503', count: 2, pathIncludes: '/zones' })
    const hosts = await call(sim.url, 'GET', '/zstack/v1/hosts?limit=1', { session })
    expect(hosts.status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const result = await zones()
      expect(result.status).toBe(503)
      expect(errorOf(result)).toEqual({
        code: 'SYS.1000',
        description: 'An internal error happened',
        details: 'simulated fault'
      })
    }
    expect((await zones()).status).toBe(200)
  })

  it('html502: a 502 with an nginx HTML page', async () => {
    sim.injectFaults({ kind: 'html502', count: 1 })
    const result = await zones()
    expect(result.status).toBe(502)
    expect(result.text).toContain('<center><h1>502 Bad Gateway</h1></center>')
    expect(result.text).toContain('nginx')
    expect(result.headers.get('content-type')).toBe('text/html')
  })

  it('drop: the connection closes without an answer', async () => {
    sim.injectFaults({ kind: 'drop', count: 1 })
    await expect(zones()).rejects.toThrow()
    expect((await zones()).status).toBe(200)
  })

  it('truncate: a 200 whose JSON body is cut in half', async () => {
    sim.injectFaults({ kind: 'truncate', count: 1 })
    const result = await zones()
    expect(result.status).toBe(200)
    expect(result.text.length).toBeGreaterThan(10)
    expect(result.text.startsWith('{')).toBe(true)
    expect(() => JSON.parse(result.text)).toThrow()
  })

  it('matches the method when one is given', async () => {
    sim.injectFaults({ kind: 'error503', count: 1, method: 'put' })
    expect((await zones()).status).toBe(200)
    const vm = sim.findVms((candidate) => candidate.state === 'Running' && candidate.type === 'UserVm')[3]!
    expect((await vmAction(sim.url, session, vm.uuid, { rebootVmInstance: {} })).status).toBe(503)
  })

  it('spares login unless the injection names the login path', async () => {
    sim.injectFaults({ kind: 'error503', count: 1 })
    expect((await login()).status).toBe(200)
    expect((await zones()).status).toBe(503)
    sim.injectFaults({ kind: 'error503', count: 1, pathIncludes: '/accounts/login' })
    const faulted = await login()
    expect(faulted.status).toBe(503)
    expect(errorOf(faulted).code).toBe('SYS.1000')
    expect((await login()).status).toBe(200)
  })

  it('a faulted migrateVm submission is not counted and changes nothing', async () => {
    const vm: VmInventory = sim.findVms(
      (candidate) => candidate.state === 'Running' && candidate.type === 'UserVm'
    )[0]!
    for (const kind of ['error503', 'html502', 'drop', 'truncate'] as const) {
      const before = sim.stats().migrationSubmissions.length
      sim.injectFaults({ kind, count: 1, pathIncludes: '/actions' })
      await outcome(() => vmAction(sim.url, session, vm.uuid, { migrateVm: {} }))
      expect(sim.stats().migrationSubmissions, kind).toHaveLength(before)
      expect(sim.vm(vm.uuid), kind).toMatchObject({ state: 'Running', hostUuid: vm.hostUuid })
    }
    const accepted = await vmAction(sim.url, session, vm.uuid, { migrateVm: {} })
    expect(accepted.status).toBe(202)
    expect(sim.vm(vm.uuid)!.state).toBe('Migrating')
  })
})

describe('random faults', () => {
  it.each([
    ['error503', '503'],
    ['html502', '502'],
    ['drop', 'dropped'],
    ['truncate', '200']
  ] as const)('rate 1 of %s hits every request but login', async (kind, seen) => {
    sim.setOptions({ faults: { [kind]: 1 } })
    expect(await outcome(zones)).toBe(seen)
    expect(await outcome(() => call(sim.url, 'GET', '/zstack/v1/hosts?limit=1', { session }))).toBe(seen)
    expect((await login()).status).toBe(200)
  })

  it('hits about the configured fraction of requests', async () => {
    sim.setOptions({ faults: { error503: 0.5 } })
    let failures = 0
    for (let i = 0; i < 200; i++) if ((await zones()).status === 503) failures += 1
    expect(failures).toBeGreaterThan(60)
    expect(failures).toBeLessThan(140)
  })

  it('faultPathIncludes limits random faults to matching paths; a poll gets the proxy 504, never a 503', async () => {
    sim.setOptions({ faults: { error503: 1 }, faultPathIncludes: '/api-jobs/' })
    expect((await zones()).status).toBe(200)
    const poll = await call(sim.url, 'GET', `/zstack/v1/api-jobs/${'1'.repeat(32)}`, { session })
    // A 503 JSON on a poll is the job's own final answer, so a passing fault there is a gateway's HTML.
    expect(poll.status).toBe(504)
    expect(poll.text).toContain('<title>504 Gateway Time-out</title>')
  })

  it('setOptions clears the path filter with undefined', async () => {
    sim.setOptions({ faults: { error503: 1 }, faultPathIncludes: '/api-jobs/' })
    sim.setOptions({ faultPathIncludes: undefined })
    expect((await zones()).status).toBe(503)
  })

  it('takes faults from the start options too', async () => {
    const flaky = await startSimulator({ vms: 10, faults: { html502: 1 }, faultPathIncludes: '/hosts' })
    try {
      const token = await logIn(flaky.url)
      expect((await call(flaky.url, 'GET', '/zstack/v1/hosts', { session: token })).status).toBe(502)
      expect((await call(flaky.url, 'GET', '/zstack/v1/zones', { session: token })).status).toBe(200)
    } finally {
      await flaky.stop()
    }
  })
})

describe('latency', () => {
  const timed = async (): Promise<number> => {
    const started = performance.now()
    await zones()
    return performance.now() - started
  }

  it('adds latencyMs to every answer', async () => {
    sim.setOptions({ latencyMs: 150 })
    expect(await timed()).toBeGreaterThanOrEqual(145)
    sim.setOptions({ latencyMs: 0 })
    expect(await timed()).toBeLessThan(100)
  })

  it('adds a random 0..jitterMs on top', async () => {
    sim.setOptions({ jitterMs: 200 })
    const times: number[] = []
    for (let i = 0; i < 10; i++) times.push(await timed())
    // Ten uniform draws over 200 ms are all but certain to spread over more than 40 ms.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(40)
    expect(Math.max(...times)).toBeLessThan(1000)
  })

  it('does not block the event loop while waiting', async () => {
    sim.setOptions({ latencyMs: 300 })
    const slow = zones()
    sim.setOptions({ latencyMs: 0 })
    const started = performance.now()
    const validate = await call(sim.url, 'GET', `/zstack/v1/accounts/sessions/${session}/valid`)
    expect(validate.status).toBe(200)
    expect(performance.now() - started).toBeLessThan(200)
    expect((await slow).status).toBe(200)
  })
})
