import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator, VmInventory } from '../../../src/simulator'
import type { HostInventory } from '../../../src/shared/api'
import { createMemorySecretStore } from './support/memory-secret-store'
import {
  failure,
  removeDir,
  serverSaysValid,
  simulatorProfile,
  startDesk,
  unwrap,
  type DeskFixture
} from './support/desk-fixture'
import { parseStoredSession } from '../../../src/main/secrets/secret-store'
import { waitForState } from '../migrations/support'

// One simulator for the whole file: the built-in Demo cluster, also reached through a saved profile.
let f: DeskFixture
let sim: RunningSimulator
const store = createMemorySecretStore()
let profileId = ''

beforeAll(async () => {
  f = await startDesk({
    secretStore: store,
    demoSimulator: { vms: 60, migrationDurationMs: 300, actionDurationMs: 100 }
  })
})
afterAll(async () => {
  await f.dispose()
  removeDir(f.dataDir)
})

const runningVm = (pred: (vm: VmInventory) => boolean = () => true): VmInventory => {
  const vm = sim.findVms((v) => v.state === 'Running' && v.type === 'UserVm' && pred(v))[0]
  if (!vm) throw new Error('no running VM in the simulator')
  return vm
}

describe('DeskApi end to end through the guard, over the simulator', () => {
  it('getAppInfo', async () => {
    expect(unwrap(await f.api.getAppInfo())).toEqual({
      name: 'ZStack Desk',
      version: 'test',
      transport: 'web',
      platform: process.platform
    })
  })

  it('listProfiles before first use: only the Demo, its port not yet known', async () => {
    const listing = unwrap(await f.api.listProfiles())
    expect(listing.profiles).toEqual([
      expect.objectContaining({ id: 'demo', builtIn: 'demo', endpoint: expect.objectContaining({ port: 0 }) })
    ])
    expect(f.runtime.demo.running()).toBeUndefined()
  })

  it('getSessions starts the Demo on a loopback port and signs in to it by itself', async () => {
    const sessions = unwrap(await f.api.getSessions())
    expect(sessions).toEqual([
      expect.objectContaining({
        profileId: 'demo',
        status: 'signed-in',
        accountName: 'admin',
        storage: 'memory'
      })
    ])
    sim = f.runtime.demo.running()!
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const demo = unwrap(await f.api.listProfiles()).profiles[0]!
    expect(demo.endpoint.port).toBe(sim.port)
    expect(f.of('profiles:changed').at(-1)?.profiles[0]?.endpoint.port).toBe(sim.port)
    expect(store.entries.has('demo')).toBe(false)
    // A new user sees VMs at once.
    expect(unwrap(await f.api.queryVms({ profileId: 'demo', start: 0, limit: 10 })).items).toHaveLength(10)
  })

  it('saveProfile creates and edits; bad input and unknown ids are refused', async () => {
    const created = unwrap(
      await f.api.saveProfile({ ...simulatorProfile(sim, 'Second view'), folder: 'Lab' })
    )
    profileId = created.id
    expect(created).toMatchObject({ name: 'Second view', folder: 'Lab', endpoint: { port: sim.port } })
    const edited = unwrap(
      await f.api.saveProfile({ ...simulatorProfile(sim, 'Lab cloud'), id: profileId, color: '#00aa11' })
    )
    expect(edited).toMatchObject({ id: profileId, name: 'Lab cloud', color: '#00aa11' })
    expect(edited.folder).toBeUndefined()
    expect(
      f
        .of('profiles:changed')
        .at(-1)
        ?.profiles.map((p) => p.name)
    ).toEqual(['Demo cluster', 'Lab cloud'])
    const bad = failure(
      await f.api.saveProfile({
        ...simulatorProfile(sim),
        endpoint: { scheme: 'http', host: 'a b', port: 0, path: 'zstack' }
      })
    )
    expect(bad.code).toBe('INVALID_INPUT')
    expect(bad.issues?.map((i) => i.path)).toEqual(['endpoint.host', 'endpoint.port'])
    expect(failure(await f.api.saveProfile({ ...simulatorProfile(sim), id: 'no-such-profile' })).code).toBe(
      'NOT_FOUND'
    )
    expect(unwrap(await f.api.listProfiles()).profiles).toHaveLength(2)
  })

  it('testConnection reports version, latency and TLS mode, or the error without throwing', async () => {
    const good = unwrap(await f.api.testConnection({ profile: simulatorProfile(sim) }))
    expect(good).toMatchObject({ verdict: 'zstack', reachable: true, tls: 'plain-http', version: '5.2.1' })
    expect(good).not.toHaveProperty('error')
    expect(good.latencyMs).toBeGreaterThanOrEqual(0)
    const closed = unwrap(
      await f.api.testConnection({
        profile: {
          ...simulatorProfile(sim),
          endpoint: { scheme: 'http', host: '127.0.0.1', port: 9, path: 'zstack' }
        }
      })
    )
    expect(closed).toMatchObject({ verdict: 'failed', reachable: false, error: { code: 'NETWORK' } })
    const wrongPath = unwrap(
      await f.api.testConnection({
        profile: { ...simulatorProfile(sim), endpoint: { ...simulatorProfile(sim).endpoint, path: 'nope' } }
      })
    )
    // Something answered, but no ZStack API there: a verdict of its own, never green, no version.
    expect(wrongPath).toMatchObject({ verdict: 'wrong-path', reachable: true })
    expect(wrongPath).not.toHaveProperty('version')
    const tlsOnPlain = unwrap(
      await f.api.testConnection({
        profile: {
          ...simulatorProfile(sim),
          endpoint: { ...simulatorProfile(sim).endpoint, scheme: 'https' }
        }
      })
    )
    expect(tlsOnPlain.reachable).toBe(false)
    expect(tlsOnPlain.error).toBeDefined()
  })

  it('signIn and signOut, and NOT_SIGNED_IN / NOT_FOUND before that', async () => {
    expect(failure(await f.api.queryVms({ profileId, start: 0, limit: 5 }))).toMatchObject({
      code: 'NOT_SIGNED_IN',
      kind: 'signInFirst',
      params: { cluster: 'Lab cloud' }
    })
    expect(failure(await f.api.getVm({ profileId: 'nobody', vmUuid: 'a'.repeat(32) })).code).toBe('NOT_FOUND')
    expect(
      failure(
        await f.api.signIn({
          profileId: 'nobody',
          accountName: 'admin',
          password: 'x',
          rememberPassword: false
        })
      ).code
    ).toBe('NOT_FOUND')
    const state = unwrap(
      await f.api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: true })
    )
    expect(state).toMatchObject({
      profileId,
      status: 'signed-in',
      rememberPassword: true,
      storage: 'keychain'
    })
    const sessions = unwrap(await f.api.getSessions())
    expect(sessions.map((s) => [s.profileId, s.status])).toEqual([
      ['demo', 'signed-in'],
      [profileId, 'signed-in']
    ])
    const out = unwrap(await f.api.signOut({ profileId }))
    expect(out.status).toBe('signed-out')
    expect(store.entries.has(profileId)).toBe(false)
    unwrap(
      await f.api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: false })
    )
  })

  it('queryVms pages, filters and sorts on the server', async () => {
    const page = unwrap(
      await f.api.queryVms({
        profileId,
        start: 0,
        limit: 7,
        states: ['Running'],
        sort: { field: 'name', direction: 'asc' },
        replyWithCount: true
      })
    )
    expect(page.items).toHaveLength(7)
    expect(page.items.every((vm) => vm.state === 'Running' && vm.type === 'UserVm')).toBe(true)
    const names = page.items.map((vm) => vm.name)
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(page.total).toBe(sim.findVms((vm) => vm.state === 'Running' && vm.type === 'UserVm').length)
    const next = unwrap(
      await f.api.queryVms({
        profileId,
        start: 7,
        limit: 7,
        states: ['Running'],
        sort: { field: 'name', direction: 'asc' }
      })
    )
    expect(next.items[0]?.name).not.toBe(page.items[6]?.name)
    const one = runningVm()
    const found = unwrap(await f.api.queryVms({ profileId, start: 0, limit: 5, search: one.uuid }))
    expect(found.items.map((vm) => vm.uuid)).toEqual([one.uuid])
  })

  it('getVm, and NOT_FOUND for a VM that does not exist', async () => {
    const one = runningVm()
    expect(unwrap(await f.api.getVm({ profileId, vmUuid: one.uuid.toUpperCase() }))).toMatchObject({
      uuid: one.uuid,
      name: one.name
    })
    const missing = failure(await f.api.getVm({ profileId, vmUuid: '0'.repeat(32) }))
    expect(missing.code).toBe('NOT_FOUND')
    expect(missing).toMatchObject({ kind: 'noSuchVm', params: { cluster: 'Lab cloud' } })
  })

  it('getTopology fetches once and reuses the answer', async () => {
    const topology = unwrap(await f.api.getTopology({ profileId }))
    expect(topology.zones.length).toBeGreaterThan(0)
    expect(topology.clusters.length).toBeGreaterThan(0)
    expect(topology.hosts.length).toBeGreaterThan(0)
    expect(topology.primaryStorage.length).toBeGreaterThan(0)
    const requests = sim.stats().requests
    expect(unwrap(await f.api.getTopology({ profileId }))).toEqual(topology)
    expect(sim.stats().requests).toBe(requests)
  })

  it('getL3Networks names the L3 network of every NIC, asks for few fields and reuses the answer', async () => {
    const networks = unwrap(await f.api.getL3Networks({ profileId }))
    const names = new Map(networks.map((l3) => [l3.uuid, l3.name]))
    for (const vm of sim.findVms((v) => v.type === 'UserVm').slice(0, 10))
      for (const nic of vm.vmNics ?? []) expect(names.get(nic.l3NetworkUuid), nic.l3NetworkUuid).toMatch(/\S/)
    // Only what the inspector shows crosses the bridge: not the ranges or services.
    expect(networks[0]).not.toHaveProperty('ipRanges')
    expect(networks.map((l3) => l3.name)).toEqual([...networks.map((l3) => l3.name)].sort())
    const requests = sim.stats().requests
    expect(unwrap(await f.api.getL3Networks({ profileId }))).toEqual(networks)
    expect(sim.stats().requests).toBe(requests)
    expect(failure(await f.api.getL3Networks({ profileId: 'no-such-profile' })).code).toBe('NOT_FOUND')
  })

  it('stopVm and startVm wait for the job, return the VM and refresh the topology', async () => {
    const one = runningVm()
    const requests = sim.stats().requests
    const stopped = unwrap(await f.api.stopVm({ profileId, vmUuid: one.uuid }))
    expect(stopped).toMatchObject({ uuid: one.uuid, state: 'Stopped' })
    // A real node omits the key of an absent value.
    expect(stopped.hostUuid ?? undefined).toBeUndefined()
    expect(sim.vm(one.uuid)?.state).toBe('Stopped')
    const afterStop = sim.stats().requests
    unwrap(await f.api.getTopology({ profileId }))
    // Four parallel queries: the cache was dropped by the stop.
    expect(sim.stats().requests - afterStop).toBe(4)
    expect(afterStop).toBeGreaterThan(requests)

    // A stopped VM cannot migrate: the plan is blocked with the server's own error.
    const plan = unwrap(await f.api.getMigrationPlan({ profileId, vmUuid: one.uuid }))
    expect(plan.blocked).toMatchObject({ code: 'ZSTACK', zstack: { code: 'VM.1008' } })
    expect(plan.candidates).toEqual([])
    expect(failure(await f.api.stopVm({ profileId, vmUuid: one.uuid })).code).toBe('ZSTACK')

    const started = unwrap(await f.api.startVm({ profileId, vmUuid: one.uuid }))
    expect(started).toMatchObject({ uuid: one.uuid, state: 'Running', hostUuid: expect.any(String) })
    expect(failure(await f.api.startVm({ profileId, vmUuid: '0'.repeat(32) })).code).toBe('NOT_FOUND')
  })

  it('getMigrationPlan offers the candidates and explains every other host of the zone from its data', async () => {
    const topology = unwrap(await f.api.getTopology({ profileId }))
    const seen = new Set<string>()
    for (const vm of sim.findVms((v) => v.state === 'Running' && v.type === 'UserVm').slice(0, 12)) {
      const plan = unwrap(await f.api.getMigrationPlan({ profileId, vmUuid: vm.uuid }))
      expect(plan.vm.uuid).toBe(vm.uuid)
      // getVersion's answer, for the dialog to check the strategy against.
      expect(plan.nodeVersion).toBe('5.2.1')
      expect(plan.current).toMatchObject({
        hostUuid: vm.hostUuid,
        hostName: expect.any(String),
        zoneName: expect.any(String)
      })
      const zoneHosts = topology.hosts.filter((h) => h.zoneUuid === vm.zoneUuid)
      expect(plan.candidates.length + plan.others.length).toBe(zoneHosts.length)
      for (const option of plan.candidates) expect(option.reasons).toEqual([])
      for (const { host, reasons } of plan.others) {
        seen.add(reasons.join('+'))
        const expectReason = (cond: boolean, reason: string): void => {
          if (host.uuid !== vm.hostUuid)
            expect(reasons.includes(reason as never), `${host.name} ${reason}`).toBe(cond)
        }
        if (host.uuid === vm.hostUuid) expect(reasons).toEqual(['current-host'])
        expectReason(host.state === 'Maintenance' || host.state === 'PreMaintenance', 'maintenance')
        expectReason(host.state === 'Disabled', 'disabled')
        expectReason(host.status !== 'Connected', 'disconnected')
        expectReason(host.hypervisorType !== vm.hypervisorType, 'other-hypervisor')
        expectReason(host.availableCpuCapacity < vm.cpuNum, 'not-enough-cpu')
        expect(reasons.length).toBeGreaterThan(0)
      }
      for (const option of [...plan.candidates, ...plan.others]) {
        expect(option.clusterName).toBe(
          topology.clusters.find((c) => c.uuid === (option.host as HostInventory).clusterUuid)?.name
        )
      }
    }
    const all = [...seen].join(' ')
    for (const reason of ['current-host', 'maintenance', 'disabled', 'disconnected', 'storage-not-attached'])
      expect(all).toContain(reason)
  })

  it('migrateVm and listMigrations, newest first and per profile', async () => {
    const vm = runningVm()
    const plan = unwrap(await f.api.getMigrationPlan({ profileId, vmUuid: vm.uuid }))
    const target = plan.candidates[0]!.host.uuid
    const record = unwrap(
      await f.api.migrateVm({
        profileId,
        vmUuid: vm.uuid,
        params: { hostUuid: target, strategy: 'auto-converge' }
      })
    )
    await waitForState(f, record.id, ['succeeded'], 5000)
    const demoVm = runningVm((v) => v.uuid !== vm.uuid)
    const demoPlan = unwrap(await f.api.getMigrationPlan({ profileId: 'demo', vmUuid: demoVm.uuid }))
    const second = unwrap(
      await f.api.migrateVm({
        profileId: 'demo',
        vmUuid: demoVm.uuid,
        params: { hostUuid: demoPlan.candidates[0]!.host.uuid }
      })
    )
    const all = unwrap(await f.api.listMigrations({}))
    expect(all.map((r) => r.id).slice(0, 2)).toEqual([second.id, record.id])
    expect(unwrap(await f.api.listMigrations({ profileId })).map((r) => r.id)).toEqual([record.id])
    expect(unwrap(await f.api.listMigrations({ profileId: 'demo' })).map((r) => r.id)).toEqual([second.id])
    expect(failure(await f.api.listMigrations({ profileId: 'gone' })).code).toBe('NOT_FOUND')
    expect(failure(await f.api.migrateVm({ profileId, vmUuid: vm.uuid, params: { downTime: 0 } })).code).toBe(
      'INVALID_INPUT'
    )
    await waitForState(f, second.id, ['succeeded'], 5000)
  })

  it('marks every call on a profile as used', async () => {
    const before = unwrap(await f.api.listProfiles()).profiles.find((p) => p.id === profileId)?.lastUsedAt
    await new Promise((r) => setTimeout(r, 5))
    unwrap(await f.api.getTopology({ profileId }))
    const after = unwrap(await f.api.listProfiles()).profiles.find((p) => p.id === profileId)?.lastUsedAt
    expect(after).toBeDefined()
    expect(after! > (before ?? '')).toBe(true)
  })

  it('importProfiles and exportProfiles through the API', async () => {
    const exported = unwrap(await f.api.exportProfiles({ format: 'yaml' }))
    expect(exported.content).toContain('Lab cloud')
    expect(exported.content).not.toContain('password')
    const report = unwrap(
      await f.api.importProfiles({ content: exported.content, fileName: exported.fileName })
    )
    expect(report).toMatchObject({ added: 0, updated: 1, rejected: 0 })
    const bad = unwrap(await f.api.importProfiles({ content: '[{"name": "x"}]', fileName: 'x.json' }))
    expect(bad.rejected).toBe(1)
    expect(bad.entries[0]?.problems?.map((p) => p.field)).toEqual(
      expect.arrayContaining(['endpoint.host', 'accountName'])
    )
    expect(failure(await f.api.exportProfiles({ profileIds: ['missing'], format: 'json' })).code).toBe(
      'NOT_FOUND'
    )
  })

  it('deleteProfile signs out on the server, forgets the keychain entry and the profile', async () => {
    unwrap(
      await f.api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: true })
    )
    const session = parseStoredSession(store.entries.get(profileId))!.sessionUuid
    expect(await serverSaysValid(sim, session)).toBe(true)
    expect(unwrap(await f.api.deleteProfile({ profileId }))).toBeNull()
    expect(await serverSaysValid(sim, session)).toBe(false)
    expect(store.entries.has(profileId)).toBe(false)
    expect(unwrap(await f.api.listProfiles()).profiles.map((p) => p.id)).toEqual(['demo'])
    expect(failure(await f.api.queryVms({ profileId, start: 0, limit: 1 })).code).toBe('NOT_FOUND')
    expect(failure(await f.api.deleteProfile({ profileId })).code).toBe('NOT_FOUND')
    // The migration history survives the profile.
    expect(unwrap(await f.api.listMigrations({})).some((r) => r.profileId === profileId)).toBe(true)
  })

  it('stops the Demo simulator on dispose', async () => {
    const other = await startDesk({ demoSimulator: { vms: 5 } })
    unwrap(await other.api.queryVms({ profileId: 'demo', start: 0, limit: 1 }))
    const url = other.runtime.demo.running()!.url
    await other.dispose()
    removeDir(other.dataDir)
    await expect(fetch(`${url}/zstack/v1/zones`)).rejects.toThrow()
  })
})
