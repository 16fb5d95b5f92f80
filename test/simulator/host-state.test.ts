// changeHostState over HTTP: enable/disable, maintain (PreMaintenance, migrate away, stop what fails), the policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type HostInventory,
  type PrimaryStorageInventory,
  type RunningSimulator,
  type SimulatorStats,
  type VmInventory
} from '../../src/simulator'
import {
  allVms,
  call,
  errorOf,
  jobPathOf,
  logIn,
  migrate,
  query,
  waitForJob,
  type HttpResult
} from './sim-client'

const MIGRATION_MS = 300
let sim: RunningSimulator
let session: string
const usedHosts = new Set<string>()

beforeAll(async () => {
  sim = await startSimulator({ vms: 300, migrationDurationMs: MIGRATION_MS, actionDurationMs: 100 })
  session = await logIn(sim.url)
})
afterAll(() => sim.stop())

const control = (method: string, path: string, body?: unknown) =>
  call(sim.url, method, `/_sim${path}`, { body })
const stats = async (): Promise<SimulatorStats> => (await control('GET', '/stats')).json as SimulatorStats

function changeState(hostUuid: string, body: unknown, withSession = session): Promise<HttpResult> {
  return call(sim.url, 'PUT', `/zstack/v1/hosts/${hostUuid}/actions`, { session: withSession, body })
}

/** Submits changeHostState, expects the 202, and returns the poll's final answer. */
async function changed(hostUuid: string, stateEvent: unknown, timeoutMs = 20_000): Promise<HttpResult> {
  const accepted = await changeState(hostUuid, { changeHostState: { stateEvent } })
  expect(accepted.status).toBe(202)
  const path = jobPathOf(accepted)
  await waitForJob(sim.url, session, path, timeoutMs)
  // Polled once more as the SDKs poll, asking for the schema.
  return call(sim.url, 'GET', path, { session, headers: { 'X-JSON-Schema': 'true' } })
}

async function hostOverHttp(hostUuid: string): Promise<HostInventory> {
  const [host] = await query<HostInventory>(sim.url, session, `/zstack/v1/hosts/${hostUuid}`)
  if (!host) throw new Error(`host ${hostUuid} not found`)
  return host
}

const vmsOn = async (hostUuid: string): Promise<VmInventory[]> =>
  (await allVms(sim.url, session)).filter((vm) => vm.hostUuid === hostUuid)

/**
 * An Enabled, Connected KVM host whose VMs are all Running or Paused on shared storage with somewhere to go (the
 * fewest such VMs first), never handed out twice: `maintain` on it can only fail where a test makes it fail.
 */
async function drainableHost(minVms = 3): Promise<{ host: HostInventory; vms: VmInventory[] }> {
  const vms = await allVms(sim.url, session)
  const hosts = await query<HostInventory>(sim.url, session, '/zstack/v1/hosts?limit=1000')
  const storage = await query<PrimaryStorageInventory>(sim.url, session, '/zstack/v1/primary-storage')
  const local = new Set(storage.filter((ps) => ps.type === 'LocalStorage').map((ps) => ps.uuid))
  const movable = (vm: VmInventory): boolean =>
    (vm.state === 'Running' || vm.state === 'Paused') &&
    vm.allVolumes.every((volume) => !local.has(volume.primaryStorageUuid))
  const candidates = hosts
    .filter((host) => !usedHosts.has(host.uuid) && host.hypervisorType === 'KVM')
    .filter((host) => host.state === 'Enabled' && host.status === 'Connected')
    .map((host) => ({ host, vms: vms.filter((vm) => vm.hostUuid === host.uuid) }))
    .filter(({ vms: on }) => on.length >= minVms && on.every(movable))
    .sort((a, b) => a.vms.length - b.vms.length)
  for (const candidate of candidates) {
    let placeable = true
    for (const vm of candidate.vms) {
      const targets = await query<HostInventory>(
        sim.url,
        session,
        `/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`
      )
      if (targets.length === 0) placeable = false
    }
    if (!placeable) continue
    usedHosts.add(candidate.host.uuid)
    return candidate
  }
  throw new Error('no drainable host left in the fixture')
}

