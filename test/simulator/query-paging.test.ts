// limit/start/count/replyWithCount/sort/fields, the /{uuid} forms, schema, ignored parameters, 404 and 405.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator, type VmInventory } from '../../src/simulator'
import { call, logIn, query } from './sim-client'

const USER_VMS = 1100
let sim: RunningSimulator
let session: string
let appliances: number

beforeAll(async () => {
  sim = await startSimulator({ vms: USER_VMS })
  session = await logIn(sim.url)
  appliances = sim.findVms((vm) => vm.type === 'ApplianceVm').length
})
afterAll(() => sim.stop())

const get = (path: string) => call(sim.url, 'GET', path, { session })
const inventories = (result: { json: unknown }): VmInventory[] =>
  (result.json as { inventories: VmInventory[] }).inventories

describe('paging', () => {
  it('returns at most 1000 by default', async () => {
    const result = await get('/zstack/v1/vm-instances?replyWithCount=true')
    expect(inventories(result)).toHaveLength(1000)
    expect((result.json as { total: number }).total).toBe(USER_VMS + appliances)
  })

  it('limit and start page through a stable order', async () => {
    const first = await query<VmInventory>(sim.url, session, '/zstack/v1/vm-instances?sort=%2Bname&limit=10')
    const second = await query<VmInventory>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?sort=%2Bname&limit=10&start=10'
    )
    const both = await query<VmInventory>(sim.url, session, '/zstack/v1/vm-instances?sort=%2Bname&limit=20')
    expect(first).toHaveLength(10)
    expect([...first, ...second].map((vm) => vm.uuid)).toEqual(both.map((vm) => vm.uuid))
    const empty = await query<VmInventory>(sim.url, session, '/zstack/v1/vm-instances?limit=0')
    expect(empty).toEqual([])
  })

  it('count=true answers only the total', async () => {
    const result = await get('/zstack/v1/vm-instances?count=true&q=type=UserVm')
    expect(result.json).toEqual({ total: USER_VMS })
  })

  it('replyWithCount=true adds the total of all matches, not of the page', async () => {
    const result = await get('/zstack/v1/vm-instances?q=type=ApplianceVm&limit=2&replyWithCount=true')
    expect(inventories(result)).toHaveLength(2)
    expect((result.json as { total: number }).total).toBe(appliances)
  })

  it.each([
    ['a negative limit', 'limit=-1'],
    ['a word for limit', 'limit=ten'],
    ['a fractional start', 'start=1.5'],
    ['a negative start', 'start=-3'],
    ['an unknown sort field', 'sort=-nosuch'],
    ['sorting by a list', 'sort=-vmNics'],
    // A nested inventory's field filters (q=vmNics.ip=...) but does not sort.
    ['sorting by a nested field', 'sort=%2BvmNics.ip'],
    ['sorting by a joined field', 'sort=-host.name']
  ])('answers 400 plain text for %s', async (_case, params) => {
    const result = await get(`/zstack/v1/vm-instances?${params}`)
    expect(result.status).toBe(400)
    expect(result.json).toBeUndefined()
  })
})

describe('sort', () => {
  it('-field sorts descending by number', async () => {
    const found = await query<VmInventory>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?sort=-memorySize&limit=200'
    )
    const sizes = found.map((vm) => vm.memorySize)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    expect(sizes[0]).toBeGreaterThan(sizes[sizes.length - 1]!)
  })

  it('+field sorts ascending; dates sort by time, and a raw + (a space once decoded) works too', async () => {
    const found = await query<VmInventory>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?sort=+createDate&limit=300'
    )
    const times = found.map((vm) => new Date(`${vm.createDate} UTC`).getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const encoded = await query<VmInventory>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?sort=%2BcreateDate&limit=300'
    )
    expect(encoded.map((vm) => vm.uuid)).toEqual(found.map((vm) => vm.uuid))
  })

  it('sorts by hostUuid: stopped VMs (no host) first when ascending, as MySQL puts NULL, then by uuid', async () => {
    const found = await query<VmInventory>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?sort=%2BhostUuid&limit=1000'
    )
    const hosts = found.map((vm) => vm.hostUuid ?? '')
    expect(hosts).toEqual([...hosts].sort())
    expect(hosts[0]).toBe('')
    expect(new Set(hosts).size).toBeGreaterThan(2)
  })

  it('filters, sorts and pages together', async () => {
    const result = await get(
      `/zstack/v1/vm-instances?q=state=Running&q=name~=${encodeURIComponent('web%')}&sort=-memorySize&limit=100&replyWithCount=true`
    )
    const page = inventories(result)
    const expected = sim
      .findVms((vm) => vm.state === 'Running' && vm.name.toLowerCase().startsWith('web'))
      .sort((a, b) => b.memorySize - a.memorySize)
    expect((result.json as { total: number }).total).toBe(expected.length)
    expect(page).toHaveLength(Math.min(100, expected.length))
    expect(page.map((vm) => vm.memorySize)).toEqual(expected.slice(0, 100).map((vm) => vm.memorySize))
  })
})

