// Every observation kind against every kind of record: the follow-up's outcome rules, with no timer and no simulator.
import { describe, expect, it } from 'vitest'
import { decide, type Observation, type Step } from '../../../src/main/migrations/migration-decision'
import type { AppError, MigrationRecord, VmInventory } from '../../../src/shared/api'
import { appError } from '../../../src/shared/error-kinds'

const SOURCE = 'a'.repeat(32)
const TARGET = 'b'.repeat(32)
const OTHER = 'c'.repeat(32)
const LIMITS = { unknownJobChecks: 3 }

function record(overrides: Partial<MigrationRecord> = {}): MigrationRecord {
  return {
    id: 'r1',
    profileId: 'lab',
    profileName: 'Lab',
    vmUuid: 'd'.repeat(32),
    vmName: 'web-1',
    params: {},
    jobUuid: 'e'.repeat(32),
    state: 'running',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    polls: 3,
    before: { hostUuid: SOURCE, hostName: 'host-a' },
    ...overrides
  }
}

/** The record kinds the loop meets: confirmed or unconfirmed submission, with or without a chosen host. */
const RECORDS: Record<string, MigrationRecord> = {
  confirmed: record(),
  'confirmed, host chosen': record({ params: { hostUuid: TARGET } }),
  unconfirmed: record({ state: 'submitted', submissionUnconfirmed: true }),
  'unconfirmed, host chosen': record({
    state: 'submitted',
    submissionUnconfirmed: true,
    params: { hostUuid: TARGET }
  })
}

const vm = (hostUuid: string | undefined, state = 'Running'): VmInventory =>
  ({ uuid: 'd'.repeat(32), name: 'web-1', state, hostUuid }) as VmInventory

const zstackError = appError(
  'zstackOther',
  { zstackCode: 'VM.1008' },
  { zstack: { code: 'VM.1008' } as never }
)
const internalError = appError(
  'zstackOther',
  { zstackCode: 'SYS.1000' },
  { zstack: { code: 'SYS.1000' } as never }
)
const expired = appError('sessionEnded', {})
const network = appError('networkFailed', { address: 'lab:8080', reason: 'ECONNRESET' })
const locked = appError('keychainUnavailable', {})

const chosen = (r: MigrationRecord): boolean => r.params.hostUuid !== undefined
const unconfirmed = (r: MigrationRecord): boolean => r.submissionUnconfirmed === true

interface Case {
  name: string
  observation: Observation
  /** The step expected for a record, as a partial match. */
  expect: (r: MigrationRecord) => Partial<Step> & { kind: Step['kind'] }
  errorCode?: (r: MigrationRecord) => string | undefined
}

