// What a real 5.2 node does that a client must meet: schema per element, no nulls, the node's zone, its fields,
// sessionless getVersion, permission denials, and the faults a network really produces.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { call, errorOf, jobPathOf, logIn, sha512, vmAction, waitForJob, type HttpResult } from './sim-client'

let sim: RunningSimulator
let session: string

beforeAll(async () => {
  sim = await startSimulator({ vms: 80, migrationDurationMs: 50, actionDurationMs: 50 })
  session = await logIn(sim.url)
})
afterAll(() => sim.stop())

const get = (path: string, headers?: Record<string, string>): Promise<HttpResult> =>
  call(sim.url, 'GET', path, { session, headers })

type Json = Record<string, unknown>
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The value a schema key such as `inventories[0].vmNics[1]` points at, or undefined. */
function resolve(root: Json, path: string): unknown {
  let current: unknown = root
  for (const step of path.split('.')) {
    const match = /^(\w+)(?:\[(\d+)\])?$/.exec(step)
    if (!match || !isRecord(current)) return undefined
    current = current[match[1]!]
    if (match[2] !== undefined) current = Array.isArray(current) ? current[Number(match[2])] : undefined
  }
  return current
}

/** Every path holding an inventory, by the lists known to hold them. */
function inventoryPaths(value: Json, path: string, out: string[] = []): string[] {
  out.push(path)
  for (const key of ['vmNics', 'allVolumes', 'vmCdRoms', 'usedIps', 'ipRanges']) {
    const list = value[key]
    if (Array.isArray(list))
      list.forEach((item, i) => inventoryPaths(item as Json, `${path}.${key}[${i}]`, out))
  }
  return out
}

/** The class an element must have, judged from the element itself. */
function expectedClass(element: Json, path: string, endpoint: string): string {
  const last = /(\w+)\[\d+\]$/.exec(path)?.[1]
  if (last === 'vmNics') return 'org.zstack.header.vm.VmNicInventory'
  if (last === 'usedIps') return 'org.zstack.header.network.l3.UsedIpInventory'
  if (last === 'allVolumes') return 'org.zstack.header.volume.VolumeInventory'
  if (last === 'vmCdRoms') return 'org.zstack.header.vm.cdrom.VmCdRomInventory'
  if (last === 'ipRanges') return 'org.zstack.header.network.l3.IpRangeInventory'
  switch (endpoint) {
    case 'vm-instances':
      return 'org.zstack.header.vm.VmInstanceInventory'
    case 'hosts':
      // A projected reply (fields=uuid,name) may lack the hypervisor: the simulator's own record has it.
      return (element.hypervisorType ?? sim.host(String(element.uuid))?.hypervisorType) === 'KVM'
        ? 'org.zstack.kvm.KVMHostInventory'
        : 'org.zstack.vmware.ESXHostInventory'
    case 'zones':
      return 'org.zstack.header.zone.ZoneInventory'
    case 'clusters':
      return 'org.zstack.header.cluster.ClusterInventory'
    case 'l3-networks':
      return 'org.zstack.header.network.l3.L3NetworkInventory'
    default:
      return 'org.zstack.header.storage.primary.PrimaryStorageInventory'
  }
}

function checkSchema(reply: Json, endpoint: string): void {
  const schema = reply.schema
  expect(isRecord(schema), 'schema is an object').toBe(true)
  const inventories = reply.inventories as Json[]
  const wanted = inventories.flatMap((inventory, i) => inventoryPaths(inventory, `inventories[${i}]`))
  expect(Object.keys(schema as Json).sort()).toEqual(wanted.sort())
  for (const [path, className] of Object.entries(schema as Json)) {
    const element = resolve(reply, path)
    expect(isRecord(element), `${path} is an object`).toBe(true)
    expect(className, path).toBe(expectedClass(element as Json, path, endpoint))
  }
}