/** A Running VM of another host in the same cluster, for which `host` is a migration target now. */
async function vmThatCanMoveTo(host: HostInventory): Promise<VmInventory> {
  const mates = sim.findVms(
    (vm) => vm.state === 'Running' && vm.clusterUuid === host.clusterUuid && vm.hostUuid !== host.uuid
  )
  for (const vm of mates) {
    const targets = await query<HostInventory>(
      sim.url,
      session,
      `/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`
    )
    if (targets.some((target) => target.uuid === host.uuid)) return vm
  }
  throw new Error(`no VM can move to ${host.name}`)
}

describe('enable and disable', () => {
  it('disable makes the host Disabled and no destination; enable brings it back', async () => {
    const { host } = await drainableHost(1)
    const mover = await vmThatCanMoveTo(host)
    const disabled = await changed(host.uuid, 'disable')
    expect(disabled.status).toBe(200)
    const reply = disabled.json as { inventory: HostInventory; schema: Record<string, string> }
    expect(reply.inventory).toMatchObject({ uuid: host.uuid, state: 'Disabled', status: 'Connected' })
    expect(reply.schema).toEqual({ inventory: 'org.zstack.kvm.KVMHostInventory' })
    expect((await hostOverHttp(host.uuid)).state).toBe('Disabled')

    const targets = await query<HostInventory>(
      sim.url,
      session,
      `/zstack/v1/vm-instances/${mover.uuid}/migration-target-hosts`
    )
    expect(targets.map((target) => target.uuid)).not.toContain(host.uuid)
    const refused = await migrate(sim.url, session, mover.uuid, { hostUuid: host.uuid })
    expect(refused.status).toBe(503)
    expect(errorOf(refused)).toMatchObject({
      code: 'HOST_ALLOCATION.1000',
      details: 'no Enabled hosts found in the [1] candidate hosts'
    })
    expect(sim.vm(mover.uuid)).toMatchObject({ state: mover.state, hostUuid: mover.hostUuid })

    const enabled = await changed(host.uuid, 'enable')
    expect((enabled.json as { inventory: HostInventory }).inventory.state).toBe('Enabled')
    // From Disabled the host never left the connection: no reconnect.
    expect((await hostOverHttp(host.uuid)).status).toBe('Connected')
    expect((await migrate(sim.url, session, mover.uuid, { hostUuid: host.uuid })).status).toBe(200)
    expect(sim.vm(mover.uuid)!.hostUuid).toBe(host.uuid)
  })
})

describe('bad input changes nothing', () => {
  let host: HostInventory

  beforeAll(async () => {
    host = (await drainableHost(1)).host
  })

  const expectUntouched = async (): Promise<void> => {
    expect(await hostOverHttp(host.uuid)).toMatchObject({ state: 'Enabled', status: 'Connected' })
  }

  it('an unknown stateEvent or none: SYS.1007 through the poll', async () => {
    const wrong = await changed(host.uuid, 'reboot')
    expect(wrong.status).toBe(503)
    expect(errorOf(wrong)).toMatchObject({
      code: 'SYS.1007',
      details:
        'valid value for field[stateEvent] of APIChangeHostStateMsg are [enable, disable, maintain], but reboot found'
    })
    const missing = await changed(host.uuid, undefined)
    expect(errorOf(missing).code).toBe('SYS.1007')
    expect(errorOf(missing).details).toContain('field[stateEvent]')
    await expectUntouched()
  })

  it('a non-string stateEvent or a body without the action: plain 400', async () => {
    const typed = await changeState(host.uuid, { changeHostState: { stateEvent: 3 } })
    expect(typed.status).toBe(400)
    expect(typed.text).toContain('field[stateEvent]')
    const wrongAction = await changeState(host.uuid, { reconnectHost: {} })
    expect(wrongAction.status).toBe(400)
    expect(wrongAction.text).toContain("doesn't contain action mapping")
    await expectUntouched()
  })

  it('an unknown host: SYS.1003; an expired session: ID.1001', async () => {
    const unknown = await changed('e'.repeat(32), 'disable')
    expect(errorOf(unknown)).toMatchObject({
      code: 'SYS.1003',
      details: `unable to find host[uuid:${'e'.repeat(32)}]`
    })
    const accepted = await changeState(
      host.uuid,
      { changeHostState: { stateEvent: 'disable' } },
      'f'.repeat(32)
    )
    const expired = await waitForJob(sim.url, session, jobPathOf(accepted))
    expect(errorOf(expired).code).toBe('ID.1001')
    await expectUntouched()
  })

  it('maintain on a host that is not Connected: SYS.1006, nothing moves', async () => {
    const before = await vmsOn(host.uuid)
    expect((await control('POST', `/hosts/${host.uuid}/status`, { status: 'Disconnected' })).status).toBe(200)
    const refused = await changed(host.uuid, 'maintain')
    expect(errorOf(refused)).toMatchObject({
      code: 'SYS.1006',
      details: `can not maintain host[uuid:${host.uuid}, status:Disconnected]which is not Connected`
    })
    expect((await hostOverHttp(host.uuid)).state).toBe('Enabled')
    expect((await vmsOn(host.uuid)).map((vm) => vm.uuid)).toEqual(before.map((vm) => vm.uuid))
    await control('POST', `/hosts/${host.uuid}/status`, { status: 'Connected' })
    await expectUntouched()
  })
})

