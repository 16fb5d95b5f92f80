// Long jobs and task progress over HTTP: submit, follow, cancel before and after the switch-over, restart, absence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator, type VmInventory } from '../../src/simulator'
import { call, errorOf, jobPathOf, logIn, query, waitForJob, type HttpResult } from './sim-client'

let sim: RunningSimulator
let session: string
const used = new Set<string>()

interface LongJob {
  uuid: string
  apiId: string
  state: string
  jobName: string
  jobData: string
  jobResult?: string
  targetResourceUuid?: string
}

beforeAll(async () => {
  sim = await startSimulator({ vms: 60, migrationDurationMs: 800, progressReports: 3, switchOverMs: 1500 })
  session = await logIn(sim.url)
})
afterAll(() => sim.stop())

/** A running VM and one host it may migrate to, never handed out twice. */
async function pick(): Promise<{ vm: VmInventory; target: string }> {
  for (const vm of sim.findVms((v) => v.state === 'Running' && v.type === 'UserVm' && !used.has(v.uuid))) {
    used.add(vm.uuid)
    const hosts = await query<{ uuid: string }>(
      sim.url,
      session,
      `/zstack/v1/vm-instances/${vm.uuid}/migration-target-hosts`
    )
    if (hosts[0]) return { vm, target: hosts[0].uuid }
  }
  throw new Error('no migratable VM left')
}

function submit(vmUuid: string, hostUuid: string, extra: Record<string, unknown> = {}): Promise<HttpResult> {
  return call(sim.url, 'POST', '/zstack/v1/longjobs', {
    session,
    body: {
      params: {
        jobName: 'APIMigrateVmMsg',
        jobData: JSON.stringify({ vmInstanceUuid: vmUuid, hostUuid }),
        targetResourceUuid: vmUuid,
        ...extra
      }
    }
  })
}

async function submitted(
  vmUuid: string,
  hostUuid: string,
  extra: Record<string, unknown> = {}
): Promise<LongJob> {
  const accepted = await submit(vmUuid, hostUuid, extra)
  expect(accepted.status).toBe(202)
  const done = await waitForJob(sim.url, session, jobPathOf(accepted))
  expect(done.status).toBe(200)
  return (done.json as { inventory: LongJob }).inventory
}

async function longJob(uuid: string): Promise<LongJob> {
  const [job] = await query<LongJob>(sim.url, session, `/zstack/v1/longjobs/${uuid}`)
  if (!job) throw new Error(`long job ${uuid} not found`)
  return job
}

const finalState = (uuid: string): Promise<string> =>
  expect
    .poll(async () => (await longJob(uuid)).state, { timeout: 15_000, interval: 50 })
    .toMatch(/^(Succeeded|Canceled|Failed)$/)
    .then(async () => (await longJob(uuid)).state)

async function progressOf(apiId: string, all = false): Promise<number[]> {
  const entries = await query<{ type: string; content: string }>(
    sim.url,
    session,
    `/zstack/v1/task-progresses/${apiId}${all ? '?all=true' : ''}`
  )
  return entries.map((entry) => {
    expect(entry.type).toBe('Progress')
    return Number(entry.content)
  })
}

function cancel(uuid: string): Promise<HttpResult> {
  return call(sim.url, 'PUT', `/zstack/v1/longjobs/${uuid}/actions`, { session, body: { cancelLongJob: {} } })
}

