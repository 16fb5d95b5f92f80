// Actions and asynchronous jobs: submitted once, polled through faults, every outcome mapped.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startSimulator,
  type FaultKind,
  type RunningSimulator,
  type VmInventory as SimVm
} from '../../../src/simulator'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import { failureOf } from './support/failure-of'
import type { JobPoll, ZStackClient } from '../../../src/main/zstack/client-types'
import type { VmInventory } from '../../../src/shared/zstack-types'
import { startFrontServer } from './support/front-server'
import { profileFor } from './support/profiles'
import { plainlyMigratableOn } from '../../support/plain-migratable'

/** The node believes it lives here (NAT): the name does not even resolve from this machine. */
const ADVERTISED = 'http://zstack-mn.invalid:8080'
const BACKOFF = { initialMs: 40, maxMs: 160 }

let sim: RunningSimulator
let client: ZStackClient
let session: string
const used = new Set<string>()

const newJobUuid = (): string => randomBytes(16).toString('hex')

/** A running user VM not used by another test, with the first host ZStack offers for it. */
async function migratable(): Promise<{ vm: SimVm; target: string }> {
  const vms = sim.findVms((vm) => plainlyMigratableOn(sim)(vm) && !used.has(vm.uuid))
  for (const vm of vms) {
    used.add(vm.uuid)
    const candidates = await client.getMigrationCandidates(session, vm.uuid)
    if (candidates[0]) return { vm, target: candidates[0].uuid }
  }
  throw new Error('the simulator has no more migratable VMs')
}

/** Submits the migration of a fresh migratable VM to one of its candidates, under a new job uuid. */
async function submitMigration(via: ZStackClient = client) {
  const { vm, target } = await migratable()
  const jobUuid = newJobUuid()
  const submission = await via.submitVmAction(
    session,
    vm.uuid,
    'migrateVm',
    { hostUuid: target },
    { jobUuid }
  )
  return { vm, target, jobUuid, submission }
}

const submissionsFor = (jobUuid: string): number =>
  sim.stats().migrationSubmissions.filter((s) => s.jobUuid === jobUuid).length

beforeAll(async () => {
  sim = await startSimulator({
    vms: 150,
    seed: 11,
    migrationDurationMs: 250,
    actionDurationMs: 100,
    advertisedUrl: ADVERTISED
  })
  client = createZStackClient(profileFor(sim.url), { pollBackoff: BACKOFF })
  session = (await client.login('admin', 'password')).sessionUuid
})

afterAll(async () => {
  await sim?.stop()
})

describe('live migration, 202 path', () => {
  it('submits migrateVm once and waits for the inventory on the new host', async () => {
    const { vm, target, jobUuid, submission } = await submitMigration()
    expect(submission).toEqual({
      kind: 'accepted',
      jobPath: `/zstack/v1/api-jobs/${jobUuid}`,
      apiTimeoutMs: 3_600_000
    })

    const polls: JobPoll['state'][] = []
    const body = await client.waitForJob(session, submission, { onPoll: (poll) => polls.push(poll.state) })
    const inventory = body.inventory as VmInventory
    expect(inventory.uuid).toBe(vm.uuid)
    expect(inventory.hostUuid).toBe(target)
    expect(inventory.lastHostUuid).toBe(vm.hostUuid)
    expect(inventory.state).toBe('Running')
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(target)
    expect(polls.at(-1)).toBe('done')
    expect(polls).toContain('running')
    expect(submissionsFor(jobUuid)).toBe(1)
  })

  it('polls the configured endpoint although the location names another host', async () => {
    // The fixture really advertises another address: read one 202 by hand.
    const stopped = sim.findVms(
      (vm) => vm.type === 'UserVm' && vm.state === 'Running' && !used.has(vm.uuid)
    )[0]
    used.add(stopped?.uuid ?? '')
    const raw = await fetch(`${sim.url}/zstack/v1/vm-instances/${stopped?.uuid}/actions`, {
      method: 'PUT',
      headers: { Authorization: `OAuth ${session}` },
      body: JSON.stringify({ rebootVmInstance: {} })
    })
    expect(raw.status).toBe(202)
    expect(
      ((await raw.json()) as { location: string }).location.startsWith(`${ADVERTISED}/zstack/v1/api-jobs/`)
    ).toBe(true)

    const front = await startFrontServer({ target: sim.url })
    try {
      const viaFront = createZStackClient(profileFor(front.url), { pollBackoff: BACKOFF })
      const { vm, target } = await migratable()
      const submission = await viaFront.submitVmAction(
        session,
        vm.uuid,
        'migrateVm',
        { hostUuid: target },
        {
          jobUuid: newJobUuid(),
          systemTags: ['tag::a'],
          userTags: ['owner::ops']
        }
      )
      const body = await viaFront.waitForJob(session, submission)
      expect((body.inventory as VmInventory).hostUuid).toBe(target)

      const action = front.requests.find((r) => r.method === 'PUT')
      expect(JSON.parse(action?.body ?? '')).toEqual({
        migrateVm: { hostUuid: target },
        systemTags: ['tag::a'],
        userTags: ['owner::ops']
      })
      const polls = front.requests.filter((r) => r.url.startsWith('/zstack/v1/api-jobs/'))
      expect(polls.length).toBeGreaterThan(0)
    } finally {
      await front.close()
    }
  })
})