describe('maintain', () => {
  it('goes PreMaintenance, migrates every VM away two at a time, ends in Maintenance; enable reconnects', async () => {
    const { host, vms } = await drainableHost(3)
    const submissionsBefore = (await stats()).migrationSubmissions.length
    // Slow migrations, so the drain is long enough to be watched under any load.
    await control('POST', '/options', { migrationDurationMs: 1500 })
    const accepted = await changeState(host.uuid, { changeHostState: { stateEvent: 'maintain' } })
    expect(accepted.status).toBe(202)
    await expect.poll(async () => (await hostOverHttp(host.uuid)).state).toBe('PreMaintenance')
    expect(sim.findVms((vm) => vm.state === 'Migrating' && vm.hostUuid === host.uuid).length).toBeGreaterThan(
      0
    )
    await control('POST', '/options', { migrationDurationMs: MIGRATION_MS })
    const done = await waitForJob(sim.url, session, jobPathOf(accepted), 20_000)
    expect(done.status).toBe(200)
    expect((done.json as { inventory: HostInventory }).inventory).toMatchObject({ state: 'Maintenance' })
    expect(await hostOverHttp(host.uuid)).toMatchObject({ state: 'Maintenance', status: 'Connected' })

    expect(await vmsOn(host.uuid)).toEqual([])
    for (const vm of vms) {
      const after = sim.vm(vm.uuid)!
      expect(after.state).toBe(vm.state)
      expect(after.lastHostUuid).toBe(host.uuid)
      expect(sim.host(after.hostUuid!)).toMatchObject({ state: 'Enabled', status: 'Connected' })
    }
    const after = await stats()
    // vm.migrationQuantity = 2: never more than two of the host's VMs in flight.
    expect(after.peakHostMigrations[host.uuid]).toBe(2)
    // The node's own migrations are not client submissions.
    expect(after.migrationSubmissions.length).toBe(submissionsBefore)

    const again = await changed(host.uuid, 'maintain')
    expect(errorOf(again)).toMatchObject({
      code: 'SYS.1000',
      details: 'cannot find next state for current state[Maintenance] on transaction event[preMaintain]'
    })

    const enabled = await changed(host.uuid, 'enable')
    expect((enabled.json as { inventory: HostInventory }).inventory).toMatchObject({
      state: 'Enabled',
      status: 'Connecting'
    })
    await expect.poll(async () => (await hostOverHttp(host.uuid)).status).toBe('Connected')
  })

  it('stops the VM whose migration fails (StopVmOnMigrationFailure, the default)', async () => {
    const { host, vms } = await drainableHost(3)
    const failing = vms[1]!
    const injected = await control('POST', `/vms/${failing.uuid}/migration-failures`, {})
    expect(injected.status).toBe(200)
    const done = await changed(host.uuid, 'maintain')
    expect(done.status).toBe(200)
    expect(await hostOverHttp(host.uuid)).toMatchObject({ state: 'Maintenance' })

    expect(sim.vm(failing.uuid)).toMatchObject({ state: 'Stopped', lastHostUuid: host.uuid })
    expect(sim.vm(failing.uuid)!.hostUuid).toBeNull()
    for (const vm of vms.filter((candidate) => candidate.uuid !== failing.uuid)) {
      expect(sim.vm(vm.uuid)).toMatchObject({ state: vm.state })
      expect(sim.vm(vm.uuid)!.hostUuid).not.toBe(host.uuid)
    }
    await control('POST', `/vms/${failing.uuid}/migration-failures`, { times: 0 })
  })

  it('JustMigrate: the failing VM keeps running, maintain fails HOST.1001 and the host goes back', async () => {
    expect((await control('POST', '/options', { hostMaintenancePolicy: 'JustMigrate' })).status).toBe(200)
    try {
      const { host, vms } = await drainableHost(3)
      const failing = vms[0]!
      await control('POST', `/vms/${failing.uuid}/migration-failures`, {
        error: {
          code: 'HOST.1009',
          description: 'hypervisor migration failed',
          details: 'simulated for this VM'
        }
      })
      // From Disabled it must return to Disabled, not to Enabled.
      expect((await changed(host.uuid, 'disable')).status).toBe(200)
      const refused = await changed(host.uuid, 'maintain')
      expect(refused.status).toBe(503)
      const error = errorOf(refused)
      expect(error.code).toBe('HOST.1001')
      expect(error.cause).toMatchObject({
        code: 'SYS.1006',
        details: `failed to migrate vm[uuids:[${failing.uuid}]] on host[uuid:${host.uuid}, name:${host.name}, ip:${host.managementIp}], will try stopping it.`
      })
      expect((await hostOverHttp(host.uuid)).state).toBe('Disabled')
      expect(sim.vm(failing.uuid)).toMatchObject({ state: failing.state, hostUuid: host.uuid })
      // What did migrate stays migrated: the server rolls back the host state, not the moves.
      expect((await vmsOn(host.uuid)).map((vm) => vm.uuid)).toEqual([failing.uuid])
      await control('POST', `/vms/${failing.uuid}/migration-failures`, { times: 0 })
    } finally {
      await control('POST', '/options', { hostMaintenancePolicy: 'StopVmOnMigrationFailure' })
    }
  })
})