const CASES: Case[] = [
  {
    name: 'job succeeded with the inventory',
    observation: { kind: 'job-succeeded', body: { inventory: vm(TARGET) } },
    expect: () => ({ kind: 'succeed', inventory: vm(TARGET) })
  },
  {
    name: 'job succeeded without an inventory',
    observation: { kind: 'job-succeeded', body: { inventory: { uuid: 1 } } },
    expect: () => ({ kind: 'succeed' })
  },
  {
    name: 'job failed, VM unreadable',
    observation: { kind: 'job-failed', error: zstackError },
    expect: () => ({ kind: 'fail', error: zstackError })
  },
  {
    name: 'job failed with an internal error, VM unreadable',
    observation: { kind: 'job-failed', error: internalError },
    expect: () => ({ kind: 'wait', hint: internalError })
  },
  {
    name: 'job failed, VM still migrating',
    observation: { kind: 'job-failed', error: zstackError, vm: vm(SOURCE, 'Migrating') },
    expect: () => ({ kind: 'wait', hint: zstackError })
  },
  {
    name: 'job failed, VM on another host',
    observation: { kind: 'job-failed', error: zstackError, vm: vm(OTHER) },
    expect: () => ({ kind: 'succeed', inventory: vm(OTHER) })
  },
  {
    name: 'job failed, VM where it was',
    observation: { kind: 'job-failed', error: zstackError, vm: vm(SOURCE) },
    expect: () => ({ kind: 'fail', error: zstackError, vm: vm(SOURCE) })
  },
  {
    name: 'job unknown, VM gone',
    observation: { kind: 'job-unknown', vm: null, checks: 1 },
    expect: () => ({ kind: 'fail' }),
    errorCode: () => 'NOT_FOUND'
  },
  {
    name: 'job unknown, VM on the chosen host',
    observation: { kind: 'job-unknown', vm: vm(TARGET), checks: 1 },
    expect: () => ({ kind: 'succeed', inventory: vm(TARGET) })
  },
  {
    name: 'job unknown, VM on a host that was not chosen',
    observation: { kind: 'job-unknown', vm: vm(OTHER), checks: 1 },
    // Moved counts only onto the chosen host when one was chosen; otherwise anywhere but the source.
    expect: (r) =>
      !chosen(r)
        ? { kind: 'succeed', inventory: vm(OTHER) }
        : unconfirmed(r)
          ? { kind: 'wait' }
          : { kind: 'fail' },
    errorCode: (r) => (!chosen(r) ? undefined : unconfirmed(r) ? 'NETWORK' : 'JOB_EXPIRED')
  },
  {
    name: 'job unknown, VM migrating',
    observation: { kind: 'job-unknown', vm: vm(SOURCE, 'Migrating'), checks: 1 },
    expect: () => ({ kind: 'wait' }),
    errorCode: () => 'JOB_EXPIRED'
  },
  {
    name: 'job unknown, VM unmoved, first check',
    observation: { kind: 'job-unknown', vm: vm(SOURCE), checks: 1 },
    expect: (r) => (unconfirmed(r) ? { kind: 'wait' } : { kind: 'fail' }),
    errorCode: (r) => (unconfirmed(r) ? 'NETWORK' : 'JOB_EXPIRED')
  },
  {
    name: 'job unknown, VM unmoved, last check',
    observation: { kind: 'job-unknown', vm: vm(SOURCE), checks: 3 },
    // An unconfirmed request is then declared never received: never resent, the user may start again.
    expect: () => ({ kind: 'fail' }),
    errorCode: (r) => (unconfirmed(r) ? 'NETWORK' : 'JOB_EXPIRED')
  },
  {
    name: 'job unknown, VM unreadable',
    observation: { kind: 'job-unknown-vm-unreadable', error: network },
    expect: () => ({ kind: 'wait', hint: network })
  },
  {
    name: 'poll refused while the session is valid',
    observation: { kind: 'session-refused', error: expired, sessionValid: true, reloggedSincePoll: false },
    expect: () => ({ kind: 'fail' }),
    errorCode: () => 'SESSION_EXPIRED'
  },
  {
    name: 'poll refused, session check unanswered',
    observation: {
      kind: 'session-refused',
      error: expired,
      sessionValid: undefined,
      reloggedSincePoll: false
    },
    expect: () => ({ kind: 'wait' })
  },
  {
    name: 'poll refused, session dead, no re-login yet',
    observation: { kind: 'session-refused', error: expired, sessionValid: false, reloggedSincePoll: false },
    expect: () => ({ kind: 'renew' })
  },
  {
    name: 'poll refused, session dead, re-login already tried',
    observation: { kind: 'session-refused', error: expired, sessionValid: false, reloggedSincePoll: true },
    expect: () => ({ kind: 'wait-for-sign-in' }),
    errorCode: () => 'SESSION_EXPIRED'
  },
  {
    name: 'no lease: signed out',
    observation: { kind: 'no-lease', error: appError('signInFirst', { cluster: 'Lab' }) },
    expect: () => ({ kind: 'wait-for-sign-in' }),
    errorCode: () => 'SESSION_EXPIRED'
  },
  {
    name: 'no lease: expired',
    observation: { kind: 'no-lease', error: expired },
    expect: () => ({ kind: 'wait-for-sign-in' }),
    errorCode: () => 'SESSION_EXPIRED'
  },
  {
    name: 'no lease: keychain trouble',
    observation: { kind: 'no-lease', error: locked },
    expect: () => ({ kind: 'wait', hint: locked })
  },
  {
    name: 'poll failed on the network',
    observation: { kind: 'poll-failed', error: network },
    expect: () => ({ kind: 'wait', hint: network })
  },
  {
    name: 'long job waiting',
    observation: { kind: 'long-job', job: { state: 'Waiting' } },
    expect: () => ({ kind: 'follow', state: 'running' })
  },
  {
    name: 'long job running',
    observation: { kind: 'long-job', job: { state: 'Running' } },
    expect: () => ({ kind: 'follow', state: 'running' })
  },
  {
    name: 'long job canceling',
    observation: { kind: 'long-job', job: { state: 'Canceling' } },
    expect: () => ({ kind: 'follow', state: 'canceling' })
  },
  {
    name: 'long job succeeded with the inventory in jobResult',
    observation: {
      kind: 'long-job',
      job: { state: 'Succeeded', jobResult: JSON.stringify({ inventory: vm(TARGET) }) }
    },
    expect: () => ({ kind: 'succeed', inventory: vm(TARGET) })
  },
  {
    name: 'long job succeeded with an unreadable jobResult',
    observation: { kind: 'long-job', job: { state: 'Succeeded', jobResult: '{' } },
    expect: () => ({ kind: 'succeed' })
  },
  {
    name: 'long job failed, VM back on its source',
    observation: {
      kind: 'long-job',
      job: {
        state: 'Failed',
        jobResult: JSON.stringify({ code: 'HOST.1009', description: 'migration failed' })
      },
      vm: vm(SOURCE)
    },
    expect: () => ({ kind: 'fail', vm: vm(SOURCE) }),
    errorCode: () => 'ZSTACK'
  },
  {
    name: 'long job failed, VM still migrating',
    observation: {
      kind: 'long-job',
      job: { state: 'Failed', jobResult: JSON.stringify({ code: 'HOST.1009' }) },
      vm: vm(SOURCE, 'Migrating')
    },
    expect: () => ({ kind: 'wait' }),
    errorCode: () => 'ZSTACK'
  },
  {
    name: 'long job failed with no readable reason, VM unreadable',
    observation: { kind: 'long-job', job: { state: 'Failed' } },
    expect: () => ({ kind: 'fail' }),
    errorCode: () => 'ZSTACK'
  },
  {
    name: 'long job canceled, VM on its source',
    observation: { kind: 'long-job', job: { state: 'Canceled' }, vm: vm(SOURCE) },
    expect: () => ({ kind: 'cancel', vm: vm(SOURCE) })
  },
  {
    name: 'long job canceled, VM unreadable',
    observation: { kind: 'long-job', job: { state: 'Canceled' } },
    expect: () => ({ kind: 'cancel' })
  },
  {
    name: 'long job canceled, VM still migrating',
    observation: { kind: 'long-job', job: { state: 'Canceled' }, vm: vm(SOURCE, 'Migrating') },
    expect: () => ({ kind: 'follow', state: 'canceling' })
  },
  {
    name: 'long job canceled, yet the VM is on another host',
    observation: { kind: 'long-job', job: { state: 'Canceled' }, vm: vm(TARGET) },
    expect: () => ({ kind: 'succeed', inventory: vm(TARGET) })
  }
]