describe('schema, as a real node writes it', () => {
  const ENDPOINTS = ['vm-instances', 'hosts', 'zones', 'clusters', 'primary-storage', 'l3-networks']
  const QUERIES = [
    '',
    '?limit=3',
    '?start=5&limit=4&sort=-name',
    '?fields=uuid,name',
    '?q=name=nothing-at-all'
  ]

  it.each(ENDPOINTS)(
    '%s: every query reply maps each element to its class, {} for an empty list',
    async (endpoint) => {
      for (const query of QUERIES) {
        const result = await get(`/zstack/v1/${endpoint}${query}`)
        expect(result.status, query).toBe(200)
        const reply = result.json as Json
        checkSchema(reply, endpoint)
        if ((reply.inventories as unknown[]).length === 0) expect(reply.schema).toEqual({})
      }
      const first = ((await get(`/zstack/v1/${endpoint}?limit=1`)).json as { inventories: Json[] })
        .inventories[0]!
      checkSchema((await get(`/zstack/v1/${endpoint}/${String(first.uuid)}`)).json as Json, endpoint)
    }
  )

  it('names hosts by hypervisor: KVM and ESX', async () => {
    const schema = ((await get('/zstack/v1/hosts')).json as { schema: Json }).schema
    const classes = new Set(Object.values(schema))
    expect(classes).toEqual(
      new Set(['org.zstack.kvm.KVMHostInventory', 'org.zstack.vmware.ESXHostInventory'])
    )
  })

  it('comes on any reply when the request carries X-JSON-Schema: true', async () => {
    const withSchema = { 'X-JSON-Schema': 'true' }
    const login = await call(sim.url, 'PUT', '/zstack/v1/accounts/login', {
      body: { logInByAccount: { accountName: 'admin', password: sha512('password') } },
      headers: withSchema
    })
    expect((login.json as Json).schema).toEqual({ inventory: 'org.zstack.header.identity.SessionInventory' })
    const version = await call(sim.url, 'PUT', '/zstack/v1/management-nodes/actions', {
      body: { getVersion: {} },
      headers: withSchema
    })
    expect(version.json).toEqual({ version: '5.2.1', schema: {} })
    const vm = sim.findVms((candidate) => candidate.state === 'Running' && candidate.type === 'UserVm')[0]!
    const targets = await get(`/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`, withSchema)
    checkSchema(targets.json as Json, 'hosts')
    const accepted = await vmAction(sim.url, session, vm.uuid, { rebootVmInstance: {} })
    const path = jobPathOf(accepted)
    let done = await call(sim.url, 'GET', path, { headers: withSchema })
    await expect
      .poll(async () => (done = await call(sim.url, 'GET', path, { headers: withSchema })).status)
      .toBe(200)
    const body = done.json as { inventory: Json; schema: Json }
    expect(Object.keys(body.schema).sort()).toEqual(inventoryPaths(body.inventory, 'inventory').sort())
    expect(body.schema.inventory).toBe('org.zstack.header.vm.VmInstanceInventory')
    // Without the header only queries carry one.
    expect((await call(sim.url, 'GET', path)).json).not.toHaveProperty('schema')
  })
})

describe('absent values', () => {
  it('are omitted, never null, in every VM, host and storage reply', async () => {
    for (const endpoint of ['vm-instances', 'hosts', 'zones', 'clusters', 'primary-storage', 'l3-networks']) {
      const result = await get(`/zstack/v1/${endpoint}`)
      expect(result.text, endpoint).not.toMatch(/:null\b/)
    }
    const vms = ((await get('/zstack/v1/vm-instances')).json as { inventories: Json[] }).inventories
    const stopped = vms.filter((vm) => vm.state === 'Stopped')
    expect(stopped.length).toBeGreaterThan(0)
    for (const vm of stopped) expect(vm).not.toHaveProperty('hostUuid')
  })
})

