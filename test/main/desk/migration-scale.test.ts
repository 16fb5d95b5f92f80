// The topology and the migration plan of a cloud past ZStack's 1,000-row pages, over real HTTP, with round trips counted.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import type { Topology } from '../../../src/shared/api'
import { createMemorySecretStore } from './support/memory-secret-store'
import { failure, removeDir, startDesk, unwrap, type DeskFixture } from './support/desk-fixture'
import { sequentialRounds, startRequestTimeline, type RequestTimeline } from './support/request-timeline'

// 60,000 VMs: about 1,900 hosts, over 1,000 of them in zone-beijing.
const VMS = 60_000
/** Well above the time it takes to send a request, so parallel requests never look chained. */
const LATENCY_MS = 80

let sim: RunningSimulator
let timeline: RequestTimeline
let f: DeskFixture
let profileId = ''
let session = ''

beforeAll(async () => {
  sim = await startSimulator({ vms: VMS, seed: 7, actionDurationMs: 100 })
  timeline = await startRequestTimeline(sim.url)
  f = await startDesk({ secretStore: createMemorySecretStore() })
  profileId = unwrap(
    await f.api.saveProfile({
      name: 'Big cloud',
      endpoint: { scheme: 'http', host: '127.0.0.1', port: timeline.port, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: true },
      timeoutMs: 20_000
    })
  ).id
  unwrap(
    await f.api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: false })
  )
  const login = await fetch(`${sim.url}/zstack/v1/accounts/login`, {
    method: 'PUT',
    body: JSON.stringify({
      logInByAccount: {
        accountName: 'admin',
        password: createHash('sha512').update('password').digest('hex')
      }
    })
  })
  session = ((await login.json()) as { inventory: { uuid: string } }).inventory.uuid
})
afterAll(async () => {
  await f?.dispose()
  if (f) removeDir(f.dataDir)
  await timeline?.close()
  await sim?.stop()
})

/** A GET on the simulator, with the app nowhere in the way. */
async function serverGet<T>(resource: string, conditions: string[], extra: string): Promise<T> {
  const q = conditions.map((c) => `q=${encodeURIComponent(c)}&`).join('')
  const res = await fetch(`${sim.url}/zstack/v1/${resource}?${q}${extra}`, {
    headers: { Authorization: `OAuth ${session}` }
  })
  return (await res.json()) as T
}

/** The server's own count (`count=true`). */
const serverCount = async (resource: string, ...conditions: string[]): Promise<number> =>
  (await serverGet<{ total: number }>(resource, conditions, 'count=true')).total

type VmPlace = { uuid: string; hostUuid?: string }
const serverVms = async (...conditions: string[]): Promise<VmPlace[]> =>
  (
    await serverGet<{ inventories: VmPlace[] }>(
      'vm-instances',
      conditions,
      'fields=uuid,hostUuid&limit=100000'
    )
  ).inventories

/** Running user VMs of a zone. */
const runningIn = (zoneUuid: string): Promise<VmPlace[]> =>
  serverVms(`zoneUuid=${zoneUuid}`, 'state=Running', 'type=UserVm')

