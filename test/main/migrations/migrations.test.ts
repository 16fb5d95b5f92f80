import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { deskError } from '../../../src/main/desk-error'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import type { CreateZStackClient } from '../../../src/main/zstack/client-types'
import { createMemorySecretStore } from '../desk/support/memory-secret-store'
import {
  FAST,
  failure,
  removeDir,
  startDesk,
  tempDataDir,
  unwrap,
  type DeskFixture
} from '../desk/support/desk-fixture'
import {
  migrateToTarget,
  pickMigration,
  signedInDesk,
  submissionsFor,
  updatesOf,
  waitForState
} from './support'
import type { ComposeOptions } from '../../../src/main/compose'

let sim: RunningSimulator
const used = new Set<string>()
const fixtures: DeskFixture[] = []
const dirs: string[] = []

beforeAll(async () => {
  // A node without long jobs: this file proves the plain migrateVm path (long-jobs.test.ts covers the other).
  sim = await startSimulator({ vms: 80, migrationDurationMs: 400, actionDurationMs: 100, longJobs: false })
})
afterAll(async () => {
  await sim.stop()
  for (const dir of dirs) removeDir(dir)
})
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.dispose()
  sim.setOptions({ migrationDurationMs: 400, jobRetentionMs: 3 * 60 * 60 * 1000 })
})

const desk = (options: Partial<ComposeOptions> & { remember?: boolean } = {}) =>
  signedInDesk(sim, { fixtures, dirs }, options)