describe('fields', () => {
  it('projects the listed top-level fields only', async () => {
    const found = await query<Record<string, unknown>>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?fields=uuid,name&limit=5'
    )
    expect(found).toHaveLength(5)
    for (const vm of found) expect(Object.keys(vm).sort()).toEqual(['name', 'uuid'])
  })

  it('honours only the first fields parameter', async () => {
    const found = await query<Record<string, unknown>>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?fields=uuid&fields=name&limit=3'
    )
    for (const vm of found) expect(Object.keys(vm)).toEqual(['uuid'])
  })

  it('returns nested lists when asked', async () => {
    const found = await query<Record<string, unknown>>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?fields=uuid,vmNics&limit=3'
    )
    for (const vm of found) expect(Array.isArray(vm.vmNics)).toBe(true)
  })
})

describe('ignored parameters', () => {
  it('ignores sortBy, sortDirection, condition and conditions', async () => {
    const plain = await query<VmInventory>(sim.url, session, '/zstack/v1/vm-instances?limit=20')
    const noisy = await query<VmInventory>(
      sim.url,
      session,
      '/zstack/v1/vm-instances?limit=20&sortBy=name&sortDirection=desc&condition=name%3Dx&conditions=state%3DStopped'
    )
    expect(noisy.map((vm) => vm.uuid)).toEqual(plain.map((vm) => vm.uuid))
  })
})

describe('schema and /{uuid} forms', () => {
  it.each(['vm-instances', 'hosts', 'zones', 'clusters', 'primary-storage'])(
    '/%s answers inventories with a schema, and /{uuid} one or none',
    async (endpoint) => {
      const list = await get(`/zstack/v1/${endpoint}?limit=3`)
      expect(list.status).toBe(200)
      const body = list.json as { inventories: { uuid: string }[]; schema: Record<string, string> }
      expect(body.inventories.length).toBeGreaterThan(0)
      expect(Object.keys(body.schema).length).toBeGreaterThan(0)
      const first = body.inventories[0]!
      const one = await get(`/zstack/v1/${endpoint}/${first.uuid}`)
      expect(one.status).toBe(200)
      expect((one.json as { inventories: unknown[] }).inventories).toEqual([first])
      expect((one.json as { schema: unknown }).schema).toBeDefined()
      const none = await get(`/zstack/v1/${endpoint}/${'0'.repeat(32)}`)
      expect(none.status).toBe(200)
      expect((none.json as { inventories: unknown[] }).inventories).toEqual([])
    }
  )

  it('names the nested inventory classes for VMs, one key per element', async () => {
    const result = await get('/zstack/v1/vm-instances?limit=1')
    const schema = (result.json as { schema: Record<string, string> }).schema
    expect(schema['inventories[0]']).toBe('org.zstack.header.vm.VmInstanceInventory')
    expect(schema['inventories[0].vmNics[0]']).toBe('org.zstack.header.vm.VmNicInventory')
    expect(schema['inventories[0].vmNics[0].usedIps[0]']).toBe('org.zstack.header.network.l3.UsedIpInventory')
    expect(schema['inventories[0].allVolumes[0]']).toBe('org.zstack.header.volume.VolumeInventory')
  })
})

describe('routing', () => {
  it('answers 404 plain text for unknown paths', async () => {
    for (const path of [
      '/zstack/v1/nothing',
      '/zstack/v1/vm-instances/a/b/c',
      '/other',
      '/zstack/v2/zones'
    ]) {
      const result = await get(path)
      expect(result.status, path).toBe(404)
      expect(result.json).toBeUndefined()
    }
  })

  it('answers 405 plain text for a wrong verb on a known path', async () => {
    const post = await call(sim.url, 'POST', '/zstack/v1/vm-instances', { session, body: { params: {} } })
    expect(post.status).toBe(405)
    const get = await call(sim.url, 'GET', '/zstack/v1/accounts/login')
    expect(get.status).toBe(405)
    const del = await call(sim.url, 'DELETE', `/zstack/v1/vm-instances/${'0'.repeat(32)}/actions`, {
      session
    })
    expect(del.status).toBe(405)
  })
})