describe('the 200 path the doc page shows', () => {
  it('returns the inventory at once and never polls', async () => {
    const { vm, target } = await migratable()
    const inventory = { ...vm, hostUuid: target, lastHostUuid: vm.hostUuid }
    const front = await startFrontServer({
      intercept: (r) =>
        r.method === 'PUT' && r.url === `/zstack/v1/vm-instances/${vm.uuid}/actions`
          ? { status: 200, body: JSON.stringify({ inventory }) }
          : undefined
    })
    try {
      const syncClient = createZStackClient(profileFor(front.url), { pollBackoff: BACKOFF })
      const jobUuid = newJobUuid()
      const submission = await syncClient.submitVmAction(
        session,
        vm.uuid,
        'migrateVm',
        { hostUuid: target },
        { jobUuid }
      )
      expect(submission).toEqual({ kind: 'done', body: { inventory } })
      expect(await syncClient.waitForJob(session, submission)).toEqual({ inventory })
      expect(front.requests).toHaveLength(1)
      expect(front.requests[0]?.headers['x-job-uuid']).toBe(jobUuid)
      expect(JSON.parse(front.requests[0]?.body ?? '')).toEqual({ migrateVm: { hostUuid: target } })
    } finally {
      await front.close()
    }
  })
})

describe('polls that fail are retried; the action is not', () => {
  it.each<FaultKind>(['drop', 'html502', 'truncate'])(
    'a %s on the poll is retried and the migration is submitted exactly once',
    async (kind) => {
      const pollsBefore = sim.stats().polls
      sim.injectFaults({ kind, count: 2, pathIncludes: '/api-jobs/' })
      const { vm, target, jobUuid, submission } = await submitMigration()
      const body = await client.waitForJob(session, submission)
      expect((body.inventory as VmInventory).hostUuid).toBe(target)
      expect(submissionsFor(jobUuid)).toBe(1)
      expect(sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vm.uuid)).toHaveLength(1)
      expect(sim.stats().polls - pollsBefore).toBeGreaterThanOrEqual(3)
    }
  )

  it('a 503 or 504 without a ZStack body is transient: retried until the job answers', async () => {
    let failuresLeft = 3
    const front = await startFrontServer({
      target: sim.url,
      intercept: (r) => {
        if (!r.url.startsWith('/zstack/v1/api-jobs/') || failuresLeft <= 0) return undefined
        failuresLeft -= 1
        return failuresLeft % 2 === 0
          ? { status: 503, body: 'Service Temporarily Unavailable' }
          : { status: 504, body: 'upstream timed out' }
      }
    })
    try {
      const viaFront = createZStackClient(profileFor(front.url), { pollBackoff: BACKOFF })
      const { target, jobUuid, submission } = await submitMigration(viaFront)
      const body = await viaFront.waitForJob(session, submission)
      expect((body.inventory as VmInventory).hostUuid).toBe(target)
      expect(failuresLeft).toBe(0)
      expect(submissionsFor(jobUuid)).toBe(1)
    } finally {
      await front.close()
    }
  })

  it('a proxy 504 on a poll is asked again: the job still completes, one submission', async () => {
    // A node never answers a passing 503 JSON on a poll; what passes is a gateway's HTML.
    sim.injectFaults({ kind: 'html504', count: 2, pathIncludes: '/api-jobs/' })
    const { target, jobUuid, submission } = await submitMigration()
    const body = await client.waitForJob(session, submission)
    expect((body.inventory as VmInventory).hostUuid).toBe(target)
    expect(submissionsFor(jobUuid)).toBe(1)
  })

  it('a SYS.1000 answered by the poll is the job failing: ZSTACK at once, still one submission', async () => {
    sim.failNextMigration({
      code: 'SYS.1000',
      description: 'An internal error happened',
      details: 'agent crashed'
    })
    const { jobUuid, submission } = await submitMigration()
    const polls = sim.stats().polls
    let running = 0
    const error = await failureOf(client.waitForJob(session, submission, { onPoll: () => (running += 1) }))
    expect(error.code).toBe('ZSTACK')
    expect(error.zstack?.code).toBe('SYS.1000')
    // Taken as final: the failing answer was asked for once, after the polls that saw the job running.
    expect(sim.stats().polls - polls).toBe(running + 1)
    expect(submissionsFor(jobUuid)).toBe(1)
  })

  it('never resends the action when its own request fails', async () => {
    const { vm, target } = await migratable()
    const before = sim.stats()
    sim.injectFaults({ kind: 'drop', count: 1, pathIncludes: '/actions', method: 'PUT' })
    const error = await failureOf(
      client.submitVmAction(session, vm.uuid, 'migrateVm', { hostUuid: target }, { jobUuid: newJobUuid() })
    )
    expect(error.code).toBe('NETWORK')
    expect(error.kind).toBe('mayHaveArrived')
    expect(error.cause?.code).toBe('NETWORK')
    expect(sim.stats().requests - before.requests).toBe(1)
    expect(sim.stats().migrationSubmissions).toHaveLength(before.migrationSubmissions.length)
  })

  it('maps a reused job uuid (plain-text 400) to HTTP', async () => {
    const { vm, target } = await migratable()
    const jobUuid = newJobUuid()
    const first = await client.submitVmAction(
      session,
      vm.uuid,
      'migrateVm',
      { hostUuid: target },
      { jobUuid }
    )
    const error = await failureOf(
      client.submitVmAction(session, vm.uuid, 'migrateVm', { hostUuid: target }, { jobUuid })
    )
    expect(error.code).toBe('HTTP')
    expect(error.httpStatus).toBe(400)
    expect(error.kind).toBe('requestRejected')
    expect(error.details).toMatch(/Duplicate job uuid/)
    await client.waitForJob(session, first)
    expect(submissionsFor(jobUuid)).toBe(1)
  })
})

