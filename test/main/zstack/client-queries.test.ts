// The client's sessions, queries and error mapping, over real HTTP against the simulator.
import { createHash } from 'node:crypto'
import { createServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator, type VmInventory as SimVm } from '../../../src/simulator'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import { failureOf } from './support/failure-of'
import type { ZStackClient } from '../../../src/main/zstack/client-types'
import { startFrontServer, type FrontServer } from './support/front-server'
import { startForwardProxy } from './support/forward-proxy'
import { profileFor } from './support/profiles'

let sim: RunningSimulator
let client: ZStackClient
let session: string
let front: FrontServer
let viaFront: ZStackClient

const sha512 = (text: string): string => createHash('sha512').update(text).digest('hex')

const userVms = (pred: (vm: SimVm) => boolean = () => true): SimVm[] =>
  sim.findVms((vm) => vm.type === 'UserVm' && pred(vm))

beforeAll(async () => {
  sim = await startSimulator({ vms: 120, seed: 7 })
  client = createZStackClient(profileFor(sim.url), { appVersion: '1.2.3' })
  session = (await client.login('admin', 'password')).sessionUuid
  front = await startFrontServer({ target: sim.url })
  viaFront = createZStackClient(profileFor(front.url), { appVersion: '1.2.3' })
})

afterAll(async () => {
  await front?.close()
  await sim?.stop()
})

describe('sessions', () => {
  it('logs in with the SHA-512 hex of the password, no Authorization header, and the Desk User-Agent', async () => {
    const result = await viaFront.login('admin', 'password')
    expect(result.sessionUuid).toMatch(/^[0-9a-f]{32}$/)
    expect(typeof result.expiredDate).toBe('string')
    const login = front.requests.find((r) => r.url === '/zstack/v1/accounts/login')
    expect(login?.method).toBe('PUT')
    expect(JSON.parse(login?.body ?? '')).toEqual({
      logInByAccount: { accountName: 'admin', password: sha512('password') }
    })
    expect(login?.body).not.toContain('"password":"password"')
    expect(login?.headers.authorization).toBeUndefined()
    expect(login?.headers['user-agent']).toBe('ZStack-Desk/1.2.3')

    await viaFront.queryZones(result.sessionUuid)
    const query = front.requests.find((r) => r.url.startsWith('/zstack/v1/zones'))
    expect(query?.headers.authorization).toBe(`OAuth ${result.sessionUuid}`)
  })

  it('maps a wrong password to ZSTACK ID.1000 without echoing the password or its hash', async () => {
    const error = await failureOf(client.login('admin', 'wrong-password'))
    expect(error.code).toBe('ZSTACK')
    expect(error.zstack?.code).toBe('ID.1000')
    expect(error.httpStatus).toBe(503)
    expect(error.kind).toBe('zstackBadCredentials')
    expect(error.params).toEqual({ zstackCode: 'ID.1000' })
    expect(error.zstack?.description).toMatch(/Authentication failed/)
    const text = JSON.stringify(error)
    expect(text).not.toContain('wrong-password')
    expect(text).not.toContain(sha512('wrong-password'))
  })

  it('reads the version and validates a session', async () => {
    expect(await client.getVersion()).toEqual({ kind: 'zstack', version: '5.2.1' })
    expect(await client.validateSession(session)).toBe(true)
    expect(await client.validateSession('0'.repeat(32))).toBe(false)
  })

  it('logs out: the session is no longer valid and using it is SESSION_EXPIRED, with no session id in the error', async () => {
    const { sessionUuid } = await client.login('admin', 'password')
    await client.logout(sessionUuid)
    expect(await client.validateSession(sessionUuid)).toBe(false)
    const error = await failureOf(client.queryZones(sessionUuid))
    expect(error.code).toBe('SESSION_EXPIRED')
    expect(error.zstack?.code).toBe('ID.1001')
    expect(error.kind).toBe('sessionEnded')
    expect(JSON.stringify(error)).not.toContain(sessionUuid)
  })
})

