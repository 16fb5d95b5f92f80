// The batch queue over real HTTP against the simulator: K at once, pause and resume, rows re-read before they are
// sent (skipped with the reason), a source host that disconnects, and a drain that ends in maintenance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MigrationBatch } from '../../../src/shared/api'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { isPlainlyMigratable, plainlyMigratableOn } from '../../support/plain-migratable'
import { removeDir, unwrap, type DeskFixture } from '../desk/support/desk-fixture'
import { signedInDesk, waitForState } from '../migrations/support'
import { doubleSubmissions, waitForBatch } from './support/drain-support'

let sim: RunningSimulator
const fixtures: DeskFixture[] = []
const dirs: string[] = []
const used = new Set<string>()

beforeAll(async () => {
  sim = await startSimulator({
    vms: 300,
    actionDurationMs: 50,
    migrationDurationMs: 300,
    switchOverMs: 50,
    migrationFailureRate: 0
  })
})
afterAll(async () => {
  for (const f of fixtures.splice(0)) await f.dispose()
  await sim.stop()
  for (const dir of dirs) removeDir(dir)
})

const desk = () => signedInDesk(sim, { fixtures, dirs }, { batchTickMs: 100 })

/** Plainly migratable VMs on Connected hosts, never handed out before in this file, planned to fit. */
async function pick(
  f: DeskFixture & { profileId: string },
  count: number,
  sameHost = false
): Promise<string[]> {
  let vms = sim.findVms((vm) => plainlyMigratableOn(sim)(vm) && !used.has(vm.uuid))
  if (sameHost) {
    const counts = new Map<string, number>()
    for (const vm of vms) counts.set(vm.hostUuid!, (counts.get(vm.hostUuid!) ?? 0) + 1)
    const host = [...counts].sort((a, b) => b[1] - a[1])[0]![0]
    vms = vms.filter((vm) => vm.hostUuid === host)
  }
  const plan = unwrap(await f.api.planMigrations({ profileId: f.profileId, vmUuids: vms.map((v) => v.uuid) }))
  const chosen = plan.rows
    .filter((r) => r.to)
    .slice(0, count)
    .map((r) => r.vmUuid)
  expect(chosen.length).toBe(count)
  for (const uuid of chosen) used.add(uuid)
  return chosen
}

const batchUpdates = (f: DeskFixture, id: string): MigrationBatch[] =>
  f.of('batch:update').filter((b) => b.id === id)

