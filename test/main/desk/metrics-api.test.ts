// getVmMetrics and getHostsLoad through the guard and the real client, over HTTP to the simulator's ZWatch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator'
import { RANGE_SECONDS, VM_METRIC_KEYS } from '../../../src/shared/metrics-types'
import { failure, removeDir, startDesk, unwrap, type DeskFixture } from './support/desk-fixture'

let f: DeskFixture
let sim: RunningSimulator
const profileId = 'demo'

beforeAll(async () => {
  f = await startDesk({ demoSimulator: { vms: 30, migrationDurationMs: 200, actionDurationMs: 100 } })
  unwrap(await f.api.getSessions())
  sim = f.runtime.demo.running()!
})
afterAll(async () => {
  await f.dispose()
  removeDir(f.dataDir)
})

const runningVm = () => sim.findVms((vm) => vm.state === 'Running' && vm.type === 'UserVm')[0]!
const nowSec = () => Math.floor(Date.now() / 1000)
const lastRange = (range: keyof typeof RANGE_SECONDS) => {
  const endTime = nowSec()
  return { startTime: endTime - RANGE_SECONDS[range], endTime }
}

describe('getVmMetrics', () => {
  it.each([
    ['hour', 10],
    ['day', 300],
    ['week', 1800]
  ] as const)(
    'the last %s comes at a period of %i s: a few hundred points per chart',
    async (range, period) => {
      const vm = runningVm()
      const metrics = unwrap(await f.api.getVmMetrics({ profileId, vmUuid: vm.uuid, ...lastRange(range) }))
      if (!metrics.available) throw new Error('monitoring should be available')
      expect(metrics.periodSec).toBe(period)
      expect(Object.keys(metrics.series).sort()).toEqual([...VM_METRIC_KEYS].sort())
      for (const key of VM_METRIC_KEYS) {
        const { times, values } = metrics.series[key]
        expect(times.length, key).toBeGreaterThan(200)
        expect(times.length, key).toBeLessThanOrEqual(401)
        expect(values).toHaveLength(times.length)
        expect(times[1]! - times[0]!).toBe(period)
      }
      expect(metrics.series.cpu.values.every((v) => v >= 0 && v <= 100)).toBe(true)
      expect(metrics.series.networkOut.values.some((v) => v > 0)).toBe(true)
    }
  )

  it('refuses milliseconds, reversed and over-long windows before calling the node', async () => {
    const vm = runningVm()
    const before = sim.stats().requests
    const end = nowSec()
    for (const window of [
      { startTime: (end - 60) * 1000, endTime: end * 1000 },
      { startTime: end, endTime: end - 60 },
      { startTime: end - 30 * 86_400, endTime: end }
    ]) {
      expect(failure(await f.api.getVmMetrics({ profileId, vmUuid: vm.uuid, ...window })).code).toBe(
        'INVALID_INPUT'
      )
    }
    expect(sim.stats().requests).toBe(before)
  })

  it('says monitoring is absent on a node without ZWatch (404), and denied on ID.1002; the rest keeps working', async () => {
    const vm = runningVm()
    try {
      sim.setOptions({ monitoring: 'off' })
      expect(unwrap(await f.api.getVmMetrics({ profileId, vmUuid: vm.uuid, ...lastRange('hour') }))).toEqual({
        available: false,
        reason: 'absent'
      })
      expect(unwrap(await f.api.getHostsLoad({ profileId, hostUuids: [vm.hostUuid!] }))).toEqual({
        available: false,
        reason: 'absent'
      })
      sim.setOptions({ monitoring: 'denied' })
      expect(unwrap(await f.api.getVmMetrics({ profileId, vmUuid: vm.uuid, ...lastRange('day') }))).toEqual({
        available: false,
        reason: 'denied'
      })
      expect(unwrap(await f.api.getHostsLoad({ profileId, hostUuids: [vm.hostUuid!] }))).toEqual({
        available: false,
        reason: 'denied'
      })
      expect(unwrap(await f.api.getVm({ profileId, vmUuid: vm.uuid })).uuid).toBe(vm.uuid)
      expect(unwrap(await f.api.getSessions())[0]).toMatchObject({ profileId, status: 'signed-in' })
    } finally {
      sim.setOptions({ monitoring: 'on' })
    }
  })

  it('still reports a broken answer as an error, not as "no monitoring"', async () => {
    const vm = runningVm()
    sim.injectFaults({ kind: 'html502', count: 1, pathIncludes: '/zwatch/' })
    const error = failure(await f.api.getVmMetrics({ profileId, vmUuid: vm.uuid, ...lastRange('hour') }))
    expect(error.code).toBe('HTTP')
    expect(error.httpStatus).toBe(502)
  })
})

describe('getHostsLoad', () => {
  it('gives each asked host its CPU and memory over the last hour, one point every five minutes', async () => {
    const topology = unwrap(await f.api.getTopology({ profileId }))
    const hostUuids = topology.hosts.slice(0, 3).map((h) => h.uuid)
    const load = unwrap(await f.api.getHostsLoad({ profileId, hostUuids }))
    if (!load.available) throw new Error('monitoring should be available')
    expect(load.periodSec).toBe(300)
    expect(load.hosts.map((h) => h.hostUuid)).toEqual(hostUuids)
    for (const host of load.hosts) {
      expect(host.cpu.times.length).toBeGreaterThanOrEqual(12)
      expect(host.cpu.times.length).toBeLessThanOrEqual(13)
      expect(host.cpu.times[1]! - host.cpu.times[0]!).toBe(300)
      expect(host.memory.values).toHaveLength(host.memory.times.length)
      expect(host.memory.values.every((v) => v >= 0 && v <= 100)).toBe(true)
    }
    expect(failure(await f.api.getHostsLoad({ profileId, hostUuids: [] })).code).toBe('INVALID_INPUT')
  })
})