describe('VM queries', () => {
  it('finds a name with % and _ literally, not as wildcards', async () => {
    const page = await client.queryVms(session, { search: '50%_off', start: 0, limit: 50 })
    expect(page.items.map((vm) => vm.name)).toEqual(['promo_50%_off'])
    // Unescaped, `%50%_off%` would also match promo-500-offline.
    expect(userVms((vm) => vm.name === 'promo-500-offline')).toHaveLength(1)
    const backup = await client.queryVms(session, { search: 'db_backup', start: 0, limit: 50 })
    expect(backup.items.map((vm) => vm.name)).toEqual(['db_backup_01'])
  })

  it('searches by IP address and IP prefix through vmNics.ip', async () => {
    const target = userVms((vm) => (vm.vmNics?.length ?? 0) > 0)[3] as SimVm
    const ip = target.vmNics?.[0]?.ip as string
    const exact = await client.queryVms(session, { search: ip, start: 0, limit: 50 })
    expect(exact.items.map((vm) => vm.uuid)).toContain(target.uuid)
    // Exact (issue 18.5): every VM found has that very address, none one that merely starts with it.
    for (const vm of exact.items) expect(vm.vmNics?.some((nic) => nic.ip === ip)).toBe(true)
    const startsWith = await client.queryVms(session, {
      search: `${ip}*`,
      start: 0,
      limit: 1000,
      replyWithCount: true
    })
    expect(startsWith.total).toBe(
      userVms((vm) => vm.vmNics?.some((nic) => nic.ip?.startsWith(ip)) ?? false).length
    )

    const prefix = ip.split('.').slice(0, 2).join('.') + '.'
    const byPrefix = await client.queryVms(session, {
      search: prefix,
      start: 0,
      limit: 1000,
      replyWithCount: true
    })
    const expected = userVms((vm) => vm.vmNics?.some((nic) => nic.ip?.startsWith(prefix)) ?? false)
    expect(byPrefix.total).toBe(expected.length)
    expect(byPrefix.items.length).toBeGreaterThan(1)
  })

  it('searches by full UUID and by UUID prefix', async () => {
    const target = userVms()[10] as SimVm
    const exact = await client.queryVms(session, { search: target.uuid.toUpperCase(), start: 0, limit: 10 })
    expect(exact.items.map((vm) => vm.uuid)).toEqual([target.uuid])
    const prefix = target.uuid.slice(0, 10)
    const byPrefix = await client.queryVms(session, { search: prefix, start: 0, limit: 10 })
    expect(byPrefix.items.map((vm) => vm.uuid)).toContain(target.uuid)
    for (const vm of byPrefix.items) expect(vm.uuid.startsWith(prefix)).toBe(true)
  })

  it('sends &, =, spaces and non-ASCII intact', async () => {
    const search = 'a&b=c d 云主机'
    const page = await viaFront.queryVms(session, { search, start: 0, limit: 10 })
    expect(page.items).toEqual([])
    const request = front.requests.filter((r) => r.url.startsWith('/zstack/v1/vm-instances?')).at(-1)
    const params = new URL(request?.url ?? '', 'http://x').searchParams
    expect(params.getAll('q')).toEqual(['type=UserVm', `name~=%${search}%`])

    const zones = await client.queryZones(session, {
      conditions: [{ field: 'description', op: '=', value: 'Beijing Yizhuang data centre' }]
    })
    expect(zones.items.map((zone) => zone.name)).toEqual(['zone-beijing'])
  })

  it('filters by states, zone, cluster and host, and hides appliance VMs unless asked', async () => {
    const states = await client.queryVms(session, {
      states: ['Stopped', 'Paused'],
      start: 0,
      limit: 1000,
      replyWithCount: true
    })
    expect(states.total).toBe(userVms((vm) => vm.state === 'Stopped' || vm.state === 'Paused').length)
    expect(new Set(states.items.map((vm) => vm.state))).toEqual(new Set(['Stopped', 'Paused']))

    const sample = userVms((vm) => !!vm.hostUuid)[0] as SimVm
    for (const key of ['zoneUuid', 'clusterUuid', 'hostUuid'] as const) {
      const page = await client.queryVms(session, {
        [key]: sample[key] as string,
        start: 0,
        limit: 1000,
        replyWithCount: true
      })
      expect(page.total).toBe(userVms((vm) => vm[key] === sample[key]).length)
      for (const vm of page.items) expect(vm[key]).toBe(sample[key])
    }

    const users = await client.queryVms(session, { start: 0, limit: 0, replyWithCount: true })
    const all = await client.queryVms(session, {
      includeAppliance: true,
      start: 0,
      limit: 1000,
      replyWithCount: true
    })
    expect(users.total).toBe(userVms().length)
    expect(all.total).toBe(sim.findVms(() => true).length)
    expect(all.items.some((vm) => vm.type === 'ApplianceVm')).toBe(true)
  })

  it('sorts, projects fields, counts and pages on the server', async () => {
    const byMemory = await client.queryVms(session, {
      start: 0,
      limit: 30,
      sort: { field: 'memorySize', direction: 'desc' },
      fields: ['uuid', 'name', 'memorySize']
    })
    const sizes = byMemory.items.map((vm) => vm.memorySize)
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    for (const vm of byMemory.items) expect(Object.keys(vm).sort()).toEqual(['memorySize', 'name', 'uuid'])
    expect(byMemory.total).toBeUndefined()

    const sort = { field: 'name' as const, direction: 'asc' as const }
    const ten = await client.queryVms(session, { start: 0, limit: 10, sort, replyWithCount: true })
    const first = await client.queryVms(session, { start: 0, limit: 5, sort })
    const second = await client.queryVms(session, { start: 5, limit: 5, sort })
    expect([...first.items, ...second.items].map((vm) => vm.uuid)).toEqual(ten.items.map((vm) => vm.uuid))
    expect(ten.total).toBe(userVms().length)
    const names = ten.items.map((vm) => vm.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
  })

  it('gets one VM by uuid, undefined for an unknown one, and refuses a malformed id without a request', async () => {
    const target = userVms()[0] as SimVm
    const vm = await client.getVm(session, target.uuid)
    expect(vm?.uuid).toBe(target.uuid)
    expect(vm?.vmNics?.length).toBe(target.vmNics?.length)
    expect(await client.getVm(session, 'f'.repeat(32))).toBeUndefined()
    const before = sim.stats().requests
    const error = await failureOf(client.getVm(session, '../hosts'))
    expect(error.code).toBe('INVALID_INPUT')
    expect(sim.stats().requests).toBe(before)
  })
})

describe('topology and candidates', () => {
  it('queries hosts, zones, clusters and primary storage', async () => {
    const [hosts, zones, clusters, storage] = await Promise.all([
      client.queryHosts(session, { replyWithCount: true }),
      client.queryZones(session),
      client.queryClusters(session),
      client.queryPrimaryStorage(session)
    ])
    expect(zones.items.map((z) => z.name).sort()).toEqual(['zone-beijing', 'zone-shanghai'])
    expect(clusters.items.every((c) => zones.items.some((z) => z.uuid === c.zoneUuid))).toBe(true)
    expect(hosts.total).toBe(hosts.items.length)
    expect(hosts.items.every((h) => clusters.items.some((c) => c.uuid === h.clusterUuid))).toBe(true)
    expect(storage.items.map((ps) => ps.type)).toContain('Ceph')

    const cluster = clusters.items.find((c) => c.name === 'cluster-prod-a')
    const inCluster = await client.queryHosts(session, {
      conditions: [{ field: 'clusterUuid', op: '=', value: cluster?.uuid as string }],
      sort: { field: 'name', direction: 'asc' }
    })
    expect(inCluster.items.length).toBeGreaterThan(0)
    expect(inCluster.items.every((h) => h.clusterUuid === cluster?.uuid)).toBe(true)
  })

  it('lists migration candidates without the current host, and maps a stopped VM to ZSTACK VM.1008', async () => {
    const running = userVms((vm) => vm.state === 'Running')[0] as SimVm
    const candidates = await client.getMigrationCandidates(session, running.uuid)
    expect(candidates.length).toBeGreaterThan(0)
    expect(candidates.map((h) => h.uuid)).not.toContain(running.hostUuid)

    const stopped = userVms((vm) => vm.state === 'Stopped')[0] as SimVm
    const error = await failureOf(client.getMigrationCandidates(session, stopped.uuid))
    expect(error.code).toBe('ZSTACK')
    expect(error.zstack?.code).toBe('VM.1008')
    expect(error.zstack?.cause?.code).toBe('VM.1010')
    expect(error.kind).toBe('zstackWrongState')
    expect(error.params).toEqual({ zstackCode: 'VM.1008' })
    expect(error.zstack?.description).toMatch(/Unable to migrate VM/)
    expect(error.details).toMatch(/Caused by VM\.1010/)
  })
})

describe('failures', () => {
  it('maps a plain-text 400 to HTTP with the status and the text', async () => {
    const error = await failureOf(
      client.queryHosts(session, { sort: { field: 'noSuchField', direction: 'asc' } })
    )
    expect(error.code).toBe('HTTP')
    expect(error.httpStatus).toBe(400)
    expect(error.kind).toBe('requestRejected')
    expect(error.params).toEqual({ status: 400 })
    expect(error.details).toMatch(/invalid sort field\[noSuchField\]/)
  })

  it('maps a 404 for a wrong context path to HTTP that points at the path', async () => {
    const wrongPath = profileFor(sim.url)
    wrongPath.endpoint.path = '/cloud/'
    const error = await failureOf(createZStackClient(wrongPath).queryZones('a'.repeat(32)))
    expect(error.code).toBe('HTTP')
    expect(error.httpStatus).toBe(404)
    expect(error.kind).toBe('nothingAtAddress')
    expect(error.params.address).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(error.details).toMatch(/\/cloud\/v1\/zones/)
  })

  it('getVersion says what answered: no API at a wrong context path, or a web page and its title', async () => {
    const wrongPath = profileFor(sim.url)
    wrongPath.endpoint.path = '/cloud/'
    expect(await createZStackClient(wrongPath).getVersion()).toEqual({ kind: 'no-api', httpStatus: 404 })
    sim.injectFaults({ kind: 'html502', count: 1, pathIncludes: '/management-nodes/' })
    expect(await client.getVersion()).toEqual({ kind: 'web-page', httpStatus: 502, title: '502 Bad Gateway' })
  })

  it('maps an HTML page from a proxy to HTTP with the page title', async () => {
    sim.injectFaults({ kind: 'html502', count: 1, pathIncludes: '/v1/zones' })
    const error = await failureOf(client.queryZones(session))
    expect(error.code).toBe('HTTP')
    expect(error.httpStatus).toBe(502)
    expect(error.kind).toBe('htmlPage')
    expect(error.params).toMatchObject({ status: 502 })
    expect(error.details).toBe('Page title: 502 Bad Gateway')
  })

  it('maps a cut-off JSON body on a 200 to HTTP, and a dropped connection to NETWORK', async () => {
    sim.injectFaults({ kind: 'truncate', count: 1, pathIncludes: '/v1/clusters' })
    const truncated = await failureOf(client.queryClusters(session))
    expect(truncated.code).toBe('HTTP')
    expect(truncated.httpStatus).toBe(200)
    expect(truncated.kind).toBe('brokenAnswer')
    expect(truncated.params).toMatchObject({ status: 200 })

    sim.injectFaults({ kind: 'drop', count: 1, pathIncludes: '/v1/clusters' })
    const dropped = await failureOf(client.queryClusters(session))
    expect(dropped.code).toBe('NETWORK')
    expect(dropped.kind).toBe('connectionClosed')
  })

  it('maps a slow answer to TIMEOUT with the limit in seconds', async () => {
    const impatient = createZStackClient(profileFor(sim.url, { timeoutMs: 300 }))
    sim.setOptions({ latencyMs: 1500 })
    try {
      const error = await failureOf(impatient.queryZones(session))
      expect(error.code).toBe('TIMEOUT')
      expect(error.kind).toBe('noAnswerInTime')
      expect(error.params.address).toMatch(/^127\.0\.0\.1:\d+$/)
      expect(error.params.seconds).toBe(0.3)
    } finally {
      sim.setOptions({ latencyMs: 0 })
    }
  })

  it('maps a closed port and an unknown host name to NETWORK with what to check', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer()
      server.listen(0, '127.0.0.1', () => {
        const free = (server.address() as AddressInfo).port
        server.close(() => resolve(free))
      })
    })
    const refused = await failureOf(createZStackClient(profileFor(`http://127.0.0.1:${port}`)).getVersion())
    expect(refused.code).toBe('NETWORK')
    expect(refused.kind).toBe('nothingAnswers')
    expect(refused.params).toEqual({ address: `127.0.0.1:${port}` })

    const unknown = profileFor(sim.url)
    unknown.endpoint.host = 'no-such-node.invalid'
    const dns = await failureOf(createZStackClient(unknown).getVersion())
    expect(dns.code).toBe('NETWORK')
    expect(dns.kind).toBe('nameNotResolved')
    expect(dns.params).toEqual({ host: 'no-such-node.invalid' })
  })
})