describe('batch queue', () => {
  it(
    'runs at most K at once; a paused queue starts nothing until resumed; each VM is sent once',
    { timeout: 60_000 },
    async () => {
      const f = await desk()
      const vms = await pick(f, 8)
      const since = sim.stats().migrationSubmissions.length
      const batch = unwrap(
        await f.api.startBatch({
          profileId: f.profileId,
          rows: vms.map((vmUuid) => ({ vmUuid })),
          concurrency: 2,
          stopOnFirstFailure: false
        })
      )
      await expect
        .poll(() => batchUpdates(f, batch.id).some((b) => b.counts.succeeded >= 1), { timeout: 20_000 })
        .toBe(true)
      unwrap(await f.api.pauseBatch({ batchId: batch.id }))
      const pausedAt = new Date().toISOString()
      await expect
        .poll(async () => unwrap(await f.api.getBatch({ batchId: batch.id })).counts.running, {
          timeout: 20_000
        })
        .toBe(0)
      const held = unwrap(await f.api.getBatch({ batchId: batch.id }))
      expect(held.state).toBe('paused')
      expect(held.counts.queued).toBeGreaterThan(0)
      const resumedAt = new Date().toISOString()
      unwrap(await f.api.resumeBatch({ batchId: batch.id }))
      const done = await waitForBatch(f.api, batch.id)
      expect(done).toMatchObject({ state: 'finished', counts: { succeeded: 8 } })
      // Nothing started between the pause and the resume.
      expect(done.rows.filter((r) => r.startedAt! > pausedAt && r.startedAt! < resumedAt)).toEqual([])
      expect(Math.max(...batchUpdates(f, batch.id).map((b) => b.counts.running))).toBeLessThanOrEqual(2)
      expect(Math.max(...batchUpdates(f, batch.id).map((b) => b.counts.running))).toBe(2)
      expect(doubleSubmissions(sim, since)).toEqual([])
      expect(sim.stats().migrationSubmissions.length - since).toBe(8)
      for (const row of done.rows) expect(sim.vm(row.vmUuid)!.hostUuid).toBe(row.to!.hostUuid)
    }
  )

  it(
    're-reads each row before sending it: a VM stopped or moved by someone else meanwhile is skipped with the reason',
    { timeout: 60_000 },
    async () => {
      const f = await desk()
      const [first, stopped, moved] = await pick(f, 3)
      const batch = unwrap(
        await f.api.startBatch({
          profileId: f.profileId,
          rows: [first!, stopped!, moved!].map((vmUuid) => ({ vmUuid })),
          concurrency: 1,
          stopOnFirstFailure: false
        })
      )
      unwrap(await f.api.pauseBatch({ batchId: batch.id }))
      unwrap(await f.api.stopVm({ profileId: f.profileId, vmUuid: stopped! }))
      const plan = unwrap(await f.api.getMigrationPlan({ profileId: f.profileId, vmUuid: moved! }))
      const elsewhere = plan.candidates[0]!.host.uuid
      const record = unwrap(
        await f.api.migrateVm({ profileId: f.profileId, vmUuid: moved!, params: { hostUuid: elsewhere } })
      )
      await waitForState(f, record.id, ['succeeded'], 20_000)
      unwrap(await f.api.resumeBatch({ batchId: batch.id }))
      const done = await waitForBatch(f.api, batch.id)
      const row = (vm: string) => done.rows.find((r) => r.vmUuid === vm)!
      expect(row(first!).state).toBe('succeeded')
      expect(row(stopped!)).toMatchObject({ state: 'skipped', reason: { kind: 'batchVmStateChanged' } })
      expect(row(moved!)).toMatchObject({ state: 'skipped', reason: { kind: 'batchVmMovedElsewhere' } })
      expect(row(stopped!).migrationId).toBeUndefined()
      expect(sim.vm(moved!)!.hostUuid).toBe(elsewhere)
      expect(sim.stats().migrationSubmissions.filter((s) => s.vmUuid === moved).length).toBe(1)
    }
  )

  it(
    'pauses, saying why, when the source host goes Disconnected, and goes on once it is back and resumed',
    { timeout: 60_000 },
    async () => {
      const f = await desk()
      const vms = await pick(f, 3, true)
      const source = sim.vm(vms[0]!)!.hostUuid!
      const batch = unwrap(
        await f.api.startBatch({
          profileId: f.profileId,
          rows: vms.map((vmUuid) => ({ vmUuid })),
          concurrency: 1,
          stopOnFirstFailure: false
        })
      )
      sim.setHostStatus(source, 'Disconnected')
      try {
        await expect
          .poll(async () => unwrap(await f.api.getBatch({ batchId: batch.id })).pausedBy?.kind, {
            timeout: 20_000
          })
          .toBe('batchHostDisconnected')
      } finally {
        sim.setHostStatus(source, 'Connected')
      }
      const paused = unwrap(await f.api.getBatch({ batchId: batch.id }))
      expect(paused.state).toBe('paused')
      expect(paused.counts.queued).toBeGreaterThan(0)
      unwrap(await f.api.resumeBatch({ batchId: batch.id }))
      const done = await waitForBatch(f.api, batch.id)
      expect(done.state).toBe('finished')
      expect(done.counts.queued).toBe(0)
      for (const row of done.rows.filter((r) => r.state === 'succeeded'))
        expect(sim.vm(row.vmUuid)!.hostUuid).toBe(row.to!.hostUuid)
    }
  )

  it(
    'drains a host whose every VM can move, puts it into maintenance, and brings it back',
    { timeout: 90_000 },
    async () => {
      const f = await desk()
      const onHost = (uuid: string) => sim.findVms((vm) => vm.hostUuid === uuid)
      const hosts = [...new Set(sim.findVms(isPlainlyMigratable).map((vm) => vm.hostUuid!))]
        .map((uuid) => sim.host(uuid)!)
        .filter(
          (h) =>
            h.status === 'Connected' &&
            h.state === 'Enabled' &&
            onHost(h.uuid).every((vm) => isPlainlyMigratable(vm) && !used.has(vm.uuid))
        )
      let chosen: { uuid: string; rows: string[] } | undefined
      for (const host of hosts) {
        const plan = unwrap(await f.api.planDrain({ profileId: f.profileId, hostUuid: host.uuid }))
        if (plan.rows.length > 0 && plan.rows.every((r) => r.to)) {
          chosen = { uuid: host.uuid, rows: plan.rows.map((r) => r.vmUuid) }
          break
        }
      }
      expect(chosen, 'a host whose VMs can all move').toBeDefined()
      for (const vm of chosen!.rows) used.add(vm)
      const batch = unwrap(
        await f.api.startBatch({
          profileId: f.profileId,
          rows: chosen!.rows.map((vmUuid) => ({ vmUuid })),
          concurrency: 2,
          perHostLimit: 2,
          stopOnFirstFailure: true,
          drain: { hostUuid: chosen!.uuid, thenMaintain: true }
        })
      )
      const done = await waitForBatch(f.api, batch.id)
      expect(done.drain?.outcome).toMatchObject({
        empty: true,
        remaining: [],
        maintained: true,
        hostState: 'Maintenance'
      })
      expect(sim.host(chosen!.uuid)!.state).toBe('Maintenance')
      expect(onHost(chosen!.uuid).filter((vm) => vm.state !== 'Stopped')).toEqual([])
      const back = unwrap(
        await f.api.changeHostState({ profileId: f.profileId, hostUuid: chosen!.uuid, stateEvent: 'enable' })
      )
      expect(back.state).toBe('Enabled')
      expect(sim.host(chosen!.uuid)!.state).toBe('Enabled')
    }
  )
})