describe('migrations out of one host', () => {
  it('run in the source host queue, host.syncLevel wide', async () => {
    const { host, vms } = await drainableHost(3)
    expect((await control('POST', '/options', { hostSyncLevel: 1 })).status).toBe(200)
    try {
      const started = performance.now()
      const results = await Promise.all(vms.slice(0, 3).map((vm) => migrate(sim.url, session, vm.uuid, {})))
      expect(results.map((result) => result.status)).toEqual([200, 200, 200])
      expect(performance.now() - started).toBeGreaterThanOrEqual(3 * MIGRATION_MS)
      expect((await stats()).peakHostMigrations[host.uuid]).toBe(1)
    } finally {
      await control('POST', '/options', { hostSyncLevel: 10 })
    }
  })

  it('a long job waits in that queue (Waiting) and a cancel there ends it without a transfer', async () => {
    const { host, vms } = await drainableHost(2)
    const [first, queued] = [vms[0]!, vms[1]!]
    await control('POST', '/options', { hostSyncLevel: 1, migrationDurationMs: 2500 })
    try {
      const running = migrate(sim.url, session, first.uuid, {})
      await expect.poll(() => sim.vm(first.uuid)!.state).toBe('Migrating')
      const submitted = await call(sim.url, 'POST', '/zstack/v1/longjobs', {
        session,
        body: {
          params: {
            jobName: 'APIMigrateVmMsg',
            jobData: JSON.stringify({ vmInstanceUuid: queued.uuid }),
            targetResourceUuid: queued.uuid
          }
        }
      })
      const job = (
        (await waitForJob(sim.url, session, jobPathOf(submitted))).json as { inventory: { uuid: string } }
      ).inventory
      const [waiting] = await query<{ state: string }>(sim.url, session, `/zstack/v1/longjobs/${job.uuid}`)
      expect(waiting?.state).toBe('Waiting')
      expect(sim.vm(queued.uuid)!.state).toBe('Migrating')
      const canceled = await call(sim.url, 'PUT', `/zstack/v1/longjobs/${job.uuid}/actions`, {
        session,
        body: { cancelLongJob: {} }
      })
      const answer = await waitForJob(sim.url, session, jobPathOf(canceled), 15_000)
      expect((answer.json as { inventory: { state: string } }).inventory.state).toBe('Canceled')
      expect(sim.vm(queued.uuid)).toMatchObject({ state: queued.state, hostUuid: host.uuid })
      expect((await running).status).toBe(200)
      expect((await stats()).peakHostMigrations[host.uuid]).toBe(1)
    } finally {
      await control('POST', '/options', { hostSyncLevel: 10, migrationDurationMs: MIGRATION_MS })
    }
  })

  it('the default (10) lets four run at once', async () => {
    const { host, vms } = await drainableHost(4)
    // Long enough that the four submissions overlap however slow the machine is.
    await control('POST', '/options', { migrationDurationMs: 1500 })
    try {
      const results = await Promise.all(vms.slice(0, 4).map((vm) => migrate(sim.url, session, vm.uuid, {})))
      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200])
      expect((await stats()).peakHostMigrations[host.uuid]).toBe(4)
    } finally {
      await control('POST', '/options', { migrationDurationMs: MIGRATION_MS })
    }
  })

  it('out of a Disconnected host: HOST.1011 caused by HOST.1010, the VM stays', async () => {
    const { host, vms } = await drainableHost(1)
    const vm = vms[0]!
    await control('POST', `/hosts/${host.uuid}/status`, { status: 'Disconnected' })
    try {
      const refused = await migrate(sim.url, session, vm.uuid, {})
      expect(errorOf(refused).code).toBe('HOST.1011')
      expect(errorOf(refused).cause?.code).toBe('HOST.1010')
      expect(sim.vm(vm.uuid)).toMatchObject({ state: vm.state, hostUuid: host.uuid })
    } finally {
      await control('POST', `/hosts/${host.uuid}/status`, { status: 'Connected' })
    }
  })
})