/** The AppError a step carries, as a hint or as the failure. */
function errorOf(step: Step): AppError | undefined {
  if (step.kind === 'fail') return step.error
  if (step.kind === 'wait' || step.kind === 'wait-for-sign-in') return step.hint
  return undefined
}

describe('decide(record, observation)', () => {
  it('covers every observation kind', () => {
    const kinds = new Set(CASES.map((c) => c.observation.kind))
    expect([...kinds].sort()).toEqual(
      [
        'job-failed',
        'job-succeeded',
        'job-unknown',
        'job-unknown-vm-unreadable',
        'long-job',
        'no-lease',
        'poll-failed',
        'session-refused'
      ].sort()
    )
  })

  for (const c of CASES) {
    for (const [recordName, r] of Object.entries(RECORDS)) {
      it(`${c.name} · ${recordName}`, () => {
        const before = structuredClone(r)
        const step = decide(r, c.observation, LIMITS)
        expect(step).toMatchObject(c.expect(r))
        if (c.errorCode) expect(errorOf(step)?.code).toBe(c.errorCode(r))
        // Pure: the record is only read.
        expect(r).toEqual(before)
      })
    }
  }

  it('names the VM, the cluster and the source host in what it tells the user', () => {
    const unknown = decide(RECORDS.confirmed!, { kind: 'job-unknown', vm: vm(SOURCE), checks: 1 }, LIMITS)
    expect(errorOf(unknown)?.message).toContain('web-1 is still on host-a')
    const signIn = decide(RECORDS.confirmed!, { kind: 'no-lease', error: expired }, LIMITS)
    expect(errorOf(signIn)?.message).toContain('Sign in to Lab again')
  })

  it('keeps a record that asked to cancel in canceling while the node still says Running', () => {
    const canceling = record({ mode: 'long-job', longJobUuid: OTHER, state: 'canceling' })
    const step = decide(canceling, { kind: 'long-job', job: { state: 'Running' } }, LIMITS)
    expect(step).toEqual({ kind: 'follow', state: 'canceling' })
  })

  it("reads a Failed long job's error from jobResult, wrapped or not", () => {
    const error = { code: 'HOST.1009', description: 'Hypervisor migration failed' }
    for (const jobResult of [JSON.stringify(error), JSON.stringify({ error })]) {
      const step = decide(
        RECORDS.confirmed!,
        { kind: 'long-job', job: { state: 'Failed', jobResult } },
        LIMITS
      )
      expect(errorOf(step)).toMatchObject({ code: 'ZSTACK', zstack: { code: 'HOST.1009' } })
      expect(errorOf(step)?.message).toContain('Hypervisor migration failed')
    }
  })

  it('waits as many checks as the limit says before giving up on an unconfirmed request', () => {
    const observe = (checks: number): Step =>
      decide(RECORDS.unconfirmed!, { kind: 'job-unknown', vm: vm(SOURCE), checks }, { unknownJobChecks: 5 })
    expect([1, 2, 3, 4, 5].map((n) => observe(n).kind)).toEqual(['wait', 'wait', 'wait', 'wait', 'fail'])
  })
})
