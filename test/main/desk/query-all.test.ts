// queryAll over real HTTP against the simulator, with small pages so a small cloud spans many of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import type { ResourceQuery, ZStackClient } from '../../../src/main/zstack/client-types'
import { queryAll } from '../../../src/main/zstack/query-all'
import type { HostInventory, Page } from '../../../src/shared/api'
import { profileFor } from '../zstack/support/profiles'

const PAGE = 7

let sim: RunningSimulator
let client: ZStackClient
let session: string
/** Every host, in one request (the cloud is small enough), as the truth to compare with. */
let allHosts: HostInventory[]

beforeAll(async () => {
  sim = await startSimulator({ vms: 300, seed: 3 })
  client = createZStackClient(profileFor(sim.url))
  session = (await client.login('admin', 'password')).sessionUuid
  allHosts = (await client.queryHosts(session, { limit: 1000 })).items
})
afterAll(async () => {
  await sim?.stop()
})

interface Call {
  query: ResourceQuery
  started: number
  ended?: number
}

/** The host query, with each request's order of start and end noted (a counter, not a clock). */
function recordedHosts(transform: (page: Page<HostInventory>) => Page<HostInventory> = (p) => p) {
  const calls: Call[] = []
  let tick = 0
  const fetchPage = async (query: ResourceQuery): Promise<Page<HostInventory>> => {
    const call: Call = { query, started: tick++ }
    calls.push(call)
    const page = await client.queryHosts(session, query)
    call.ended = tick++
    return transform(page)
  }
  return { calls, fetchPage }
}

const uuids = (hosts: HostInventory[]): string[] => hosts.map((h) => h.uuid).sort()
const pagesOf = (rows: number): number => Math.ceil(rows / PAGE)

describe('queryAll', () => {
  it('needs a cloud that spans several pages', () => {
    expect(allHosts.length).toBeGreaterThan(3 * PAGE)
  })

  it('returns every row once: the first page with its count, then all the others at once', async () => {
    const { calls, fetchPage } = recordedHosts()
    const hosts = await queryAll(fetchPage, {}, { pageSize: PAGE })
    expect(uuids(hosts)).toEqual(uuids(allHosts))
    expect(new Set(hosts.map((h) => h.uuid)).size).toBe(hosts.length)

    expect(calls).toHaveLength(pagesOf(allHosts.length))
    expect(calls.map((c) => c.query.start)).toEqual(calls.map((_, i) => i * PAGE))
    expect(calls.every((c) => c.query.limit === PAGE)).toBe(true)
    expect(calls.map((c) => c.query.replyWithCount === true)).toEqual(calls.map((_, i) => i === 0))
    // Offsets only mean the same thing in every request if the order is fixed.
    expect(calls.every((c) => c.query.sort?.field === 'uuid' && c.query.sort.direction === 'asc')).toBe(true)
    const [first, ...rest] = calls
    for (const call of rest) expect(call.started).toBeGreaterThan(first!.ended!)
    const lastStart = Math.max(...rest.map((c) => c.started))
    for (const call of rest) expect(call.ended!).toBeGreaterThan(lastStart)
  })

  it('with an expected count asks for every page at once', async () => {
    const { calls, fetchPage } = recordedHosts()
    const hosts = await queryAll(fetchPage, {}, { pageSize: PAGE, expected: allHosts.length })
    expect(uuids(hosts)).toEqual(uuids(allHosts))
    expect(calls).toHaveLength(pagesOf(allHosts.length))
    const lastStart = Math.max(...calls.map((c) => c.started))
    for (const call of calls) expect(call.ended!).toBeGreaterThan(lastStart)
  })

  it('fetches what an expected count too low left out, and copes with one too high', async () => {
    const low = recordedHosts()
    expect(uuids(await queryAll(low.fetchPage, {}, { pageSize: PAGE, expected: PAGE + 1 }))).toEqual(
      uuids(allHosts)
    )
    expect(low.calls).toHaveLength(pagesOf(allHosts.length))
    const high = recordedHosts()
    const expected = allHosts.length + 3 * PAGE
    expect(uuids(await queryAll(high.fetchPage, {}, { pageSize: PAGE, expected }))).toEqual(uuids(allHosts))
    expect(high.calls).toHaveLength(pagesOf(expected))
  })

  it("applies the caller's conditions to every page", async () => {
    const zoneUuid = allHosts[0]!.zoneUuid
    const inZone = allHosts.filter((h) => h.zoneUuid === zoneUuid)
    expect(inZone.length).toBeLessThan(allHosts.length)
    const { calls, fetchPage } = recordedHosts()
    const hosts = await queryAll(
      fetchPage,
      { conditions: [{ field: 'zoneUuid', op: '=', value: zoneUuid }] },
      {
        pageSize: PAGE
      }
    )
    expect(uuids(hosts)).toEqual(uuids(inZone))
    expect(calls).toHaveLength(pagesOf(inZone.length))
    for (const call of calls)
      expect(call.query.conditions).toEqual([{ field: 'zoneUuid', op: '=', value: zoneUuid }])
  })

  it('reads on until a short page when the server gives no count', async () => {
    const { calls, fetchPage } = recordedHosts(({ items }) => ({ items }))
    const hosts = await queryAll(fetchPage, {}, { pageSize: PAGE })
    expect(uuids(hosts)).toEqual(uuids(allHosts))
    // One page after another, the last one short (or empty when the rows fill whole pages).
    expect(calls).toHaveLength(Math.floor(allHosts.length / PAGE) + 1)
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.started).toBeGreaterThan(calls[i - 1]!.ended!)
  })

  it('keeps a row once when it shows up on two pages (a row added while paging shifts the offsets)', async () => {
    const shifted = async (query: ResourceQuery): Promise<Page<HostInventory>> =>
      client.queryHosts(
        session,
        query.start === PAGE ? { ...query, start: PAGE - 1, limit: PAGE + 1 } : query
      )
    const hosts = await queryAll(shifted, {}, { pageSize: PAGE })
    expect(uuids(hosts)).toEqual(uuids(allHosts))
  })

  it('refuses a page size below 1', async () => {
    await expect(queryAll(recordedHosts().fetchPage, {}, { pageSize: 0 })).rejects.toThrow(RangeError)
  })
})