function biggestZone(topology: Topology): string {
  const counts = new Map<string, number>()
  for (const host of topology.hosts) counts.set(host.zoneUuid, (counts.get(host.zoneUuid) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
}

/** The requests one call makes, and how many round trips it had to wait for one after another. */
async function roundsOf<T>(call: () => Promise<T>): Promise<{ result: T; rounds: number; urls: string[] }> {
  sim.setOptions({ latencyMs: LATENCY_MS })
  timeline.requests.length = 0
  try {
    const result = await call()
    return {
      result,
      rounds: sequentialRounds(timeline.requests),
      urls: timeline.requests.map((r) => decodeURIComponent(r.url))
    }
  } finally {
    sim.setOptions({ latencyMs: 0 })
  }
}

describe('a cloud larger than one page of every query', () => {
  let topology: Topology

  it('getTopology returns every host, zone, cluster and primary storage', async () => {
    topology = unwrap(await f.api.getTopology({ profileId }))
    const hosts = await serverCount('hosts')
    expect(hosts).toBeGreaterThan(1000)
    expect(topology.hosts).toHaveLength(hosts)
    expect(new Set(topology.hosts.map((h) => h.uuid)).size).toBe(hosts)
    expect(topology.zones).toHaveLength(await serverCount('zones'))
    expect(topology.clusters).toHaveLength(await serverCount('clusters'))
    expect(topology.primaryStorage).toHaveLength(await serverCount('primary-storage'))
    // Every VM's host has a name to show, not only those of the first 1,000 hosts.
    const known = new Set(topology.hosts.map((h) => h.uuid))
    const placed = await serverVms('hostUuid not null')
    expect(placed.length).toBeGreaterThan(VMS / 2)
    expect(placed.filter((vm) => !known.has(vm.hostUuid!)).map((vm) => vm.hostUuid)).toEqual([])
    expect(topology.zones.map((z) => z.name)).toEqual(['zone-beijing', 'zone-shanghai'])
  })

  it('getMigrationPlan lists every host of a zone with more than 1,000, each once', async () => {
    const zoneUuid = biggestZone(topology)
    const zoneHosts = await serverCount('hosts', `zoneUuid=${zoneUuid}`)
    expect(zoneHosts).toBeGreaterThan(1000)
    const vm = (await runningIn(zoneUuid))[0]!
    const plan = unwrap(await f.api.getMigrationPlan({ profileId, vmUuid: vm.uuid }))
    const listed = [...plan.candidates, ...plan.others].map((o) => o.host)
    expect(plan.candidates.length).toBeGreaterThan(0)
    expect(listed).toHaveLength(zoneHosts)
    expect(new Set(listed.map((h) => h.uuid)).size).toBe(zoneHosts)
    expect(listed.every((h) => h.zoneUuid === zoneUuid)).toBe(true)
    expect(plan.others.find((o) => o.host.uuid === vm.hostUuid)?.reasons).toEqual(['current-host'])
    expect(plan.current.hostName).toBe(topology.hosts.find((h) => h.uuid === vm.hostUuid)?.name)
  })

  it('a VM the table has shown: the plan takes one round trip, every host page included', async () => {
    const zoneUuid = biggestZone(topology)
    const page = unwrap(
      await f.api.queryVms({ profileId, zoneUuid, states: ['Running'], start: 200, limit: 20 })
    )
    const vm = page.items[0]!
    const {
      result: plan,
      rounds,
      urls
    } = await roundsOf(async () => unwrap(await f.api.getMigrationPlan({ profileId, vmUuid: vm.uuid })))
    expect(plan.vm.uuid).toBe(vm.uuid)
    expect(plan.candidates.length + plan.others.length).toBe(
      await serverCount('hosts', `zoneUuid=${zoneUuid}`)
    )
    const hostPages = urls.filter((u) => u.startsWith('/zstack/v1/hosts?'))
    expect(hostPages.length).toBeGreaterThanOrEqual(2)
    expect(hostPages.every((u) => u.includes(`q=zoneUuid=${zoneUuid}`))).toBe(true)
    expect(urls.some((u) => u.endsWith(`/migration-target-hosts`))).toBe(true)
    expect(rounds).toBe(1)
  })

  it('a VM never shown: the VM is read first, the candidates beside it, then the hosts: two round trips', async () => {
    const zoneUuid = biggestZone(topology)
    const vm = (await runningIn(zoneUuid)).at(-1)!
    const {
      result: plan,
      rounds,
      urls
    } = await roundsOf(async () => unwrap(await f.api.getMigrationPlan({ profileId, vmUuid: vm.uuid })))
    expect(plan.candidates.length + plan.others.length).toBe(
      await serverCount('hosts', `zoneUuid=${zoneUuid}`)
    )
    expect(urls.filter((u) => u.startsWith('/zstack/v1/hosts?')).length).toBeGreaterThanOrEqual(2)
    expect(rounds).toBe(2)
  })

  it('the topology expired: the hosts of the zone still come in full', async () => {
    const zoneUuid = biggestZone(topology)
    const vm = (await runningIn(zoneUuid))[1]!
    unwrap(await f.api.getVm({ profileId, vmUuid: vm.uuid }))
    // Stopping a VM drops the cached topology.
    const other = (await runningIn(zoneUuid)).at(-2)!
    unwrap(await f.api.stopVm({ profileId, vmUuid: other.uuid }))
    const { result: plan, rounds } = await roundsOf(async () =>
      unwrap(await f.api.getMigrationPlan({ profileId, vmUuid: vm.uuid }))
    )
    expect(plan.candidates.length + plan.others.length).toBe(
      await serverCount('hosts', `zoneUuid=${zoneUuid}`)
    )
    // The first page of hosts tells how many more there are.
    expect(rounds).toBe(2)
  })

  it('an unknown VM: NOT_FOUND, not the error of a request made beside the read', async () => {
    const error = failure(await f.api.getMigrationPlan({ profileId, vmUuid: '0'.repeat(32) }))
    expect(error.code).toBe('NOT_FOUND')
    expect(error).toMatchObject({ kind: 'noSuchVm', params: { cluster: 'Big cloud' } })
  })
})
