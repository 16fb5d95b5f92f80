// migrateVm when it works: 202 and location, Migrating while it runs, the inventory after, capacities, serialization.
import { setTimeout } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type HostInventory,
  type PrimaryStorageInventory,
  type RunningSimulator,
  type VmInventory
} from '../../src/simulator'
import {
  asWire,
  call,
  jobPathOf,
  logIn,
  migrate,
  query,
  rootStorageOf,
  storageByUuid,
  vmAction,
  waitForJob
} from './sim-client'

const DURATION = 300
let sim: RunningSimulator
let session: string
let storage: Map<string, PrimaryStorageInventory>
const used = new Set<string>()

beforeAll(async () => {
  sim = await startSimulator({ vms: 300, migrationDurationMs: DURATION })
  session = await logIn(sim.url)
  storage = await storageByUuid(sim.url, session)
})
afterAll(() => sim.stop())

const rootType = (vm: VmInventory): string => rootStorageOf(storage, vm).type

/** A VM no other test in this file has touched. */
function freshVm(pred: (vm: VmInventory) => boolean): VmInventory {
  const vm = sim.findVms(
    (candidate) => candidate.type === 'UserVm' && !used.has(candidate.uuid) && pred(candidate)
  )[0]
  if (!vm) throw new Error('fixture VM not found')
  used.add(vm.uuid)
  return vm
}

async function targets(vmUuid: string): Promise<HostInventory[]> {
  return query<HostInventory>(sim.url, session, `/zstack/v1/vm-instances/${vmUuid}/migration-target-hosts`)
}

