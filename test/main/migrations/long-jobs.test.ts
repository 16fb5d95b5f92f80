// Long-job migrations through DeskApi over real HTTP: progress, estimate, cancel (in time and too late), retry, restart.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import type { ComposeOptions } from '../../../src/main/compose'
import { createMemorySecretStore } from '../desk/support/memory-secret-store'
import { failure, removeDir, tempDataDir, unwrap, type DeskFixture } from '../desk/support/desk-fixture'
import {
  migrateToTarget,
  pickMigration,
  signedInDesk,
  submissionsFor,
  updatesOf,
  waitForState
} from './support'

let sim: RunningSimulator
const used = new Set<string>()
const fixtures: DeskFixture[] = []
const dirs: string[] = []
const BASE = { migrationDurationMs: 600, switchOverMs: 300, progressReports: 3 }

beforeAll(async () => {
  sim = await startSimulator({ vms: 80, actionDurationMs: 100, ...BASE })
})
afterAll(async () => {
  await sim.stop()
  for (const dir of dirs) removeDir(dir)
})
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.dispose()
  sim.setOptions({ ...BASE, longJobs: true })
})

const desk = (options: Partial<ComposeOptions> & { remember?: boolean } = {}) =>
  signedInDesk(sim, { fixtures, dirs }, options)

const FINAL = ['succeeded', 'failed', 'canceled'] as const