describe('long jobs', () => {
  it('runs a migration to its end, with jobResult, the staged progress and one counted submission', async () => {
    const { vm, target } = await pick()
    const job = await submitted(vm.uuid, target)
    expect(job).toMatchObject({ jobName: 'APIMigrateVmMsg', targetResourceUuid: vm.uuid })
    expect(['Waiting', 'Running']).toContain(job.state)
    expect(job).not.toHaveProperty('jobResult')
    expect(await finalState(job.uuid)).toBe('Succeeded')
    const done = await longJob(job.uuid)
    const result = JSON.parse(done.jobResult ?? '{}') as { inventory?: VmInventory }
    expect(result.inventory).toMatchObject({ uuid: vm.uuid, hostUuid: target, state: 'Running' })
    expect(sim.vm(vm.uuid)).toMatchObject({ hostUuid: target, lastHostUuid: vm.hostUuid })
    expect(await progressOf(job.apiId, true)).toEqual([0, 23, 45, 68, 90, 100])
    expect(await progressOf(job.apiId)).toEqual([100])
    const mine = sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vm.uuid)
    expect(mine).toEqual([
      expect.objectContaining({ jobUuid: job.apiId, hostUuid: target, longJobUuid: job.uuid })
    ])
  })

  it('cancelled before the switch-over: Canceled, the VM back on its source host and state', async () => {
    const { vm, target } = await pick()
    const job = await submitted(vm.uuid, target)
    await expect
      .poll(async () => (await longJob(job.uuid)).state, { timeout: 5000, interval: 20 })
      .toBe('Running')
    const accepted = await cancel(job.uuid)
    expect(accepted.status).toBe(202)
    const answer = await waitForJob(sim.url, session, jobPathOf(accepted), 15_000)
    expect(answer.status).toBe(200)
    expect((answer.json as { inventory: LongJob }).inventory.state).toBe('Canceled')
    const ended = await longJob(job.uuid)
    expect(ended.state).toBe('Canceled')
    expect(JSON.parse(ended.jobResult ?? '{}')).toMatchObject({ code: 'SYS.1006' })
    expect(sim.vm(vm.uuid)).toMatchObject({ hostUuid: vm.hostUuid, state: 'Running' })
    expect(sim.host(target)?.availableMemoryCapacity).toBeGreaterThanOrEqual(0)
  })

  it('cancelled after the switch-over: too late, the job still ends Succeeded', async () => {
    const { vm, target } = await pick()
    const job = await submitted(vm.uuid, target)
    await expect.poll(() => progressOf(job.apiId), { timeout: 10_000, interval: 20 }).toEqual([90])
    const accepted = await cancel(job.uuid)
    expect(accepted.status).toBe(202)
    expect((await longJob(job.uuid)).state).toBe('Canceling')
    expect(await finalState(job.uuid)).toBe('Succeeded')
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(target)
    const answer = await waitForJob(sim.url, session, jobPathOf(accepted), 15_000)
    expect(answer.status).toBe(200)
    expect((answer.json as { inventory: LongJob }).inventory.state).toBe('Succeeded')
    const late = await waitForJob(sim.url, session, jobPathOf(await cancel(job.uuid)))
    expect(late.status).toBe(503)
    expect(errorOf(late).details).toContain('is Succeeded and cannot be canceled')
  })

  it('re-submitting with an existing resourceUuid restarts that long job and counts again', async () => {
    const { vm, target } = await pick()
    const resourceUuid = 'f'.repeat(32)
    const first = await submitted(vm.uuid, target, { resourceUuid })
    expect(first.uuid).toBe(resourceUuid)
    await expect
      .poll(async () => (await longJob(resourceUuid)).state, { timeout: 5000, interval: 20 })
      .toBe('Running')
    const again = await submitted(vm.uuid, target, { resourceUuid })
    expect(again.uuid).toBe(resourceUuid)
    expect(again.apiId).not.toBe(first.apiId)
    expect(await finalState(resourceUuid)).toBe('Succeeded')
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(target)
    expect(sim.stats().migrationSubmissions.filter((s) => s.longJobUuid === resourceUuid)).toHaveLength(2)
  })

  it('fails the long job with the migration error (jobResult holds it) and leaves the VM', async () => {
    const { vm } = await pick()
    const job = await submitted(vm.uuid, vm.hostUuid!)
    expect(await finalState(job.uuid)).toBe('Failed')
    expect(JSON.parse((await longJob(job.uuid)).jobResult ?? '{}')).toMatchObject({ code: 'SYS.1007' })
    expect(sim.vm(vm.uuid)).toMatchObject({ hostUuid: vm.hostUuid, state: 'Running' })
  })

  it('refuses a dead session on the query and the progress read, and an unknown job is an empty list', async () => {
    const dead = '1'.repeat(32)
    const queried = await call(sim.url, 'GET', '/zstack/v1/longjobs', { session: dead })
    expect(queried.status).toBe(503)
    expect(errorOf(queried).code).toBe('ID.1001')
    const progress = await call(sim.url, 'GET', `/zstack/v1/task-progresses/${dead}`, { session: dead })
    expect(errorOf(progress).code).toBe('ID.1001')
    expect(await query(sim.url, session, `/zstack/v1/longjobs/${'2'.repeat(32)}`)).toEqual([])
    expect(await progressOf('3'.repeat(32))).toEqual([])
  })

  it('a node without long jobs answers 404 no api mapping on every long-job path', async () => {
    sim.setOptions({ longJobs: false })
    try {
      const { vm, target } = await pick()
      for (const result of [
        await submit(vm.uuid, target),
        await call(sim.url, 'GET', '/zstack/v1/longjobs', { session }),
        await call(sim.url, 'GET', `/zstack/v1/task-progresses/${'4'.repeat(32)}`, { session })
      ]) {
        expect(result.status).toBe(404)
        expect(result.text).toMatch(/^no api mapping to \/v1\/(longjobs|task-progresses)/)
      }
      expect(sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vm.uuid)).toHaveLength(0)
    } finally {
      sim.setOptions({ longJobs: true })
    }
  })
})
