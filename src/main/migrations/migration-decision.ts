// What a followed migration does next, from what was just observed: pure, so every outcome rule is tested alone.
import { appError as errorOf } from '../../shared/error-kinds'
import type { MigrationRecord } from '../../shared/migration-types'
import type { AppError } from '../../shared/result'
import type { VmInventory, ZStackErrorInfo } from '../../shared/zstack-types'
import { zstackErrorToAppError } from '../zstack/to-app-error'

/** What the follow-up loop saw; the I/O behind each (reading the VM, validating the session) is the tracker's. */
export type Observation =
  /** The job ended well; its answer may carry the VM's inventory. */
  | { kind: 'job-succeeded'; body: Record<string, unknown> }
  /** The job ended with ZStack's error; `vm` is the VM read afterwards (undefined when it could not be read). */
  | { kind: 'job-failed'; error: AppError; vm?: VmInventory }
  /** ZStack does not know the job; `vm` is the VM read afterwards (null: it no longer exists). */
  | { kind: 'job-unknown'; vm: VmInventory | null; checks: number }
  /** The job is unknown and the VM could not be read either. */
  | { kind: 'job-unknown-vm-unreadable'; error: AppError }
  /**
   * A poll was refused with SESSION_EXPIRED. `sessionValid`: what validating that session said (undefined: the node
   * did not answer). `reloggedSincePoll`: a silent re-login was already tried since the last answered poll.
   */
  | {
      kind: 'session-refused'
      error: AppError
      sessionValid: boolean | undefined
      reloggedSincePoll: boolean
    }
  /** No session to poll with (NOT_SIGNED_IN, SESSION_EXPIRED) or another failure getting one. */
  | { kind: 'no-lease'; error: AppError }
  /** Any other failure of the poll (network, timeout, TLS, HTTP). */
  | { kind: 'poll-failed'; error: AppError }
  /**
   * A long job as GET /v1/longjobs/{uuid} answered (an unknown long job is `job-unknown`). `vm`: the VM read after a
   * Failed or Canceled answer (undefined when it could not be read or was not needed).
   */
  | { kind: 'long-job'; job: { state: string; jobResult?: string }; vm?: VmInventory }

export type Step =
  /** Finished well; `inventory` when known (the tracker reads the VM otherwise). */
  | { kind: 'succeed'; inventory?: VmInventory }
  /** Finished badly; `vm` is the VM as seen, to record where it is and its state. */
  | { kind: 'fail'; error: AppError; vm?: VmInventory }
  /** Not decided yet: note `hint` on the record when given, pause, then look again. */
  | { kind: 'wait'; hint?: AppError }
  /** Ask for one silent re-login, then poll the same job again (never resubmit). */
  | { kind: 'renew' }
  /** Note `hint` and wait until the user signs in to this cluster again. */
  | { kind: 'wait-for-sign-in'; hint: AppError }
  /** The long job goes on: record `state`, read its progress, look again after the poll interval. */
  | { kind: 'follow'; state: 'running' | 'canceling' }
  /** Canceled before its switch-over: the VM stayed where it was (`vm` as seen, to record it). */
  | { kind: 'cancel'; vm?: VmInventory }

export interface DecisionLimits {
  /** Checks of an unknown job with an unmoved VM before an unconfirmed request is declared never received. */
  unknownJobChecks: number
}

const signInAgain = (record: MigrationRecord): AppError =>
  errorOf('signInToFollow', { cluster: record.profileName })

const movedAway = (record: MigrationRecord, vm: VmInventory): boolean =>
  !!vm.hostUuid && !!record.before.hostUuid && vm.hostUuid !== record.before.hostUuid

const isVmInventory = (value: unknown): value is VmInventory =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).uuid === 'string' &&
  typeof (value as Record<string, unknown>).state === 'string'

/**
 * A job's error is checked against the VM before it is believed: the VM's placement is the truth. Still Migrating:
 * keep following. On another host: it moved. Otherwise it failed, with the VM's state recorded.
 */
function settleJobError(record: MigrationRecord, error: AppError, vm: VmInventory | undefined): Step {
  if (!vm) return error.zstack?.code === 'SYS.1000' ? { kind: 'wait', hint: error } : { kind: 'fail', error }
  if (vm.state === 'Migrating') return { kind: 'wait', hint: error }
  if (movedAway(record, vm)) return { kind: 'succeed', inventory: vm }
  return { kind: 'fail', error, vm }
}