describe('long-job migrations over the simulator', () => {
  it('submits once as a long job, reports staged progress, keeps what was asked, then estimates the next', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    const plan = unwrap(await f.api.getMigrationPlan({ profileId: f.profileId, vmUuid: choice.vmUuid }))
    expect(plan.mode).toBe('long-job')
    const record = await migrateToTarget(f, choice)
    expect(record).toMatchObject({
      mode: 'long-job',
      longJobUuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      requested: { hostUuid: choice.targetHostUuid, hostName: expect.any(String) },
      vmMemorySize: expect.any(Number),
      before: { hostUuid: choice.sourceHostUuid, vmState: 'Running' }
    })
    expect(record).not.toHaveProperty('estimate')
    const done = await waitForState(f, record.id, [...FINAL])
    expect(done).toMatchObject({
      state: 'succeeded',
      inventory: { hostUuid: choice.targetHostUuid },
      after: { hostUuid: choice.targetHostUuid, vmState: 'Running' }
    })
    const progress = updatesOf(f, record.id).flatMap((r) => (r.progress ? [r.progress] : []))
    expect(progress.length).toBeGreaterThan(0)
    for (const p of progress) {
      expect(p.stage).toBe(p.percent >= 100 ? 'done' : p.percent >= 90 ? 'switch-over' : 'transfer')
    }
    const percents = progress.map((p) => p.percent)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(updatesOf(f, record.id).map((r) => r.state)).toContain('running')
    const sent = sim.stats().migrationSubmissions.filter((s) => s.vmUuid === choice.vmUuid)
    expect(sent).toEqual([
      expect.objectContaining({ jobUuid: record.jobUuid, longJobUuid: record.longJobUuid })
    ])

    // A second VM of similar memory on the same cluster now has an estimate, and says how it was made.
    const memory = done.vmMemorySize!
    const similar = (bytes = 0): boolean => bytes >= memory / 2 && bytes <= memory * 2
    let next = await pickMigration(f.api, sim, f.profileId, used)
    while (!similar(sim.vm(next.vmUuid)?.memorySize))
      next = await pickMigration(f.api, sim, f.profileId, used)
    const second = await migrateToTarget(f, next)
    expect(second.estimate).toMatchObject({ method: 'median-of-similar-memory', samples: 1 })
    const estimate = second.estimate!
    expect(estimate.memoryMin).toBeLessThanOrEqual(second.vmMemorySize!)
    expect(estimate.memoryMax).toBeGreaterThanOrEqual(second.vmMemorySize!)
    expect(estimate.typicalMs).toBe(Date.parse(done.finishedAt!) - Date.parse(done.submittedAt!))
    expect(estimate.remainingMs).toBeLessThanOrEqual(estimate.typicalMs)
    await waitForState(f, second.id, [...FINAL])
  })

  it('cancelled in time: Canceling, then Canceled with the VM on its source host, one submission', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.setOptions({ migrationDurationMs: 3000 })
    const record = await migrateToTarget(f, choice)
    await waitForState(f, record.id, ['running'])
    const asked = unwrap(await f.api.cancelMigration({ migrationId: record.id }))
    expect(asked).toMatchObject({ state: 'canceling', cancelRequestedAt: expect.any(String) })
    const done = await waitForState(f, record.id, [...FINAL])
    expect(done).toMatchObject({
      state: 'canceled',
      after: { hostUuid: choice.sourceHostUuid, vmState: 'Running' },
      requested: { hostUuid: choice.targetHostUuid }
    })
    expect(sim.vm(choice.vmUuid)).toMatchObject({ hostUuid: choice.sourceHostUuid, state: 'Running' })
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
    // A second cancel of a finished migration is refused and sends nothing.
    expect(failure(await f.api.cancelMigration({ migrationId: record.id })).code).toBe('INVALID_INPUT')
  })

  it('cancelled after the switch-over: too late, it ends Succeeded on the destination', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.setOptions({ switchOverMs: 2500 })
    const record = await migrateToTarget(f, choice)
    await expect
      .poll(() => updatesOf(f, record.id).at(-1)?.progress?.percent ?? 0, { timeout: 10_000, interval: 20 })
      .toBeGreaterThanOrEqual(90)
    unwrap(await f.api.cancelMigration({ migrationId: record.id }))
    const done = await waitForState(f, record.id, [...FINAL])
    expect(done.state).toBe('succeeded')
    expect(updatesOf(f, record.id).map((r) => r.state)).toContain('canceling')
    expect(sim.vm(choice.vmUuid)?.hostUuid).toBe(choice.targetHostUuid)
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })

  it('retries a failed migration as a new one with the same parameters, only when asked', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.failNextMigration({
      code: 'HOST.1009',
      description: 'Hypervisor migration failed',
      details: 'aborted'
    })
    const record = await migrateToTarget(f, choice, { downTime: 700 })
    const failed = await waitForState(f, record.id, [...FINAL])
    expect(failed).toMatchObject({
      state: 'failed',
      error: { zstack: { code: 'HOST.1009' } },
      requested: { hostUuid: choice.targetHostUuid },
      after: { hostUuid: choice.sourceHostUuid, vmState: 'Running' }
    })
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
    const again = unwrap(await f.api.retryMigration({ migrationId: record.id }))
    expect(again).toMatchObject({ retryOf: record.id, params: record.params, vmUuid: choice.vmUuid })
    expect(again.id).not.toBe(record.id)
    expect(again.longJobUuid).not.toBe(record.longJobUuid)
    expect(failure(await f.api.retryMigration({ migrationId: again.id })).code).toBe('INVALID_INPUT')
    expect((await waitForState(f, again.id, [...FINAL])).state).toBe('succeeded')
    expect(submissionsFor(sim, choice.vmUuid)).toBe(2)
    expect(
      failure(await f.api.cancelMigration({ migrationId: '00000000-0000-4000-8000-000000000000' })).code
    ).toBe('NOT_FOUND')
  })

  it('resumes a long job by its uuid after a restart, never resubmitting it', async () => {
    const store = createMemorySecretStore()
    const dataDir = tempDataDir('desk-longjobs-')
    dirs.push(dataDir)
    const first = await desk({ dataDir, secretStore: store })
    const choice = await pickMigration(first.api, sim, first.profileId, used)
    sim.setOptions({ migrationDurationMs: 2000 })
    const record = await migrateToTarget(first, choice)
    await waitForState(first, record.id, ['running'])
    await first.dispose()
    fixtures.splice(fixtures.indexOf(first), 1)
    expect(sim.vm(choice.vmUuid)?.state).toBe('Migrating')

    const second = await desk({ dataDir, secretStore: store })
    const done = await waitForState(second, record.id, [...FINAL])
    expect(done).toMatchObject({
      state: 'succeeded',
      longJobUuid: record.longJobUuid,
      jobUuid: record.jobUuid
    })
    expect(sim.vm(choice.vmUuid)?.hostUuid).toBe(choice.targetHostUuid)
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })

  it('on a node without long jobs: the plain action, and Cancel is refused with the reason', async () => {
    sim.setOptions({ longJobs: false, migrationDurationMs: 1500 })
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    const plan = unwrap(await f.api.getMigrationPlan({ profileId: f.profileId, vmUuid: choice.vmUuid }))
    expect(plan.mode).toBe('plain')
    const record = await migrateToTarget(f, choice)
    expect(record.mode).toBe('plain')
    expect(record).not.toHaveProperty('longJobUuid')
    const refused = failure(await f.api.cancelMigration({ migrationId: record.id }))
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.message).toMatch(/plain migrateVm action.*cannot cancel/)
    expect((await waitForState(f, record.id, [...FINAL])).state).toBe('succeeded')
    const sent = sim.stats().migrationSubmissions.filter((s) => s.vmUuid === choice.vmUuid)
    expect(sent).toEqual([expect.not.objectContaining({ longJobUuid: expect.anything() })])
  })
})