describe('migrateVm', () => {
  it('answers 202 with a location and apiTimeout, shows Migrating, then 200 with the moved inventory', async () => {
    const vm = freshVm((candidate) => candidate.state === 'Running' && rootType(candidate) === 'Ceph')
    const candidates = await targets(vm.uuid)
    const dest = candidates.find((host) => host.clusterUuid !== vm.clusterUuid) ?? candidates[0]!
    const source = sim.host(vm.hostUuid!)!
    const destBefore = sim.host(dest.uuid)!

    const accepted = await vmAction(sim.url, session, vm.uuid, { migrateVm: { hostUuid: dest.uuid } })
    expect(accepted.status).toBe(202)
    const body = accepted.json as { location: string; apiTimeout: number }
    expect(body.location).toMatch(new RegExp(`^${sim.url}/zstack/v1/api-jobs/[0-9a-f]{32}$`))
    expect(body.apiTimeout).toBe(3_600_000)

    const running = await call(sim.url, 'GET', jobPathOf(accepted), { session })
    expect(running.status).toBe(202)
    expect(running.json).toEqual({})
    const during = await query<VmInventory>(sim.url, session, `/zstack/v1/vm-instances/${vm.uuid}`)
    expect(during[0]).toMatchObject({ state: 'Migrating', hostUuid: source.uuid })

    const done = await waitForJob(sim.url, session, jobPathOf(accepted))
    expect(done.status).toBe(200)
    const inventory = (done.json as { inventory: VmInventory }).inventory
    expect(inventory).toMatchObject({
      uuid: vm.uuid,
      state: 'Running',
      hostUuid: dest.uuid,
      lastHostUuid: source.uuid,
      clusterUuid: dest.clusterUuid,
      zoneUuid: dest.zoneUuid
    })
    expect(inventory.lastOpDate).not.toBe(vm.lastOpDate)
    expect(inventory.vmNics).toEqual(vm.vmNics)
    expect(sim.host(source.uuid)!.availableMemoryCapacity).toBe(
      source.availableMemoryCapacity + vm.memorySize
    )
    expect(sim.host(source.uuid)!.availableCpuCapacity).toBe(source.availableCpuCapacity + vm.cpuNum)
    expect(sim.host(dest.uuid)!.availableMemoryCapacity).toBe(
      destBefore.availableMemoryCapacity - vm.memorySize
    )
    expect(sim.host(dest.uuid)!.availableCpuCapacity).toBe(destBefore.availableCpuCapacity - vm.cpuNum)
    expect(asWire(sim.vm(vm.uuid))).toEqual(inventory)
  })

  it('records every accepted submission in stats', async () => {
    const vm = freshVm((candidate) => candidate.state === 'Running' && rootType(candidate) === 'NFS')
    const dest = (await targets(vm.uuid))[0]!
    const before = sim.stats().migrationSubmissions.length
    const accepted = await vmAction(sim.url, session, vm.uuid, { migrateVm: { hostUuid: dest.uuid } })
    const submissions = sim.stats().migrationSubmissions
    expect(submissions).toHaveLength(before + 1)
    expect(submissions.at(-1)).toMatchObject({
      vmUuid: vm.uuid,
      hostUuid: dest.uuid,
      jobUuid: jobPathOf(accepted).split('/').pop()
    })
    expect((await waitForJob(sim.url, session, jobPathOf(accepted))).status).toBe(200)
  })

  it('picks the candidate with the most free memory when no hostUuid is given', async () => {
    const vm = freshVm((candidate) => candidate.state === 'Running' && rootType(candidate) === 'Ceph')
    const candidates = await targets(vm.uuid)
    const best = [...candidates].sort((a, b) => b.availableMemoryCapacity - a.availableMemoryCapacity)[0]!
    const done = await migrate(sim.url, session, vm.uuid, {})
    expect(done.status).toBe(200)
    expect((done.json as { inventory: VmInventory }).inventory.hostUuid).toBe(best.uuid)
  })

  it('accepts every documented parameter and the tag lists', async () => {
    const vm = freshVm((candidate) => candidate.state === 'Running' && rootType(candidate) === 'Ceph')
    const dest = (await targets(vm.uuid))[0]!
    const accepted = await vmAction(sim.url, session, vm.uuid, {
      migrateVm: {
        hostUuid: dest.uuid,
        migrateFromDestination: true,
        allowUnknown: true,
        strategy: 'auto-converge',
        downTime: 100
      },
      systemTags: [],
      userTags: ['moved-by-test']
    })
    expect(accepted.status).toBe(202)
    expect((await waitForJob(sim.url, session, jobPathOf(accepted))).status).toBe(200)
  })

  it('keeps a Paused VM paused and brings an Unknown VM back Running', async () => {
    for (const [state, after] of [
      ['Paused', 'Paused'],
      ['Unknown', 'Running']
    ] as const) {
      const vm = freshVm((candidate) => candidate.state === state)
      const dest = (await targets(vm.uuid))[0]!
      const done = await migrate(sim.url, session, vm.uuid, { hostUuid: dest.uuid })
      expect(done.status, state).toBe(200)
      expect((done.json as { inventory: VmInventory }).inventory).toMatchObject({
        state: after,
        hostUuid: dest.uuid
      })
    }
  })

  it('moves a Linux VM on local storage without data volumes or ISO inside its cluster', async () => {
    const vm = freshVm(
      (candidate) =>
        candidate.state === 'Running' &&
        rootType(candidate) === 'LocalStorage' &&
        candidate.allVolumes.length === 1 &&
        candidate.platform === 'Linux' &&
        candidate.vmCdRoms.every((cd) => cd.isoUuid === null)
    )
    const dest = (await targets(vm.uuid))[0]!
    const done = await migrate(sim.url, session, vm.uuid, { hostUuid: dest.uuid })
    expect(done.status).toBe(200)
    expect((done.json as { inventory: VmInventory }).inventory.clusterUuid).toBe(vm.clusterUuid)
  })

  it('serializes two migrations of one VM: the second waits, then runs its own checks', async () => {
    const vm = freshVm((candidate) => candidate.state === 'Running' && rootType(candidate) === 'Ceph')
    const [first, second] = await targets(vm.uuid)
    const started = Date.now()
    const a = await vmAction(sim.url, session, vm.uuid, { migrateVm: { hostUuid: first!.uuid } })
    const b = await vmAction(sim.url, session, vm.uuid, { migrateVm: { hostUuid: second!.uuid } })
    const c = await vmAction(sim.url, session, vm.uuid, { migrateVm: { hostUuid: second!.uuid } })
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202])

    const firstDone = await waitForJob(sim.url, session, jobPathOf(a))
    expect(firstDone.status).toBe(200)
    expect((await call(sim.url, 'GET', jobPathOf(b), { session })).status).toBe(202)
    expect(sim.vm(vm.uuid)).toMatchObject({ state: 'Migrating', hostUuid: first!.uuid })

    const secondDone = await waitForJob(sim.url, session, jobPathOf(b))
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * DURATION - 20)
    expect((secondDone.json as { inventory: VmInventory }).inventory).toMatchObject({
      hostUuid: second!.uuid,
      lastHostUuid: first!.uuid
    })
    // The third was accepted while the VM was elsewhere; once its turn came the VM was already there.
    const thirdDone = await waitForJob(sim.url, session, jobPathOf(c))
    expect(thirdDone.status).toBe(503)
    expect((thirdDone.json as { error: { code: string } }).error.code).toBe('SYS.1007')
  })

  it('uses the X-Job-UUID header as the job uuid', async () => {
    const vm = freshVm((candidate) => candidate.state === 'Running' && rootType(candidate) === 'Ceph')
    const dest = (await targets(vm.uuid))[0]!
    const jobUuid = 'abcdef0123456789abcdef0123456789'
    const accepted = await vmAction(
      sim.url,
      session,
      vm.uuid,
      { migrateVm: { hostUuid: dest.uuid } },
      { 'X-Job-UUID': jobUuid }
    )
    expect(accepted.status).toBe(202)
    expect(jobPathOf(accepted)).toBe(`/zstack/v1/api-jobs/${jobUuid}`)
    expect((await waitForJob(sim.url, session, jobPathOf(accepted))).status).toBe(200)
  })
})

