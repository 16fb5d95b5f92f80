// The fleet query over real HTTP against five simulators: one slow, one stopped, one whose session expires.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import type { FleetPage, FleetQuery, FleetVmRow } from '../../../src/shared/api'
import { compareVms, type FleetSort } from '../../../src/main/fleet/fleet-merge'
import { FLEET_CACHE_FILE } from '../../../src/main/fleet/fleet-cache'
import { createMemorySecretStore } from '../desk/support/memory-secret-store'
import {
  failure,
  removeDir,
  simulatorProfile,
  startDesk,
  tempDataDir,
  unwrap,
  type DeskFixture
} from '../desk/support/desk-fixture'

const SIZES = [34, 27, 21, 16, 12]
const NAMES = ['Production', 'Staging', 'Branch office', 'Lab', 'Archive']
const sims: RunningSimulator[] = []
const ids: string[] = []
const store = createMemorySecretStore()
const dataDir = tempDataDir('desk-fleet-')
let f: DeskFixture

const userVms = (i: number) => sims[i]!.findVms((vm) => vm.type === 'UserVm')
const key = (row: FleetVmRow): string => `${row.profileId}/${row.vm.uuid}`
const byName: FleetSort = { field: 'name', direction: 'asc' }

async function fleet(query: Partial<FleetQuery> = {}): Promise<FleetPage> {
  return unwrap(await f.api.queryFleetVms({ profileIds: ids, start: 0, limit: 500, sort: byName, ...query }))
}

function expectSorted(rows: FleetVmRow[], sort: FleetSort): void {
  for (let i = 1; i < rows.length; i++)
    expect(compareVms(rows[i - 1]!.vm, rows[i]!.vm, sort), `rows ${i - 1} and ${i}`).toBeLessThanOrEqual(0)
}

/** Every page of `limit` rows, one after the other. */
async function allPages(limit: number, sort: FleetSort): Promise<FleetVmRow[]> {
  const rows: FleetVmRow[] = []
  for (let start = 0; ; start += limit) {
    const page = await fleet({ start, limit, sort })
    rows.push(...page.items)
    if (page.items.length < limit) return rows
  }
}

beforeAll(async () => {
  for (const [i, vms] of SIZES.entries()) sims.push(await startSimulator({ vms, seed: 100 + i }))
  f = await startDesk({ dataDir, secretStore: store })
  for (const [i, sim] of sims.entries()) {
    const profile = unwrap(await f.api.saveProfile(simulatorProfile(sim, NAMES[i])))
    ids.push(profile.id)
    unwrap(
      await f.api.signIn({
        profileId: profile.id,
        accountName: 'admin',
        password: 'password',
        rememberPassword: false
      })
    )
  }
})

afterAll(async () => {
  await f.dispose()
  await Promise.all(sims.map((sim) => sim.stop().catch(() => undefined)))
  removeDir(dataDir)
})