describe('how a wait ends', () => {
  it('a failed migration is ZSTACK with its code, and the VM stays where it was', async () => {
    const { vm, target } = await migratable()
    sim.failNextMigration({
      code: 'HOST.1009',
      description: 'hypervisor migration failed',
      details: 'libvirt: timed out'
    })
    const submission = await client.submitVmAction(
      session,
      vm.uuid,
      'migrateVm',
      { hostUuid: target },
      {
        jobUuid: newJobUuid()
      }
    )
    const error = await failureOf(client.waitForJob(session, submission))
    expect(error.code).toBe('ZSTACK')
    expect(error.zstack?.code).toBe('HOST.1009')
    expect(error.kind).toBe('zstackHypervisorFailed')
    expect(error.params).toEqual({ zstackCode: 'HOST.1009' })
    expect(error.zstack?.description).toBe('hypervisor migration failed')
    expect(error.details).toContain('libvirt: timed out')
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(vm.hostUuid)
  })

  it('an unknown or expired job is JOB_EXPIRED, at once', async () => {
    const jobPath = `/zstack/v1/api-jobs/${newJobUuid()}`
    const pollsBefore = sim.stats().polls
    expect((await failureOf(client.pollJob(session, jobPath))).code).toBe('JOB_EXPIRED')
    const error = await failureOf(client.waitForJob(session, { kind: 'accepted', jobPath }))
    expect(error.code).toBe('JOB_EXPIRED')
    expect(error.httpStatus).toBe(404)
    expect(sim.stats().polls - pollsBefore).toBe(2)
  })

  it('a session expired during the job does not lose it: a poll checks no session, the job is followed to its end', async () => {
    const { vm, target } = await migratable()
    const submission = await client.submitVmAction(
      session,
      vm.uuid,
      'migrateVm',
      { hostUuid: target },
      {
        jobUuid: newJobUuid()
      }
    )
    sim.expireSessions()
    try {
      const body = await client.waitForJob(session, submission)
      expect((body.inventory as VmInventory).hostUuid).toBe(target)
      expect(sim.vm(vm.uuid)?.hostUuid).toBe(target)
    } finally {
      session = (await client.login('admin', 'password')).sessionUuid
    }
  })

  it('stops at the overall timeout with TIMEOUT, and at once when aborted', async () => {
    sim.setOptions({ migrationDurationMs: 3000 })
    try {
      const slow = await migratable()
      const submission = await client.submitVmAction(
        session,
        slow.vm.uuid,
        'migrateVm',
        { hostUuid: slow.target },
        {
          jobUuid: newJobUuid()
        }
      )
      const started = Date.now()
      const timeout = await failureOf(client.waitForJob(session, submission, { timeoutMs: 300 }))
      expect(timeout.code, JSON.stringify(timeout)).toBe('TIMEOUT')
      expect(timeout.kind).toBe('jobTimedOut')
      expect(Date.now() - started).toBeLessThan(1500)

      const controller = new AbortController()
      const reason = new Error('app closing')
      let polls = 0
      const wait = client.waitForJob(session, submission, {
        signal: controller.signal,
        onPoll: () => {
          polls += 1
          if (polls === 2) controller.abort(reason)
        }
      })
      await expect(wait).rejects.toBe(reason)
      const pollsAtAbort = sim.stats().polls
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(sim.stats().polls).toBe(pollsAtAbort)
    } finally {
      sim.setOptions({ migrationDurationMs: 250 })
    }
  })
})