describe('dates', () => {
  /** How far the node's wall clock in `createDate` is ahead of UTC, in hours. */
  async function loginOffsetHours(base: string): Promise<number> {
    const result = await call(base, 'PUT', '/zstack/v1/accounts/login', {
      body: { logInByAccount: { accountName: 'admin', password: sha512('password') } }
    })
    const createDate = (result.json as { inventory: { createDate: string } }).inventory.createDate
    const asUtc = Date.parse(`${createDate} UTC`)
    return Math.round((asUtc - Date.now()) / 3_600_000) + 0
  }

  it('are the node zone wall-clock time: Asia/Shanghai by default, any IANA zone by option', async () => {
    expect(await loginOffsetHours(sim.url)).toBe(8)
    const utc = await startSimulator({ vms: 5, timeZone: 'UTC' })
    try {
      expect(await loginOffsetHours(utc.url)).toBe(0)
    } finally {
      await utc.stop()
    }
  })

  it('refuses an unknown zone at start', async () => {
    await expect(startSimulator({ vms: 5, timeZone: 'Mars/Olympus' })).rejects.toThrow(/time zone/)
  })
})

describe('fields a real node sends', () => {
  it('session userType; NIC usedIps and type; volume attach fields and QoS; KVM host SSH, OS and IPMI', async () => {
    const login = await call(sim.url, 'PUT', '/zstack/v1/accounts/login', {
      body: { logInByAccount: { accountName: 'admin', password: sha512('password') } }
    })
    expect((login.json as { inventory: Json }).inventory.userType).toBe('AccountVO')
    const vms = ((await get('/zstack/v1/vm-instances?q=type=UserVm')).json as { inventories: Json[] })
      .inventories
    const nic = (vms[0]!.vmNics as Json[])[0]!
    expect(nic.type).toBe('VNIC')
    expect(nic.usedIps).toEqual([
      expect.objectContaining({ uuid: nic.usedIpUuid, ip: nic.ip, vmNicUuid: nic.uuid })
    ])
    const volumes = vms.flatMap((vm) => vm.allVolumes as Json[])
    for (const volume of volumes) expect(volume).toMatchObject({ lastAttachDate: expect.any(String) })
    expect(volumes.some((volume) => typeof volume.volumeQos === 'string')).toBe(true)
    const hosts = (
      (await get('/zstack/v1/hosts?q=hypervisorType=KVM&limit=1')).json as { inventories: Json[] }
    ).inventories
    expect(hosts[0]).toMatchObject({
      username: 'root',
      sshPort: 22,
      osDistribution: expect.any(String),
      osRelease: expect.any(String),
      osVersion: expect.any(String),
      ipmiAddress: expect.any(String),
      ipmiPort: 623
    })
    const storage = ((await get('/zstack/v1/primary-storage?limit=1')).json as { inventories: Json[] })
      .inventories
    expect(storage[0]).toMatchObject({
      uuid: expect.any(String),
      type: expect.any(String),
      status: expect.any(String),
      totalCapacity: expect.any(Number),
      availableCapacity: expect.any(Number),
      attachedClusterUuids: expect.any(Array)
    })
  })

  it('every NIC names an L3 network the node lists, by name, with the range its address and used IP come from', async () => {
    const vms = (
      (await get('/zstack/v1/vm-instances?q=type=UserVm&limit=20')).json as { inventories: Json[] }
    ).inventories
    const l3s = ((await get('/zstack/v1/l3-networks')).json as { inventories: Json[] }).inventories
    const byUuid = new Map(l3s.map((l3) => [l3.uuid, l3]))
    for (const nic of vms.flatMap((vm) => vm.vmNics as Json[])) {
      const l3 = byUuid.get(nic.l3NetworkUuid)
      expect(l3, String(nic.l3NetworkUuid)).toMatchObject({
        name: expect.any(String),
        type: 'L3BasicNetwork',
        state: 'Enabled',
        l2NetworkUuid: expect.stringMatching(/^[0-9a-f]{32}$/)
      })
      const range = (l3!.ipRanges as Json[])[0]!
      expect(range.uuid).toBe((nic.usedIps as Json[])[0]!.ipRangeUuid)
      expect(range).toMatchObject({
        l3NetworkUuid: nic.l3NetworkUuid,
        gateway: nic.gateway,
        netmask: nic.netmask
      })
    }
    const one = l3s[0]!
    const named = await get(
      `/zstack/v1/l3-networks?q=name=${encodeURIComponent(String(one.name))}&fields=uuid,name`
    )
    expect((named.json as { inventories: Json[] }).inventories).toEqual([{ uuid: one.uuid, name: one.name }])
  })

  it('an error with a cause repeats the cause details at the top level', async () => {
    const stopped = sim.findVms((vm) => vm.state === 'Stopped' && vm.type === 'UserVm')[0]!
    const result = await get(`/zstack/v1/vm-instances/${stopped.uuid}/migration-target-hosts`)
    const error = errorOf(result)
    expect(error.code).toBe('VM.1008')
    expect(error.cause?.code).toBe('VM.1010')
    expect(error.details).toBe(error.cause?.details)
  })

  it('getVersion answers without a session', async () => {
    const result = await call(sim.url, 'PUT', '/zstack/v1/management-nodes/actions', {
      body: { getVersion: {} }
    })
    expect(result.status).toBe(200)
    expect(result.json).toEqual({ version: '5.2.1' })
  })
})