describe('queryFleetVms over five clusters', () => {
  it('merges every cluster in the requested order; totals add up', async () => {
    const page = await fleet()
    const expected = SIZES.map((_, i) => userVms(i).length)
    expect(page.clusters.map((c) => [c.name, c.state, c.total])).toEqual(
      NAMES.map((name, i) => [name, 'answered', expected[i]])
    )
    expect(page.total).toBe(expected.reduce((a, b) => a + b, 0))
    expect(page.items).toHaveLength(page.total)
    expectSorted(page.items, byName)
    // Each cluster's every VM exactly once, labelled with its cluster.
    for (const [i, id] of ids.entries()) {
      const mine = page.items.filter((row) => row.profileId === id).map((row) => row.vm.uuid)
      expect(mine.sort()).toEqual(
        userVms(i)
          .map((vm) => vm.uuid)
          .sort()
      )
    }
    expect(page.items.every((row) => row.staleSince === undefined)).toBe(true)
  })

  it('pages across clusters without a row lost or repeated, in both directions and on numbers', async () => {
    for (const sort of [
      byName,
      { field: 'memorySize', direction: 'desc' },
      { field: 'createDate', direction: 'asc' }
    ] as FleetSort[]) {
      const whole = (await fleet({ sort })).items
      for (const limit of [7, 20]) {
        const paged = await allPages(limit, sort)
        expect(paged.map(key), `${sort.field} by ${limit}`).toEqual(whole.map(key))
        expectSorted(paged, sort)
      }
    }
  })

  it('finds a VM in the third cluster by IP and by dashed UUID, saying which cluster', async () => {
    const target = userVms(2).find((vm) => vm.vmNics?.[0]?.ip)!
    const ip = target.vmNics![0]!.ip!
    const byIp = await fleet({ search: ip })
    expect(byIp.items.map(key)).toContain(`${ids[2]}/${target.uuid}`)
    expect(byIp.items.every((row) => row.vm.vmNics?.some((nic) => nic.ip?.startsWith(ip)))).toBe(true)
    const u = target.uuid
    const dashed = `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`
    const byUuid = await fleet({ search: dashed.toUpperCase() })
    expect(byUuid.items.map(key)).toEqual([`${ids[2]}/${target.uuid}`])
    expect(byUuid.total).toBe(1)
  })

  it('filters by state across clusters, and by a zone within one chosen cluster', async () => {
    const running = await fleet({ states: ['Running'] })
    const expected = SIZES.map((_, i) => userVms(i).filter((vm) => vm.state === 'Running').length)
    expect(running.clusters.map((c) => c.total)).toEqual(expected)
    expect(running.items.every((row) => row.vm.state === 'Running')).toBe(true)

    const zoneUuid = userVms(1)[0]!.zoneUuid
    const inZone = await fleet({ profileIds: [ids[1]!], zoneUuid })
    const wanted = userVms(1).filter((vm) => vm.zoneUuid === zoneUuid)
    expect(inZone.total).toBe(wanted.length)
    expect(inZone.items.map((row) => row.vm.uuid).sort()).toEqual(wanted.map((vm) => vm.uuid).sort())
    expect(inZone.items.every((row) => row.profileId === ids[1])).toBe(true)

    // A zone belongs to one cluster: asked of the whole fleet it is refused before any cluster is asked.
    const before = sims.map((sim) => sim.stats().requests)
    const error = failure(await f.api.queryFleetVms({ start: 0, limit: 20, sort: byName, zoneUuid }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(error.issues)).toMatch(/exactly one cluster/)
    expect(sims.map((sim) => sim.stats().requests)).toEqual(before)
  })

  it('refuses a window beyond what it can merge, and changes nothing', async () => {
    const before = sims[0]!.stats().requests
    const error = failure(await f.api.queryFleetVms({ start: 990, limit: 20, sort: byName }))
    expect(error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(error.issues)).toMatch(/at most 1000/)
    expect(sims[0]!.stats().requests).toBe(before)
  })

  it('answers without a slow cluster by its deadline, then its rows join after fleet:update', async () => {
    const slow = sims[2]!
    slow.setOptions({ latencyMs: 2500 })
    const updatesBefore = f.of('fleet:update').length
    const started = Date.now()
    const page = await fleet({ deadlineMs: 400 })
    const elapsed = Date.now() - started
    expect(elapsed).toBeLessThan(2000)
    const status = page.clusters[2]!
    expect(status.state).toBe('slow')
    // Meanwhile its last-known rows are shown, marked with their age.
    expect(status.staleSince).toEqual(expect.any(String))
    const staleRows = page.items.filter((row) => row.profileId === ids[2])
    expect(staleRows.length).toBe(userVms(2).length)
    expect(staleRows.every((row) => row.staleSince === status.staleSince)).toBe(true)
    expect(page.clusters.filter((c) => c.state === 'answered')).toHaveLength(4)

    // Known to lag now: the next question is not held for its deadline at all; it is still asked.
    const again = Date.now()
    const quick = await fleet({ deadlineMs: 1500, search: 'a' })
    expect(Date.now() - again).toBeLessThan(1500)
    expect(quick.clusters[2]!.state).toBe('slow')

    // One update: for the query asked last. The first one's answer lands too, kept for a call that asks it again.
    await expect
      .poll(() => f.of('fleet:update').slice(updatesBefore), { timeout: 15_000 })
      .toEqual([{ profileId: ids[2], state: 'answered' }])
    const requests = slow.stats().requests
    const next = await fleet({ deadlineMs: 400 })
    // The late answer is used, not asked for again.
    expect(slow.stats().requests).toBe(requests)
    expect(next.clusters[2]).toMatchObject({ state: 'answered', total: userVms(2).length })
    expect(next.items.filter((row) => row.profileId === ids[2]).every((row) => !row.staleSince)).toBe(true)
    slow.setOptions({ latencyMs: 0 })
  })

  it('announces a late answer once, however many calls found it still running', async () => {
    const slow = sims[1]!
    slow.setOptions({ latencyMs: 1500 })
    const updatesBefore = f.of('fleet:update').length
    const query = { deadlineMs: 300, search: 'e' }
    // Three calls while the one request runs: the view refreshes once when it lands, not three times.
    for (let i = 0; i < 3; i++) expect((await fleet(query)).clusters[1]!.state).toBe('slow')
    await expect
      .poll(() => f.of('fleet:update').length - updatesBefore, { timeout: 10_000 })
      .toBeGreaterThan(0)
    expect(f.of('fleet:update').slice(updatesBefore)).toEqual([{ profileId: ids[1], state: 'answered' }])
    // The call that joins it asks no cluster again: the others answered this same query moments ago.
    const requests = sims.map((sim) => sim.stats().requests)
    const joined = await fleet(query)
    expect(joined.clusters.map((c) => c.state)).toEqual(Array(sims.length).fill('answered'))
    expect(sims.map((sim) => sim.stats().requests)).toEqual(requests)
    slow.setOptions({ latencyMs: 0 })
    // A call with nothing late to join asks every cluster afresh.
    await fleet(query)
    expect(sims.every((sim, i) => sim.stats().requests > requests[i]!)).toBe(true)
  })

  it('asks no refresh for a late answer to a page the view has left', async () => {
    const slow = sims[1]!
    slow.setOptions({ latencyMs: 1200 })
    const updatesBefore = f.of('fleet:update').length
    expect((await fleet({ deadlineMs: 300, search: 'o', start: 0, limit: 5 })).clusters[1]!.state).toBe(
      'slow'
    )
    // The next page asked meanwhile, answered after the first: when the first lands it concerns no page on screen.
    slow.setOptions({ latencyMs: 2500 })
    expect((await fleet({ deadlineMs: 300, search: 'o', start: 5, limit: 5 })).clusters[1]!.state).toBe(
      'slow'
    )
    await expect
      .poll(() => f.of('fleet:update').length - updatesBefore, { timeout: 10_000 })
      .toBeGreaterThan(0)
    // By the second page's update the first page's answer had landed: only the page on screen asked for one.
    expect(f.of('fleet:update').slice(updatesBefore)).toEqual([{ profileId: ids[1], state: 'answered' }])
    slow.setOptions({ latencyMs: 0 })
  })

  it('reports a stopped cluster and an expired session, and serves the others', async () => {
    await sims[4]!.stop()
    sims[3]!.expireSessions()
    const page = await fleet({ deadlineMs: 4000 })
    expect(page.clusters.map((c) => c.state)).toEqual([
      'answered',
      'answered',
      'answered',
      'session-expired',
      'unreachable'
    ])
    expect(page.clusters[4]!.error?.code).toBe('NETWORK')
    expect(page.clusters[3]!.error?.code).toBe('SESSION_EXPIRED')
    // Both show their last-known rows with their age; fresh rows carry none.
    for (const i of [3, 4]) {
      expect(page.clusters[i]!.staleSince).toEqual(expect.any(String))
      expect(page.clusters[i]!.total).toBe(userVms(i).length)
    }
    expect(page.total).toBe(SIZES.reduce((sum, _, i) => sum + userVms(i).length, 0))
    expectSorted(page.items, byName)
    expect(
      page.items
        .filter((row) => row.staleSince)
        .map((row) => row.profileId)
        .sort()
    ).toEqual([...Array(userVms(3).length).fill(ids[3]), ...Array(userVms(4).length).fill(ids[4])].sort())
  })

  it('sums health per cluster: VMs by state, hosts by state and status, memory and CPU', async () => {
    const health = unwrap(await f.api.getFleetHealth({}))
    const mine = health.clusters.filter((c) => ids.includes(c.profileId))
    expect(mine.map((c) => c.session)).toEqual([
      'signed-in',
      'signed-in',
      'signed-in',
      'expired',
      'unreachable'
    ])
    for (const i of [0, 1, 2]) {
      const c = mine[i]!
      const vms = userVms(i).filter((vm) => vm.state !== 'Destroyed')
      expect(Object.values(c.vmsByState).reduce((a, b) => a + b, 0)).toBe(vms.length)
      expect(c.vmsByState.Running).toBe(vms.filter((vm) => vm.state === 'Running').length)
      const hosts = Object.values(c.hostsByStatus).reduce((a, b) => a + b, 0)
      expect(hosts).toBeGreaterThan(0)
      expect(Object.values(c.hostsByState).reduce((a, b) => a + b, 0)).toBe(hosts)
      expect(c.memory.used).toBeGreaterThan(0)
      expect(c.memory.used).toBeLessThanOrEqual(c.memory.total)
      expect(c.cpu.used).toBeLessThanOrEqual(c.cpu.total)
      expect(c.stale).toBeUndefined()
    }
    // No health was ever fetched for the broken ones: they say why and have no numbers to show.
    expect(mine[4]!.error?.code).toBe('NETWORK')
    expect(mine[4]!.stale).toBeUndefined()
  })

  it('reads hosts past the topology cache when asked fresh (Refresh, or a host just changed)', async () => {
    const disconnected = async (fresh: boolean) =>
      unwrap(await f.api.getFleetHealth(fresh ? { fresh } : {})).clusters.find((c) => c.profileId === ids[0])!
        .hostsByStatus.Disconnected ?? 0
    const before = await disconnected(false)
    const hostUuid = userVms(0).find((vm) => vm.state === 'Running' && vm.hostUuid)!.hostUuid!
    sims[0]!.setHostStatus(hostUuid, 'Disconnected')
    try {
      // Within the cache's life a plain read still shows the hosts as they were; a fresh one asks the node.
      expect(await disconnected(false)).toBe(before)
      expect(await disconnected(true)).toBe(before + 1)
    } finally {
      sims[0]!.setHostStatus(hostUuid, 'Connected')
      await disconnected(true)
    }
  })

  it('keeps the last-known fleet on disk without secrets, shows it after a restart offline, and clears it', async () => {
    await f.dispose()
    const file = readFileSync(join(dataDir, FLEET_CACHE_FILE), 'utf8')
    for (const secret of store.entries.values()) {
      const { sessionUuid } = JSON.parse(secret) as { sessionUuid: string }
      expect(file).not.toContain(sessionUuid)
    }
    expect(file).not.toMatch(/password/i)
    // Restarted with the stopped cluster's session still in the keychain: it starts offline.
    f = await startDesk({ dataDir, secretStore: store })
    const page = await fleet({ profileIds: [ids[0]!, ids[4]!] })
    expect(page.clusters.map((c) => c.state)).toEqual(['answered', 'unreachable'])
    expect(page.clusters[1]!.total).toBe(userVms(4).length)
    expect(page.items.filter((row) => row.profileId === ids[4]).every((row) => row.staleSince)).toBe(true)

    unwrap(await f.api.clearFleetCache())
    const cleared = await fleet({ profileIds: [ids[0]!, ids[4]!] })
    expect(cleared.clusters[1]).toMatchObject({ state: 'unreachable' })
    expect(cleared.clusters[1]!.staleSince).toBeUndefined()
    expect(cleared.items.some((row) => row.profileId === ids[4])).toBe(false)
    expect(cleared.total).toBe(userVms(0).length)
  })
})