describe('proxy', () => {
  it("goes through the profile's proxy, and ignores HTTP_PROXY when the profile has none", async () => {
    const proxy = await startForwardProxy()
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy }
    try {
      const proxied = createZStackClient(profileFor(sim.url, { proxyUrl: proxy.url }))
      expect((await proxied.queryZones(session)).items).toHaveLength(2)
      expect(proxy.hits).toEqual([`GET ${sim.url}/zstack/v1/zones`])

      // A dead proxy in the environment must not reroute a profile that has no proxy.
      process.env.HTTP_PROXY = 'http://127.0.0.1:9'
      process.env.http_proxy = 'http://127.0.0.1:9'
      const direct = createZStackClient(profileFor(sim.url))
      expect((await direct.queryZones(session)).items).toHaveLength(2)
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
      await proxy.close()
    }
  })
})

describe('expired sessions', () => {
  it('maps ID.1001 to SESSION_EXPIRED after the server drops every session', async () => {
    const { sessionUuid } = await client.login('admin', 'password')
    sim.expireSessions()
    const error = await failureOf(client.queryVms(sessionUuid, { start: 0, limit: 1 }))
    expect(error.code).toBe('SESSION_EXPIRED')
    expect(error.httpStatus).toBe(503)
    expect(JSON.stringify(error)).not.toContain(sessionUuid)
    session = (await client.login('admin', 'password')).sessionUuid
  })
})