describe('permissions', () => {
  it('a denied query answers 503 ID.1002; the others still answer; set by option and by control endpoint', async () => {
    sim.setOptions({ deniedQueries: ['primary-storage'] })
    try {
      const denied = await get('/zstack/v1/primary-storage')
      expect(denied.status).toBe(503)
      expect(errorOf(denied).code).toBe('ID.1002')
      expect((await get('/zstack/v1/hosts')).status).toBe(200)
      const control = await call(sim.url, 'POST', '/_sim/options', { body: { deniedQueries: ['hosts'] } })
      expect(control.status).toBe(200)
      expect(errorOf(await get('/zstack/v1/hosts?limit=1')).code).toBe('ID.1002')
      expect((await get('/zstack/v1/primary-storage')).status).toBe(200)
      const bad = await call(sim.url, 'POST', '/_sim/options', { body: { deniedQueries: ['nothing'] } })
      expect(bad.status).toBe(400)
    } finally {
      sim.setOptions({ deniedQueries: [] })
    }
    expect((await get('/zstack/v1/hosts?limit=1')).status).toBe(200)
  })

  it('the CLI takes --deny-queries and --time-zone', async () => {
    const cli = fileURLToPath(new URL('../../src/simulator/cli.ts', import.meta.url))
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        '--port',
        '0',
        '--vms',
        '10',
        '--deny-queries',
        'primary-storage',
        '--time-zone',
        'UTC'
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    try {
      await expect
        .poll(() => /(http:\/\/127\.0\.0\.1:\d+)\/zstack/.exec(stdout)?.[1], { timeout: 20_000 })
        .toBeTruthy()
      const base = /(http:\/\/127\.0\.0\.1:\d+)\/zstack/.exec(stdout)![1]!
      const own = await logIn(base)
      const denied = await call(base, 'GET', '/zstack/v1/primary-storage', { session: own })
      expect(errorOf(denied).code).toBe('ID.1002')
      expect((await call(base, 'GET', '/zstack/v1/zones', { session: own })).status).toBe(200)
    } finally {
      const exited = new Promise((done) => child.once('exit', done))
      child.kill('SIGTERM')
      await exited
    }
  })
})

describe('faults on a poll', () => {
  it('are the shapes a network gives (504/502 HTML, drop, cut reply); a 503 JSON never passes by', async () => {
    const vm = sim.findVms((candidate) => candidate.state === 'Running' && candidate.type === 'UserVm')[1]!
    const accepted = await vmAction(sim.url, session, vm.uuid, { rebootVmInstance: {} })
    const path = jobPathOf(accepted)
    sim.injectFaults({ kind: 'error503', count: 1, pathIncludes: '/api-jobs/' })
    const proxied = await call(sim.url, 'GET', path)
    expect(proxied.status).toBe(504)
    expect(proxied.json).toBeUndefined()
    sim.injectFaults({ kind: 'html504', count: 1, pathIncludes: '/api-jobs/' })
    expect((await call(sim.url, 'GET', path)).status).toBe(504)
    // The job's own answer is untouched by the faults.
    expect((await waitForJob(sim.url, session, path)).status).toBe(200)
  })
})
