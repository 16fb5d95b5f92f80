// ZWatch over real HTTP: the names, labels and time rules of a ZStack Cloud node, and the node without it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { allHosts, call, errorOf, logIn, migrate, type HttpResult } from './sim-client'

interface Point {
  value: number
  time: number
  labels: Record<string, string>
}

let sim: RunningSimulator
let session: string

beforeAll(async () => {
  sim = await startSimulator({ vms: 40, migrationDurationMs: 50 })
  session = await logIn(sim.url)
})
afterAll(() => sim.stop())

function metrics(params: Record<string, string | number>, labels: string[] = []): Promise<HttpResult> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))
  for (const label of labels) query.append('labels', label)
  return call(sim.url, 'GET', `/zstack/v1/zwatch/metrics?${query.toString()}`, { session })
}

const dataOf = (result: HttpResult): Point[] => {
  expect(result.status, result.text).toBe(200)
  return (result.json as { data: Point[] }).data
}

const runningVm = () =>
  sim.findVms((vm) => vm.state === 'Running' && vm.type === 'UserVm' && vm.allVolumes.length === 1)[0]!

const nowSec = () => Math.floor(Date.now() / 1000)

describe('meta-data', () => {
  it('lists the VM and host metrics with their real labels', async () => {
    const result = await call(sim.url, 'GET', '/zstack/v1/zwatch/metrics/meta-data', { session })
    expect(result.status).toBe(200)
    const list = (result.json as { metrics: { namespace: string; name: string; labelNames: string[] }[] })
      .metrics
    const find = (namespace: string, name: string) =>
      list.find((m) => m.namespace === namespace && m.name === name)
    for (const name of [
      'CPUAverageUsedUtilization',
      'MemoryUsedInPercent',
      'DiskAllReadBytes',
      'DiskAllWriteBytes',
      'NetworkAllInBytes',
      'NetworkAllOutBytes'
    ]) {
      expect(find('ZStack/VM', name)?.labelNames).toEqual(['VMUuid'])
      expect(find('ZStack/Host', name)?.labelNames).toEqual(['HostUuid'])
    }
    expect(find('ZStack/VM', 'DiskReadBytes')?.labelNames).toEqual(['VMUuid', 'DiskDeviceLetter'])
    expect(find('ZStack/Host', 'CPUUsedUtilization')?.labelNames).toEqual(['HostUuid', 'CPUNum'])
  })
})

