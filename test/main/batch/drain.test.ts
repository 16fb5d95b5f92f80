// Draining a host over real HTTP against the simulator: K at once, faults on the way, one VM that cannot leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batchReportFile } from '../../../src/shared/batch-report'
import type { AppError } from '../../../src/shared/result'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { failure, removeDir, unwrap, type DeskFixture } from '../desk/support/desk-fixture'
import { signedInDesk } from '../migrations/support'
import {
  doubleSubmissions,
  expectReportMatchesSimulator,
  fillHost,
  bestTarget,
  waitForBatch
} from './support/drain-support'

let sim: RunningSimulator
const fixtures: DeskFixture[] = []
const dirs: string[] = []

beforeAll(async () => {
  sim = await startSimulator({ vms: 400, actionDurationMs: 50, migrationDurationMs: 250, switchOverMs: 100 })
})
afterAll(async () => {
  for (const f of fixtures.splice(0)) await f.dispose()
  await sim.stop()
  for (const dir of dirs) removeDir(dir)
})

describe('host drain through the batch queue', () => {
  it(
    'drains 40 VMs with K=4 through drops, HTML 502s and expired sessions: each sent once, none stopped, the VM that fails stays and the host stays Enabled',
    { timeout: 240_000 },
    async () => {
      const f = await signedInDesk(sim, { fixtures, dirs }, { batchTickMs: 100 })
      const target = await bestTarget(f.api, sim, f.profileId)
      const host = target.host
      await fillHost(f.api, f.profileId, target, 40)

      const plan = unwrap(await f.api.planDrain({ profileId: f.profileId, hostUuid: host.uuid }))
      expect(plan.drain?.host).toMatchObject({ hostUuid: host.uuid, state: 'Enabled' })
      const placeable = plan.rows.filter((r) => r.to)
      expect(placeable.length).toBeGreaterThanOrEqual(40)
      const stubborn = placeable[7]!.vmUuid
      sim.failMigrationsOf(stubborn)

      const since = sim.stats().migrationSubmissions.length
      const requestsBefore = sim.stats().requests
      const batch = unwrap(
        await f.api.startBatch({
          profileId: f.profileId,
          rows: placeable.map((r) => ({ vmUuid: r.vmUuid })),
          concurrency: 4,
          stopOnFirstFailure: false,
          drain: { hostUuid: host.uuid, thenMaintain: true }
        })
      )
      // From here on about one request in ten fails: connections dropped, a proxy's HTML 502; sessions expire.
      sim.setOptions({ faults: { drop: 0.05, html502: 0.05 } })
      const expiring = setInterval(() => sim.expireSessions(), 1500)
      let done
      try {
        done = await waitForBatch(f.api, batch.id, 200_000)
      } finally {
        clearInterval(expiring)
        sim.setOptions({ faults: {} })
      }
      console.log(
        `drain: ${done.rows.length} rows, ${JSON.stringify(done.counts)}, ${sim.stats().requests - requestsBefore} requests, ` +
          `${Date.parse(done.finishedAt!) - Date.parse(done.createdAt)} ms`
      )
      const reasons = done.rows.filter((r) => r.reason).map((r) => r.reason!.kind)
      console.log(`drain reasons: ${JSON.stringify(reasons)}`)
      expect(doubleSubmissions(sim, since)).toEqual([])
      expect(sim.vm(stubborn)).toMatchObject({ hostUuid: host.uuid, state: 'Running' })
      const stubbornRow = done.rows.find((r) => r.vmUuid === stubborn)!
      // HOST.1009 when its request arrived; a fault may have lost the request itself, and it was not sent again.
      expect(stubbornRow.state).toBe('failed')
      expect(done.counts.succeeded).toBeGreaterThan(30)
      expectReportMatchesSimulator(sim, done, host.uuid)
      expect(done.drain?.outcome).toMatchObject({
        empty: false,
        maintained: false,
        error: { kind: 'drainNotEmpty' }
      })
      expect(done.drain?.outcome?.remaining.find((r) => r.vmUuid === stubborn)?.reason).toEqual(
        stubbornRow.reason
      )
      expect(sim.host(host.uuid)!.state).toBe('Enabled')
      // Each migration of the drain is in Activity, tied to the batch.
      const records = unwrap(await f.api.listMigrations({ profileId: f.profileId })).filter(
        (r) => r.batchId === batch.id
      )
      expect(records.length).toBe(done.rows.filter((r) => r.migrationId).length)
      // A request a fault swallowed never reached the node: fewer arrivals than records, never more.
      expect(sim.stats().migrationSubmissions.length - since).toBeLessThanOrEqual(records.length)

      // The report, as a file (the window builds it from the batch, phrasing reasons in its language).
      const english = (error: AppError): string => error.message
      const csv = batchReportFile(done, 'csv', english)
      expect(csv.content.split('\r\n').filter(Boolean)).toHaveLength(done.rows.length + 1)
      expect(csv.content).toContain(`,failed,`)
      expect(csv.content).toContain(`,${stubbornRow.reason!.kind},`)
      const json = batchReportFile(done, 'json', english)
      expect(JSON.parse(json.content).rows).toHaveLength(done.rows.length)

      // ZStack's own maintain on the same host stops the VM it cannot move; the safe drain above did not.
      sim.setOptions({ hostMaintenancePolicy: 'StopVmOnMigrationFailure' })
      unwrap(
        await f.api.changeHostState({ profileId: f.profileId, hostUuid: host.uuid, stateEvent: 'maintain' })
      )
      expect(sim.host(host.uuid)!.state).toBe('Maintenance')
      expect(sim.vm(stubborn)!.state).toBe('Stopped')
      const back = unwrap(
        await f.api.changeHostState({ profileId: f.profileId, hostUuid: host.uuid, stateEvent: 'enable' })
      )
      expect(back.state).toBe('Enabled')
    }
  )

  it('refuses a VM listed twice, an unknown batch and an unknown host, changing nothing', async () => {
    const f = await signedInDesk(sim, { fixtures, dirs })
    const vm = sim.findVms((v) => v.state === 'Running')[0]!
    const before = sim.stats().migrationSubmissions.length
    const twice = await f.api.startBatch({
      profileId: f.profileId,
      rows: [{ vmUuid: vm.uuid }, { vmUuid: vm.uuid }],
      stopOnFirstFailure: false
    })
    expect(failure(twice)).toMatchObject({ kind: 'batchDuplicateVm' })
    expect(failure(await f.api.getBatch({ batchId: '00000000-0000-4000-8000-000000000009' }))).toMatchObject({
      code: 'NOT_FOUND'
    })
    expect(
      failure(await f.api.planDrain({ profileId: f.profileId, hostUuid: 'f'.repeat(32) }))
    ).toMatchObject({ kind: 'noSuchHost' })
    expect(unwrap(await f.api.listBatches({ profileId: f.profileId }))).toEqual([])
    expect(sim.stats().migrationSubmissions.length).toBe(before)
  })
})