describe('advertisedUrl', () => {
  it('puts the advertised base in the job location', async () => {
    const behindNat = await startSimulator({
      vms: 30,
      migrationDurationMs: 50,
      advertisedUrl: 'http://10.0.0.1:8080'
    })
    try {
      const token = await logIn(behindNat.url)
      const vm = behindNat.findVms((candidate) => candidate.state === 'Running')[0]!
      const accepted = await vmAction(behindNat.url, token, vm.uuid, { migrateVm: {} })
      expect((accepted.json as { location: string }).location).toMatch(
        /^http:\/\/10\.0\.0\.1:8080\/zstack\/v1\/api-jobs\/[0-9a-f]{32}$/
      )
      // The path part still works against the real address.
      const done = await waitForJob(behindNat.url, token, jobPathOf(accepted))
      expect(done.status).toBe(200)
    } finally {
      await behindNat.stop()
    }
  })
})

describe('during a migration', () => {
  it('keeps the VM in Migrating on its source host until the job ends', async () => {
    sim.setOptions({ migrationDurationMs: 1200 })
    try {
      const vm = freshVm((candidate) => candidate.state === 'Running' && rootType(candidate) === 'Ceph')
      const dest = (await targets(vm.uuid))[0]!
      const accepted = await vmAction(sim.url, session, vm.uuid, { migrateVm: { hostUuid: dest.uuid } })
      // Whenever the job still answers 202, the VM seen just before that poll was Migrating on its source host:
      // checked on every poll, so it holds however slowly the machine runs.
      let runningPolls = 0
      for (;;) {
        const seen = { ...sim.vm(vm.uuid) }
        const poll = await call(sim.url, 'GET', jobPathOf(accepted), { session })
        if (poll.status !== 202) {
          expect(poll.status).toBe(200)
          break
        }
        runningPolls += 1
        expect(seen).toMatchObject({ state: 'Migrating', hostUuid: vm.hostUuid })
        await setTimeout(25)
      }
      expect(runningPolls).toBeGreaterThan(0)
      expect(sim.vm(vm.uuid)).toMatchObject({ state: 'Running', hostUuid: dest.uuid })
    } finally {
      sim.setOptions({ migrationDurationMs: DURATION })
    }
  })
})