describe('metric data', () => {
  it('answers one point per period, in seconds, aligned, ending no later than now', async () => {
    const vm = runningVm()
    const end = nowSec()
    const data = dataOf(
      await metrics(
        {
          namespace: 'ZStack/VM',
          metricName: 'CPUAverageUsedUtilization',
          startTime: end - 3600,
          endTime: end,
          period: 300
        },
        [`VMUuid=${vm.uuid}`]
      )
    )
    expect(data.length).toBeGreaterThanOrEqual(12)
    expect(data.length).toBeLessThanOrEqual(13)
    for (const point of data) {
      expect(point.time % 300).toBe(0)
      expect(point.time).toBeGreaterThanOrEqual(end - 3600)
      expect(point.time).toBeLessThanOrEqual(end)
      expect(point.value).toBeGreaterThanOrEqual(0)
      expect(point.value).toBeLessThanOrEqual(100)
      expect(point.labels).toEqual({ VMUuid: vm.uuid })
    }
    expect(data.map((p) => p.time)).toEqual([...data.map((p) => p.time)].sort((a, b) => a - b))
  })

  it('defaults the period to 60 seconds and repeats the same values for the same window', async () => {
    const vm = runningVm()
    const end = nowSec() - 120
    const params = {
      namespace: 'ZStack/VM',
      metricName: 'NetworkAllInBytes',
      startTime: end - 1200,
      endTime: end
    }
    const first = dataOf(await metrics(params, [`VMUuid=${vm.uuid}`]))
    const second = dataOf(await metrics(params, [`VMUuid=${vm.uuid}`]))
    expect(first.length).toBeGreaterThanOrEqual(20)
    expect(first[1]!.time - first[0]!.time).toBe(60)
    expect(second).toEqual(first)
  })

  it('returns one series per label combination without a filter, and per device for device metrics', async () => {
    const end = nowSec()
    const window = { startTime: end - 300, endTime: end, period: 60 }
    const all = dataOf(
      await metrics({ namespace: 'ZStack/Host', metricName: 'MemoryUsedInPercent', ...window })
    )
    const hosts = await allHosts(sim.url, session)
    expect(new Set(all.map((p) => p.labels.HostUuid))).toEqual(new Set(hosts.map((h) => h.uuid)))

    const vm = runningVm()
    const perCpu = dataOf(
      await metrics({ namespace: 'ZStack/VM', metricName: 'CPUUsedUtilization', ...window }, [
        `VMUuid=${vm.uuid}`
      ])
    )
    expect(new Set(perCpu.map((p) => p.labels.CPUNum)).size).toBe(vm.cpuNum)
    const oneCpu = dataOf(
      await metrics({ namespace: 'ZStack/VM', metricName: 'CPUUsedUtilization', ...window }, [
        `VMUuid=${vm.uuid}`,
        'CPUNum=0'
      ])
    )
    expect(oneCpu.length).toBeGreaterThan(0)
    expect(oneCpu.every((p) => p.labels.CPUNum === '0' && p.labels.VMUuid === vm.uuid)).toBe(true)
  })

  it('shows a busy host busier than an idle one', async () => {
    const hosts = (await allHosts(sim.url, session)).map((h) => ({
      uuid: h.uuid,
      used: 1 - h.availableMemoryCapacity / h.totalMemoryCapacity
    }))
    hosts.sort((a, b) => a.used - b.used)
    const average = async (uuid: string) => {
      const end = nowSec()
      const data = dataOf(
        await metrics(
          {
            namespace: 'ZStack/Host',
            metricName: 'MemoryUsedInPercent',
            startTime: end - 3600,
            endTime: end
          },
          [`HostUuid=${uuid}`]
        )
      )
      return data.reduce((sum, p) => sum + p.value, 0) / data.length
    }
    expect(hosts.at(-1)!.used - hosts[0]!.used).toBeGreaterThan(0.2)
    expect(await average(hosts.at(-1)!.uuid)).toBeGreaterThan(await average(hosts[0]!.uuid))
  })

  it("raises a VM's outgoing traffic while it migrates", async () => {
    const vm = sim.findVms(
      (c) =>
        c.state === 'Running' && c.type === 'UserVm' && c.allVolumes.length === 1 && c.platform === 'Linux'
    )[1]!
    const params = (end: number) => ({
      namespace: 'ZStack/VM',
      metricName: 'NetworkAllOutBytes',
      startTime: end - 600,
      endTime: end + 120,
      period: 60
    })
    const end = nowSec()
    const before = dataOf(await metrics(params(end), [`VMUuid=${vm.uuid}`]))
    const result = await migrate(sim.url, session, vm.uuid, {})
    expect(result.status, result.text).toBe(200)
    const after = dataOf(await metrics(params(end), [`VMUuid=${vm.uuid}`]))
    const peak = (data: Point[]) => Math.max(...data.map((p) => p.value))
    // The point whose period covers the migration now carries the burst; earlier points are unchanged.
    expect(peak(after)).toBeGreaterThan(peak(before) + 50 * 1024 * 1024)
    expect(after.slice(0, 5)).toEqual(before.slice(0, 5))
  })

  it('rejects bad arguments with SYS.1007', async () => {
    const vm = runningVm()
    const base = { namespace: 'ZStack/VM', metricName: 'CPUAverageUsedUtilization' }
    const cases: [Record<string, string | number>, string[]][] = [
      [{ namespace: 'ZStack/VM' }, []],
      [{ ...base, metricName: 'NoSuchMetric' }, []],
      [{ ...base, startTime: 'yesterday' }, []],
      [{ ...base, startTime: 200, endTime: 100 }, []],
      [{ ...base, period: 0 }, []],
      [{ ...base, startTime: 0, endTime: nowSec(), period: 1 }, [`VMUuid=${vm.uuid}`]],
      [base, ['HostUuid=x']],
      [base, ['VMUuid']]
    ]
    for (const [params, labels] of cases) {
      const result = await metrics(params, labels)
      expect(result.status, JSON.stringify(params)).toBe(503)
      expect(errorOf(result).code).toBe('SYS.1007')
    }
  })

  it('needs a valid session', async () => {
    const result = await call(sim.url, 'GET', '/zstack/v1/zwatch/metrics/meta-data', {
      session: 'f'.repeat(32)
    })
    expect(result.status).toBe(503)
    expect(errorOf(result).code).toBe('ID.1001')
  })
})

describe('monitoring switch', () => {
  it('answers 404 no api mapping when off and 503 ID.1002 when denied, set from /_sim/options', async () => {
    const setMode = (monitoring: string) => call(sim.url, 'POST', '/_sim/options', { body: { monitoring } })
    try {
      expect((await setMode('off')).status).toBe(200)
      for (const path of [
        '/zstack/v1/zwatch/metrics?namespace=ZStack/VM',
        '/zstack/v1/zwatch/metrics/meta-data'
      ]) {
        const result = await call(sim.url, 'GET', path, { session })
        expect(result.status).toBe(404)
        expect(result.text).toContain('no api mapping')
      }
      expect((await setMode('denied')).status).toBe(200)
      const denied = await call(sim.url, 'GET', '/zstack/v1/zwatch/metrics/meta-data', { session })
      expect(denied.status).toBe(503)
      expect(errorOf(denied).code).toBe('ID.1002')
      expect((await setMode('sometimes')).status).toBe(400)
      // Everything else keeps working.
      expect((await call(sim.url, 'GET', '/zstack/v1/hosts', { session })).status).toBe(200)
    } finally {
      await setMode('on')
    }
    expect((await call(sim.url, 'GET', '/zstack/v1/zwatch/metrics/meta-data', { session })).status).toBe(200)
  })

  it('starts off when asked to', async () => {
    const off = await startSimulator({ vms: 2, monitoring: 'off' })
    try {
      const own = await logIn(off.url)
      const result = await call(off.url, 'GET', '/zstack/v1/zwatch/metrics/meta-data', { session: own })
      expect(result.status).toBe(404)
    } finally {
      await off.stop()
    }
  })
})