/** The server does not know the job: the VM tells whether the migration happened. */
function resolveUnknownJob(
  record: MigrationRecord,
  vm: VmInventory | null,
  checks: number,
  limits: DecisionLimits
): Step {
  if (!vm) {
    return {
      kind: 'fail',
      error: errorOf('vmGoneOutcomeUnknown', { vm: record.vmName, cluster: record.profileName })
    }
  }
  const requested = record.params.hostUuid
  const moved = requested
    ? vm.hostUuid === requested
    : !!vm.hostUuid && vm.hostUuid !== record.before.hostUuid
  if (moved) return { kind: 'succeed', inventory: vm }
  if (vm.state === 'Migrating') {
    return {
      kind: 'wait',
      hint: errorOf('jobUnknownVmMigrating', { vm: record.vmName })
    }
  }
  const where = record.before.hostName ?? record.before.hostUuid ?? 'its host'
  if (record.submissionUnconfirmed) {
    if (checks < Math.max(1, limits.unknownJobChecks)) {
      return {
        kind: 'wait',
        hint: errorOf('migrationAnswerLostChecking', {})
      }
    }
    return {
      kind: 'fail',
      error: errorOf('migrationNeverArrived', { vm: record.vmName, host: where })
    }
  }
  return {
    kind: 'fail',
    error: errorOf('migrationDidNotComplete', { vm: record.vmName, host: where })
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A long job's jobResult (JSON text) as the answer it holds; undefined when it is not JSON. */
function parseJobResult(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** The error a Failed long job's jobResult holds (the error itself, or `{error: ...}`). */
function longJobError(record: MigrationRecord, jobResult: string | undefined): AppError {
  const parsed = parseJobResult(jobResult)
  const info = isRecord(parsed?.error) ? parsed.error : parsed
  if (info && typeof info.code === 'string') return zstackErrorToAppError(info as unknown as ZStackErrorInfo)
  return errorOf(
    'longJobFailedNoReason',
    { vm: record.vmName },
    jobResult ? { details: jobResult.slice(0, 500) } : {}
  )
}

/** Where a long job stands: going on, or final (Succeeded, Failed, Canceled) with what its VM shows. */
function settleLongJob(
  record: MigrationRecord,
  job: { state: string; jobResult?: string },
  vm: VmInventory | undefined
): Step {
  switch (job.state) {
    case 'Succeeded': {
      const inventory = parseJobResult(job.jobResult)?.inventory
      return isVmInventory(inventory) ? { kind: 'succeed', inventory } : { kind: 'succeed' }
    }
    case 'Failed':
      return settleJobError(record, longJobError(record, job.jobResult), vm)
    case 'Canceled': {
      // The VM's placement is the truth: a canceled job whose VM is on another host did move it.
      if (vm && movedAway(record, vm)) return { kind: 'succeed', inventory: vm }
      if (vm?.state === 'Migrating') return { kind: 'follow', state: 'canceling' }
      return vm ? { kind: 'cancel', vm } : { kind: 'cancel' }
    }
    case 'Canceling':
      return { kind: 'follow', state: 'canceling' }
    default:
      // Waiting, Suspended, Running (or a state this app does not know yet): it goes on.
      return { kind: 'follow', state: record.state === 'canceling' ? 'canceling' : 'running' }
  }
}

export function decide(record: MigrationRecord, observation: Observation, limits: DecisionLimits): Step {
  switch (observation.kind) {
    case 'job-succeeded': {
      const inventory = observation.body.inventory
      return isVmInventory(inventory) ? { kind: 'succeed', inventory } : { kind: 'succeed' }
    }
    case 'job-failed':
      return settleJobError(record, observation.error, observation.vm)
    case 'job-unknown':
      return resolveUnknownJob(record, observation.vm, observation.checks, limits)
    case 'job-unknown-vm-unreadable':
      return { kind: 'wait', hint: observation.error }
    case 'session-refused':
      // A valid session refused with ID.1001 means the job itself failed on it: the request arrived with a dead session.
      if (observation.sessionValid === true) {
        // The server's own words (zstack, details) stay beside the explanation.
        const { code: _code, kind: _kind, params: _params, message: _message, ...server } = observation.error
        return { kind: 'fail', error: errorOf('migrationRefusedExpired', { vm: record.vmName }, server) }
      }
      if (observation.sessionValid === undefined) return { kind: 'wait' }
      return observation.reloggedSincePoll
        ? { kind: 'wait-for-sign-in', hint: signInAgain(record) }
        : { kind: 'renew' }
    case 'no-lease':
      return observation.error.code === 'NOT_SIGNED_IN' || observation.error.code === 'SESSION_EXPIRED'
        ? { kind: 'wait-for-sign-in', hint: signInAgain(record) }
        : { kind: 'wait', hint: observation.error }
    case 'poll-failed':
      return { kind: 'wait', hint: observation.error }
    case 'long-job':
      return settleLongJob(record, observation.job, observation.vm)
  }
}
