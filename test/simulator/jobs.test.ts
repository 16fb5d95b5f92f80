// GET /api-jobs/{uuid}: 202 {} while running, the result when done, 404 for unknown or expired jobs, no session.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulator, type RunningSimulator, type VmInventory } from '../../src/simulator'
import { call, jobPathOf, logIn, vmAction, waitForJob } from './sim-client'

let sim: RunningSimulator
let session: string
let vms: VmInventory[]

beforeAll(async () => {
  sim = await startSimulator({ vms: 60, actionDurationMs: 50, jobRetentionMs: 400 })
  session = await logIn(sim.url)
  vms = sim.findVms((vm) => vm.type === 'UserVm' && vm.state === 'Running')
})
afterAll(() => sim.stop())
// Retention is measured on the simulator's clock (Date): the tests that need it move that clock by hand.
afterEach(() => vi.useRealTimers())

describe('api-jobs', () => {
  it('answers 404 plain text for an unknown job', async () => {
    const result = await call(sim.url, 'GET', `/zstack/v1/api-jobs/${'9'.repeat(32)}`, { session })
    expect(result.status).toBe(404)
    expect(result.text).toBe('the job has been expired')
  })

  it('keeps answering the result until the retention passes, then 404', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const accepted = await vmAction(sim.url, session, vms[0]!.uuid, { rebootVmInstance: {} })
    const path = jobPathOf(accepted)
    const done = await waitForJob(sim.url, session, path)
    expect(done.status).toBe(200)
    const again = await call(sim.url, 'GET', path, { session })
    expect(again.status).toBe(200)
    expect(again.json).toEqual(done.json)
    vi.setSystemTime(Date.now() + 550)
    const expired = await call(sim.url, 'GET', path, { session })
    expect(expired.status).toBe(404)
    expect(expired.text).toBe('the job has been expired')
  })

  it('never expires a job that is still running', async () => {
    sim.setOptions({ actionDurationMs: 1500 })
    try {
      vi.useFakeTimers({ toFake: ['Date'] })
      const accepted = await vmAction(sim.url, session, vms[1]!.uuid, { rebootVmInstance: {} })
      // Longer than the 400 ms retention on the clock, while the 1.5 s job (a real timer) still runs.
      vi.setSystemTime(Date.now() + 600)
      expect((await call(sim.url, 'GET', jobPathOf(accepted), { session })).status).toBe(202)
      expect((await waitForJob(sim.url, session, jobPathOf(accepted))).status).toBe(200)
    } finally {
      sim.setOptions({ actionDurationMs: 50 })
    }
  })

  it('checks no session on a poll: a job is followed to its end without one, after logout, after expiry', async () => {
    sim.setOptions({ actionDurationMs: 3000 })
    try {
      const own = await logIn(sim.url)
      const accepted = await vmAction(sim.url, own, vms[2]!.uuid, { rebootVmInstance: {} })
      const path = jobPathOf(accepted)
      expect((await call(sim.url, 'GET', path)).status).toBe(202)
      expect((await call(sim.url, 'DELETE', `/zstack/v1/accounts/sessions/${own}`)).status).toBe(200)
      expect((await call(sim.url, 'GET', path, { session: own })).status).toBe(202)
      expect((await call(sim.url, 'GET', path, { session: 'b'.repeat(32) })).status).toBe(202)
      expect((await waitForJob(sim.url, 'c'.repeat(32), path)).status).toBe(200)
    } finally {
      sim.setOptions({ actionDurationMs: 50 })
    }
  })

  it('renews no session on a poll', async () => {
    sim.setOptions({ sessionTimeoutSec: 1, actionDurationMs: 1500 })
    try {
      const own = await logIn(sim.url)
      const accepted = await vmAction(sim.url, own, vms[3]!.uuid, { rebootVmInstance: {} })
      const path = jobPathOf(accepted)
      // Polled for longer than the timeout: a poll that renewed the session would keep it alive.
      const done = await waitForJob(sim.url, own, path)
      expect(done.status).toBe(200)
      await expect
        .poll(async () => (await call(sim.url, 'GET', `/zstack/v1/accounts/sessions/${own}/valid`)).json)
        .toEqual({ valid: false })
    } finally {
      sim.setOptions({ sessionTimeoutSec: 7200, actionDurationMs: 50 })
    }
  })

  it('answers 405 to anything but GET', async () => {
    const result = await call(sim.url, 'DELETE', `/zstack/v1/api-jobs/${'9'.repeat(32)}`, { session })
    expect(result.status).toBe(405)
    expect(result.text).toBe('only GET method is allowed for querying job status')
  })

  it('counts polls in stats', async () => {
    const before = sim.stats().polls
    await call(sim.url, 'GET', `/zstack/v1/api-jobs/${'8'.repeat(32)}`, { session })
    await call(sim.url, 'GET', `/zstack/v1/api-jobs/${'7'.repeat(32)}`, { session })
    expect(sim.stats().polls).toBe(before + 2)
  })
})