describe('control endpoints', () => {
  it('a VM failure for a number of times: HOST.1009, then the migration goes through', async () => {
    const vm = (await drainableHost(1)).vms[0]!
    expect((await control('POST', `/vms/${vm.uuid}/migration-failures`, { times: 1 })).status).toBe(200)
    const first = await migrate(sim.url, session, vm.uuid, {})
    expect(errorOf(first).code).toBe('HOST.1009')
    expect(sim.vm(vm.uuid)).toMatchObject({ state: vm.state, hostUuid: vm.hostUuid })
    expect((await migrate(sim.url, session, vm.uuid, {})).status).toBe(200)
    expect(sim.vm(vm.uuid)!.hostUuid).not.toBe(vm.hostUuid)
  })

  it('reads a host and refuses bad levers with a 400', async () => {
    const hosts = await query<HostInventory>(sim.url, session, '/zstack/v1/hosts?limit=1000')
    const host = hosts.find((candidate) => candidate.hypervisorType === 'ESX')!
    expect(((await control('GET', `/hosts/${host.uuid}`)).json as HostInventory).uuid).toBe(host.uuid)
    expect((await control('GET', `/hosts/${'e'.repeat(32)}`)).status).toBe(404)
    expect((await control('POST', `/hosts/${host.uuid}/status`, { status: 'Gone' })).status).toBe(400)
    expect((await control('POST', `/hosts/${'e'.repeat(32)}/status`, { status: 'Connected' })).status).toBe(
      400
    )
    expect((await control('POST', `/vms/${'e'.repeat(32)}/migration-failures`, {})).status).toBe(400)
    expect((await control('POST', `/vms/${host.uuid}/migration-failures`, { times: -1 })).status).toBe(400)
    expect((await control('POST', '/options', { hostSyncLevel: 0 })).status).toBe(400)
    expect((await control('POST', '/options', { hostMaintenancePolicy: 'StopAll' })).status).toBe(400)
    expect(await hostOverHttp(host.uuid)).toMatchObject({ state: 'Enabled', status: 'Connected' })
  })
})
