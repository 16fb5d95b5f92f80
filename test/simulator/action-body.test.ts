// The request-shape 400s on actions: action key, JSON, parameter types, tags, X-Job-UUID; none of them submits anything.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator, type VmInventory } from '../../src/simulator'
import { call, logIn, vmAction } from './sim-client'

let sim: RunningSimulator
let session: string
let vm: VmInventory
/** A second VM for the actions that are accepted, so `vm` stays Running. */
let other: VmInventory
let submissionsBefore: number

beforeAll(async () => {
  sim = await startSimulator({ vms: 60, migrationDurationMs: 100 })
  session = await logIn(sim.url)
  ;[vm, other] = sim.findVms((candidate) => candidate.state === 'Running' && candidate.type === 'UserVm') as [
    VmInventory,
    VmInventory
  ]
})
afterAll(() => sim.stop())
beforeEach(() => {
  submissionsBefore = sim.stats().migrationSubmissions.length
})

/** The request was refused before becoming a job: nothing recorded, the VM untouched. */
function expectNothingSubmitted(): void {
  expect(sim.stats().migrationSubmissions).toHaveLength(submissionsBefore)
  expect(sim.vm(vm.uuid)).toMatchObject({ state: 'Running', hostUuid: vm.hostUuid })
}

describe('action key', () => {
  it('rejects the doc page spelling `migratevm` with the real message', async () => {
    const result = await vmAction(sim.url, session, vm.uuid, { migratevm: { hostUuid: 'x' } })
    expect(result.status).toBe(400)
    expect(result.text).toBe(
      `the body doesn't contain action mapping to the URL[/v1/vm-instances/${vm.uuid}/actions]`
    )
    expectNothingSubmitted()
  })

  it('checks the body before the Authorization header', async () => {
    const result = await call(sim.url, 'PUT', `/zstack/v1/vm-instances/${vm.uuid}/actions`, {
      body: { migratevm: {} }
    })
    expect(result.status).toBe(400)
    expect(result.text).toContain("doesn't contain action mapping")
  })

  it('rejects two action keys at once and an action value that is not an object', async () => {
    expect((await vmAction(sim.url, session, vm.uuid, { migrateVm: {}, rebootVmInstance: {} })).status).toBe(
      400
    )
    expect((await vmAction(sim.url, session, vm.uuid, { migrateVm: 'now' })).status).toBe(400)
    expectNothingSubmitted()
  })

  it('rejects invalid JSON with 400 plain text', async () => {
    const result = await call(sim.url, 'PUT', `/zstack/v1/vm-instances/${vm.uuid}/actions`, {
      session,
      rawBody: '{"migrateVm": {"hostUuid": }'
    })
    expect(result.status).toBe(400)
    expect(result.json).toBeUndefined()
    expectNothingSubmitted()
  })

  it('rejects a missing Authorization header with 400', async () => {
    const result = await call(sim.url, 'PUT', `/zstack/v1/vm-instances/${vm.uuid}/actions`, {
      body: { migrateVm: {} }
    })
    expect(result.status).toBe(400)
    expectNothingSubmitted()
  })

  it('reads a JSON body whatever the Content-Type says', async () => {
    const result = await vmAction(
      sim.url,
      session,
      other.uuid,
      { rebootVmInstance: {} },
      { 'Content-Type': 'text/plain' }
    )
    expect(result.status).toBe(202)
  })
})

describe('parameter types', () => {
  it.each([
    ['downTime as a string', { downTime: '100' }],
    ['a fractional downTime', { downTime: 1.5 }],
    ['allowUnknown "yes"', { allowUnknown: 'yes' }],
    ['migrateFromDestination "true"', { migrateFromDestination: 'true' }],
    ['a numeric hostUuid', { hostUuid: 42 }],
    ['strategy as a number', { strategy: 1 }]
  ])('answers 400 plain text for %s', async (_case, params) => {
    const result = await vmAction(sim.url, session, vm.uuid, { migrateVm: params })
    expect(result.status).toBe(400)
    expect(result.json).toBeUndefined()
    expectNothingSubmitted()
  })

  it.each([
    ['systemTags as a string', { systemTags: 'a' }],
    ['systemTags with a number', { systemTags: ['a', 1] }],
    ['userTags as an object', { userTags: { a: 1 } }]
  ])('answers 400 plain text for %s', async (_case, tags) => {
    const result = await vmAction(sim.url, session, vm.uuid, { migrateVm: {}, ...tags })
    expect(result.status).toBe(400)
    expectNothingSubmitted()
  })

  it('stopVmInstance type must be a string', async () => {
    expect((await vmAction(sim.url, session, vm.uuid, { stopVmInstance: { type: 1 } })).status).toBe(400)
  })
})

describe('X-Job-UUID', () => {
  it('rejects a reused job uuid with 400 Duplicate job uuid', async () => {
    const jobUuid = '0123456789abcdef0123456789abcdef'
    const first = await vmAction(
      sim.url,
      session,
      other.uuid,
      { rebootVmInstance: {} },
      { 'X-Job-UUID': jobUuid }
    )
    expect(first.status).toBe(202)
    const again = await vmAction(sim.url, session, vm.uuid, { migrateVm: {} }, { 'X-Job-UUID': jobUuid })
    expect(again.status).toBe(400)
    expect(again.text).toBe('Duplicate job uuid')
    expectNothingSubmitted()
  })

  it.each(['not-a-uuid', '0123456789abcdef', `${'g'.repeat(32)}`, '0123456789abcdef0123456789abcdef0'])(
    'rejects the malformed header %s with 400',
    async (header) => {
      const result = await vmAction(sim.url, session, vm.uuid, { migrateVm: {} }, { 'X-Job-UUID': header })
      expect(result.status).toBe(400)
      expectNothingSubmitted()
    }
  )
})