describe('plain-action migrations over the simulator', () => {
  it('journals, submits once, follows the 202 job and reports every step in order', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.setOptions({ migrationDurationMs: 600 })
    const record = await migrateToTarget(f, choice, { downTime: 500 })
    expect(record).toMatchObject({
      state: 'submitted',
      vmName: choice.vmName,
      profileName: 'Migration cloud',
      jobUuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      before: {
        hostUuid: choice.sourceHostUuid,
        hostName: expect.any(String),
        clusterName: expect.any(String),
        zoneName: expect.any(String)
      }
    })
    const done = await waitForState(f, record.id, ['succeeded', 'failed'])
    expect(done.state).toBe('succeeded')
    expect(done.inventory).toMatchObject({
      uuid: choice.vmUuid,
      hostUuid: choice.targetHostUuid,
      state: 'Running'
    })
    expect(done.after).toMatchObject({
      hostUuid: choice.targetHostUuid,
      lastHostUuid: choice.sourceHostUuid,
      hostName: expect.any(String)
    })
    expect(done.finishedAt).toBeDefined()

    const states = updatesOf(f, record.id).map((r) => r.state)
    const firstRunning = states.indexOf('running')
    expect(states.slice(0, 2)).toEqual(['pending', 'submitted'])
    expect(firstRunning).toBe(2)
    expect(states.at(-1)).toBe('succeeded')
    expect(states.slice(firstRunning, -1).every((s) => s === 'running')).toBe(true)
    const polls = updatesOf(f, record.id).map((r) => r.polls)
    expect(polls).toEqual([...polls].sort((a, b) => a - b))
    expect(updatesOf(f, record.id).some((r) => r.observedVmState === 'Migrating')).toBe(true)

    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
    expect(sim.stats().migrationSubmissions.find((s) => s.vmUuid === choice.vmUuid)?.jobUuid).toBe(
      record.jobUuid
    )
    expect(sim.vm(choice.vmUuid)?.hostUuid).toBe(choice.targetHostUuid)
    const journal = JSON.parse(readFileSync(join(f.dataDir, 'migrations.json'), 'utf8')) as {
      records: { id: string; state: string }[]
    }
    expect(journal.records.find((r) => r.id === record.id)?.state).toBe('succeeded')
    expect(unwrap(await f.api.listMigrations({ profileId: f.profileId }))[0]).toMatchObject({
      id: record.id,
      state: 'succeeded'
    })
  })

  it('reports a failed migration with the server error', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.failNextMigration({
      code: 'HOST.1009',
      description: 'Hypervisor migration failed',
      details: 'libvirt: migration aborted'
    })
    const record = await migrateToTarget(f, choice)
    const done = await waitForState(f, record.id, ['succeeded', 'failed'])
    expect(done.state).toBe('failed')
    expect(done.error).toMatchObject({ code: 'ZSTACK', zstack: { code: 'HOST.1009' } })
    expect(done.error?.kind).toBe('zstackHypervisorFailed')
    expect(done.error?.zstack?.description).toMatch(/Hypervisor migration failed/)
    expect(sim.vm(choice.vmUuid)).toMatchObject({ hostUuid: choice.sourceHostUuid, state: 'Running' })
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })

  it('rides out failing polls without ever resubmitting', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.setOptions({ migrationDurationMs: 500 })
    const pollsBefore = sim.stats().polls
    const record = await migrateToTarget(f, choice)
    sim.injectFaults({ kind: 'html502', count: 2, pathIncludes: '/api-jobs/' })
    sim.injectFaults({ kind: 'drop', count: 2, pathIncludes: '/api-jobs/' })
    sim.injectFaults({ kind: 'truncate', count: 1, pathIncludes: '/api-jobs/' })
    const done = await waitForState(f, record.id, ['succeeded', 'failed'])
    expect(done.state).toBe('succeeded')
    // Five polls failed (and were asked again) on top of the ones that answered.
    expect(sim.stats().polls - pollsBefore).toBeGreaterThanOrEqual(done.polls + 5)
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
    expect(sim.vm(choice.vmUuid)?.hostUuid).toBe(choice.targetHostUuid)
  })

  it('refuses a second migration of a VM that is still migrating, without sending it', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.setOptions({ migrationDurationMs: 800 })
    const [first, second] = await Promise.all([
      f.api.migrateVm({
        profileId: f.profileId,
        vmUuid: choice.vmUuid,
        params: { hostUuid: choice.targetHostUuid }
      }),
      f.api.migrateVm({ profileId: f.profileId, vmUuid: choice.vmUuid, params: {} })
    ])
    const record = unwrap(first)
    expect(failure(second)).toMatchObject({
      code: 'MIGRATION_IN_PROGRESS',
      kind: 'alreadyMigrating',
      params: { vm: choice.vmName, time: expect.stringMatching(/^\d\d:\d\d$/) }
    })
    const third = await f.api.migrateVm({ profileId: f.profileId, vmUuid: choice.vmUuid, params: {} })
    expect(failure(third).code).toBe('MIGRATION_IN_PROGRESS')
    await waitForState(f, record.id, ['succeeded'])
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
    expect(unwrap(await f.api.listMigrations({})).filter((r) => r.vmUuid === choice.vmUuid)).toHaveLength(1)
  })

  it('keeps polling the same job when the session expires mid-migration; the next read re-logs in once', async () => {
    const f = await desk({ remember: true })
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.setOptions({ migrationDurationMs: 900 })
    const record = await migrateToTarget(f, choice)
    await waitForState(f, record.id, ['running'])
    const logins = sim.stats().logins
    sim.expireSessions()
    const done = await waitForState(f, record.id, ['succeeded', 'failed'])
    expect(done.state).toBe('succeeded')
    // The job's answer carries the VM and the cached topology names its host: the end needs no session.
    expect(done.after?.hostName).toEqual(expect.any(String))
    expect(sim.stats().logins).toBe(logins)
    unwrap(await f.api.getVm({ profileId: f.profileId, vmUuid: choice.vmUuid }))
    expect(sim.stats().logins).toBe(logins + 1)
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })

  it('follows the job to its end after the session expired, without a sign-in: job polls need no session', async () => {
    const f = await desk({ remember: false })
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.setOptions({ migrationDurationMs: 900 })
    const record = await migrateToTarget(f, choice)
    await waitForState(f, record.id, ['running'])
    const logins = sim.stats().logins
    sim.expireSessions()
    const done = await waitForState(f, record.id, ['succeeded', 'failed'])
    expect(done.state).toBe('succeeded')
    expect(done.error).toBeUndefined()
    expect(sim.stats().logins).toBe(logins)
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })

  it('resolves an expired job by the VM: moved means succeeded, not moved means JOB_EXPIRED', async () => {
    for (const outcome of ['moved', 'not-moved'] as const) {
      const dataDir = tempDataDir('desk-migrations-')
      dirs.push(dataDir)
      const first = await desk({ remember: false, dataDir })
      const choice = await pickMigration(first.api, sim, first.profileId, used)
      sim.setOptions({ migrationDurationMs: 500 })
      if (outcome === 'not-moved')
        sim.failNextMigration({ code: 'HOST.1009', description: 'Hypervisor migration failed', details: 'x' })
      const record = await migrateToTarget(first, choice)
      await waitForState(first, record.id, ['running'])
      // The app goes away without a stored session; the job finishes and the server forgets it.
      await first.dispose()
      fixtures.splice(fixtures.indexOf(first), 1)
      sim.setOptions({ jobRetentionMs: 0 })
      await expect.poll(() => sim.vm(choice.vmUuid)?.state, { timeout: 5000, interval: 20 }).toBe('Running')
      const second = await startDesk({ dataDir })
      fixtures.push(second)
      await expect
        .poll(
          async () =>
            unwrap(await second.api.listMigrations({})).find((r) => r.id === record.id)?.error?.code,
          {
            timeout: 5000,
            interval: 20
          }
        )
        .toBe('SESSION_EXPIRED')
      unwrap(
        await second.api.signIn({
          profileId: first.profileId,
          accountName: 'admin',
          password: 'password',
          rememberPassword: false
        })
      )
      const done = await waitForState(second, record.id, ['succeeded', 'failed'])
      if (outcome === 'moved') {
        expect(done).toMatchObject({
          state: 'succeeded',
          inventory: { hostUuid: choice.targetHostUuid },
          after: { hostUuid: choice.targetHostUuid }
        })
      } else {
        expect(done).toMatchObject({ state: 'failed', error: { code: 'JOB_EXPIRED' } })
        expect(done.error?.kind).toBe('migrationDidNotComplete')
      }
      expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
      sim.setOptions({ jobRetentionMs: 3 * 60 * 60 * 1000 })
    }
  })

  it('never resends when the submission is lost on the way: the job is unknown, the VM unmoved, so it failed', async () => {
    const f = await desk()
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    sim.injectFaults({
      kind: 'drop',
      count: 1,
      pathIncludes: `/vm-instances/${choice.vmUuid}/actions`,
      method: 'PUT'
    })
    const record = await migrateToTarget(f, choice)
    expect(record).toMatchObject({
      state: 'submitted',
      submissionUnconfirmed: true,
      error: { code: 'NETWORK' }
    })
    expect(record.error?.kind).toBe('migrationAnswerLost')
    const done = await waitForState(f, record.id, ['succeeded', 'failed'])
    expect(done).toMatchObject({ state: 'failed', error: { code: 'NETWORK' } })
    expect(done.error?.kind).toBe('migrationNeverArrived')
    expect(submissionsFor(sim, choice.vmUuid)).toBe(0)
    expect(sim.vm(choice.vmUuid)?.hostUuid).toBe(choice.sourceHostUuid)
  })

  it('writes the record before sending, and follows a request whose answer was lost after the server took it', async () => {
    let journalAtSubmit: string | undefined
    let dataDir = ''
    const clientFactory: CreateZStackClient = (profile) => {
      const real = createZStackClient(profile, FAST.clientOptions)
      return {
        ...real,
        profile,
        waitForJob: real.waitForJob.bind(real),
        async submitVmAction(...args) {
          journalAtSubmit = readFileSync(join(dataDir, 'migrations.json'), 'utf8')
          await real.submitVmAction(...args)
          // The server has the job; only its answer is lost on the way back.
          throw deskError('connectionClosed', { address: 'zstack.lab:8080' })
        }
      }
    }
    dataDir = tempDataDir('desk-migrations-')
    dirs.push(dataDir)
    const f = await desk({ dataDir, clientFactory })
    const choice = await pickMigration(f.api, sim, f.profileId, used)
    const record = await migrateToTarget(f, choice)
    const journaled = JSON.parse(journalAtSubmit!) as {
      records: { id: string; state: string; jobUuid: string }[]
    }
    expect(journaled.records.find((r) => r.id === record.id)).toMatchObject({
      state: 'pending',
      jobUuid: record.jobUuid
    })
    expect(record.submissionUnconfirmed).toBe(true)
    const done = await waitForState(f, record.id, ['succeeded', 'failed'])
    expect(done.state).toBe('succeeded')
    expect(done.submissionUnconfirmed).toBeUndefined()
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })

  it('resumes polling after a restart and ends with exactly one submission', async () => {
    const store = createMemorySecretStore()
    const dataDir = tempDataDir('desk-migrations-')
    dirs.push(dataDir)
    const first = await desk({ dataDir, secretStore: store })
    const choice = await pickMigration(first.api, sim, first.profileId, used)
    sim.setOptions({ migrationDurationMs: 1500 })
    const record = unwrap(
      await first.api.migrateVm({
        profileId: first.profileId,
        vmUuid: choice.vmUuid,
        params: { hostUuid: choice.targetHostUuid }
      })
    )
    await waitForState(first, record.id, ['running'])
    // The app goes away mid-migration; nothing waits for the job.
    await first.dispose()
    fixtures.splice(fixtures.indexOf(first), 1)
    expect(sim.vm(choice.vmUuid)?.state).toBe('Migrating')

    const second = await desk({ dataDir, secretStore: store })
    const listed = unwrap(await second.api.listMigrations({})).find((r) => r.id === record.id)
    expect(listed?.state === 'running' || listed?.state === 'succeeded').toBe(true)
    const done = await waitForState(second, record.id, ['succeeded', 'failed'])
    expect(done).toMatchObject({
      state: 'succeeded',
      jobUuid: record.jobUuid,
      inventory: { hostUuid: choice.targetHostUuid }
    })
    expect(done.polls).toBeGreaterThan(listed?.polls ?? 0)
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })

  it('resolves a record journaled but never sent before the app stopped, without sending it', async () => {
    const store = createMemorySecretStore()
    const dataDir = tempDataDir('desk-migrations-')
    dirs.push(dataDir)
    let submitCalled = false
    const hanging: CreateZStackClient = (profile) => {
      const real = createZStackClient(profile, FAST.clientOptions)
      return {
        ...real,
        profile,
        // The app "dies" while sending: the request never leaves.
        submitVmAction: () => {
          submitCalled = true
          return new Promise(() => undefined)
        }
      }
    }
    const first = await desk({ dataDir, secretStore: store, clientFactory: hanging })
    const choice = await pickMigration(first.api, sim, first.profileId, used)
    void first.api.migrateVm({
      profileId: first.profileId,
      vmUuid: choice.vmUuid,
      params: { hostUuid: choice.targetHostUuid }
    })
    await expect.poll(() => submitCalled).toBe(true)
    const pending = first.of('migration:update').find((r) => r.vmUuid === choice.vmUuid)!
    expect(pending.state).toBe('pending')
    await first.dispose()
    fixtures.splice(fixtures.indexOf(first), 1)

    const second = await desk({ dataDir, secretStore: store })
    const done = await waitForState(second, pending.id, ['succeeded', 'failed'])
    expect(done).toMatchObject({ state: 'failed', error: { code: 'NETWORK' } })
    expect(done.error?.kind).toBe('migrationNeverArrived')
    expect(submissionsFor(sim, choice.vmUuid)).toBe(0)
    // The VM is free to migrate again.
    const retry = unwrap(
      await second.api.migrateVm({
        profileId: second.profileId,
        vmUuid: choice.vmUuid,
        params: { hostUuid: choice.targetHostUuid }
      })
    )
    expect((await waitForState(second, retry.id, ['succeeded', 'failed'])).state).toBe('succeeded')
    expect(submissionsFor(sim, choice.vmUuid)).toBe(1)
  })
})
