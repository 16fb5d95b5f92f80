// Live migrations: journaled before they are sent, sent once, followed to their end (across restarts), pushed as events.
import { randomBytes, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Topology } from '../../shared/api'
import { deskContract } from '../../shared/contract/desk-contract'
import type {
  MigrateParams,
  MigrationMode,
  MigrationRecord,
  MigrationState
} from '../../shared/migration-types'
import type { ClusterProfile } from '../../shared/profile-types'
import { appError as errorOf } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import type { VmInventory } from '../../shared/zstack-types'
import { DeskError, deskError, isDeskError } from '../desk-error'
import type { DeskEventBus } from '../event-bus'
import type { Logger } from '../log/logger'
import type { SessionLease, SessionManager } from '../sessions/session-manager'
import type { JobPoll, TaskProgress } from '../zstack/client-types'
import { isTransientFailure, toAppError } from '../zstack/to-app-error'
import { decide, type Observation, type Step } from './migration-decision'
import { isUnfinished, type MigrationJournal } from './migration-journal'
import { estimateFor, progressOf } from './migration-estimate'
import { clockTime, placementOf } from './placement'

export interface TopologySource {
  get(profileId: string): Promise<Topology>
  /** The cached topology while it is fresh, without asking the server. */
  peek(profileId: string): Topology | undefined
  invalidate(profileId: string): void
}

export interface MigrationTiming {
  /** Read the VM's state on the first poll and then every this many polls (default 3). */
  vmStateEveryPolls?: number
  /** Pause before trying again after a failure that is not the job's own answer (default 5 s). */
  retryDelayMs?: number
  /** Checks of an unknown job with an unmoved VM before an unconfirmed request is declared never received (default 3). */
  unknownJobChecks?: number
  /** Pause between two reads of a running long job and its progress (default 1 s, as the official SDKs poll). */
  longJobPollMs?: number
  /** Longest pause between two polls of a plain migration's job (default 0.5 s): without progress, polling is how its end is seen. */
  plainPollMaxMs?: number
}

export interface MigrationTrackerOptions {
  journal: MigrationJournal
  sessions: SessionManager
  events: DeskEventBus
  topology: TopologySource
  findProfile: (profileId: string) => ClusterProfile | undefined
  now?: () => Date
  timing?: MigrationTiming
  logger?: Logger
}

export interface MigrationTracker {
  /** Journals, then sends once: as a long job when the node has them (learned once per profile), else the plain action. */
  migrate(
    profileId: string,
    vmUuid: string,
    params: MigrateParams,
    origin?: { retryOf?: string; batchId?: string }
  ): Promise<MigrationRecord>
  /** How a migration on this profile will be sent (the node's long-job support, learned once and cached). */
  modeFor(profileId: string): Promise<MigrationMode>
  /** Asks ZStack to cancel a running long-job migration; the record goes `canceling`, then `canceled` or `succeeded`. */
  cancel(migrationId: string): Promise<MigrationRecord>
  /** Starts a NEW migration with the same parameters as a failed or cancelled one (its `retryOf` names it). */
  retry(migrationId: string): Promise<MigrationRecord>
  list(profileId?: string): MigrationRecord[]
  /** The records of one batch (copies), newest first. */
  ofBatch(batchId: string): MigrationRecord[]
  /** Follows every unfinished record of the journal (after a restart). */
  resumeAll(): void
  /** Stops following (the migrations go on in ZStack) and lets no journal write land afterwards. */
  dispose(): Promise<void>
}

function jobPathOf(profile: ClusterProfile, jobUuid: string): string {
  const base = profile.endpoint.path.replace(/^\/+|\/+$/g, '')
  return `${base ? `/${base}` : ''}/v1/api-jobs/${jobUuid}`
}

const newJobUuid = (): string => randomBytes(16).toString('hex')

/** The body of the migrateVm action: only the fields the user set. */
function actionParams(params: MigrateParams): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  if (params.hostUuid !== undefined) body.hostUuid = params.hostUuid
  if (params.migrateFromDestination !== undefined) body.migrateFromDestination = params.migrateFromDestination
  if (params.allowUnknown !== undefined) body.allowUnknown = params.allowUnknown
  if (params.strategy !== undefined) body.strategy = params.strategy
  if (params.downTime !== undefined) body.downTime = params.downTime
  return body
}

export function createMigrationTracker(options: MigrationTrackerOptions): MigrationTracker {
  const { journal, sessions, events, topology } = options
  const now = options.now ?? (() => new Date())
  const everyPolls = Math.max(1, options.timing?.vmStateEveryPolls ?? 3)
  const retryDelayMs = options.timing?.retryDelayMs ?? 5000
  const unknownJobChecks = Math.max(1, options.timing?.unknownJobChecks ?? 3)
  const longJobPollMs = options.timing?.longJobPollMs ?? 1000
  const plainPollMaxMs = options.timing?.plainPollMaxMs ?? 500
  /** Per profile: whether its node has the long-job API, once known. */
  const longJobSupport = new Map<string, boolean>()
  const controller = new AbortController()
  const { signal } = controller
  const following = new Map<string, Promise<void>>()
  const observing = new Set<string>()

  const emit = (record: MigrationRecord): void => events.emit('migration:update', structuredClone(record))

  const save = async (record: MigrationRecord): Promise<void> => {
    record.updatedAt = now().toISOString()
    try {
      await journal.put(record)
    } catch (error) {
      // The request is already out: losing a journal write must not stop us from following it.
      options.logger?.error('Could not write the migration journal', { id: record.id, error: String(error) })
    }
  }

  const refreshEstimate = (record: MigrationRecord): void => {
    const estimate = estimateFor(journal, record, now())
    if (estimate) record.estimate = estimate
    else delete record.estimate
  }

  const pause = (ms = retryDelayMs): Promise<void> => sleep(ms, undefined, { signal }).catch(() => undefined)

  const finish = async (record: MigrationRecord, state: MigrationState, error?: AppError): Promise<void> => {
    if (signal.aborted) return
    record.state = state
    record.finishedAt = now().toISOString()
    delete record.submissionUnconfirmed
    if (error) record.error = error
    else delete record.error
    await save(record)
    emit(record)
  }

  /** A note on a record that is still going (why it is not progressing, what to do). */
  const hint = async (record: MigrationRecord, error: AppError): Promise<void> => {
    if (signal.aborted || JSON.stringify(record.error) === JSON.stringify(error)) return
    record.error = error
    await save(record)
    emit(record)
  }

  const readVm = (profileId: string, vmUuid: string): Promise<VmInventory | undefined> =>
    sessions.run('read', profileId, (lease) => lease.client.getVm(lease.sessionUuid, vmUuid))

  const succeed = async (record: MigrationRecord, known?: VmInventory): Promise<void> => {
    const inventory = known ?? (await readVm(record.profileId, record.vmUuid).catch(() => undefined))
    // Names do not move with a VM: the topology read when it was journaled names its new host, no reload needed.
    const cached = topology.peek(record.profileId)
    topology.invalidate(record.profileId)
    if (inventory) {
      const names = cached ?? (await topology.get(record.profileId).catch(() => undefined))
      record.inventory = inventory
      record.after = placementOf(inventory, names)
      record.observedVmState = inventory.state
    }
    await finish(record, 'succeeded')
  }

  const observeVmState = (record: MigrationRecord, lease: SessionLease): void => {
    if (observing.has(record.id)) return
    observing.add(record.id)
    void lease.client
      .getVm(lease.sessionUuid, record.vmUuid)
      .then((vm) => {
        if (!vm || !isUnfinished(record) || signal.aborted || record.observedVmState === vm.state) return
        record.observedVmState = vm.state
        emit(record)
      })
      .catch(() => undefined)
      .finally(() => observing.delete(record.id))
  }

  const onPoll = (record: MigrationRecord, poll: JobPoll, lease: SessionLease): void => {
    if (signal.aborted) return
    record.polls += 1
    record.updatedAt = now().toISOString()
    const wasWaiting = record.state !== 'running' || record.submissionUnconfirmed || record.error
    // The job answered: the server has the request, whatever happened to its first answer.
    delete record.submissionUnconfirmed
    delete record.error
    // A long-job record is `running` once its long job was seen, not while its submission's job runs.
    if (poll.state === 'running' && record.mode !== 'long-job') {
      record.state = 'running'
      refreshEstimate(record)
      if (record.polls === 1 || record.polls % everyPolls === 0) observeVmState(record, lease)
    }
    if (wasWaiting || record.polls % 10 === 0) void save(record)
    emit(record)
  }

  /** A migration that did not happen: the VM as seen afterwards is where (and in which state) it stayed. */
  const noteWhereVmIs = async (record: MigrationRecord, vm: VmInventory | undefined): Promise<void> => {
    if (!vm) return
    const names = await topology.get(record.profileId).catch(() => undefined)
    record.observedVmState = vm.state
    record.after = placementOf(vm, names)
  }

  /** Carries out a decided step; resolves true when the record is finished. */
  const apply = async (record: MigrationRecord, step: Step, lease?: SessionLease): Promise<boolean> => {
    switch (step.kind) {
      case 'succeed':
        await succeed(record, step.inventory)
        return true
      case 'fail':
        await noteWhereVmIs(record, step.vm)
        await finish(record, 'failed', step.error)
        return true
      case 'wait':
        if (step.hint) await hint(record, step.hint)
        await pause()
        return false
      case 'renew': {
        // One silent re-login when a password is remembered; the same job is polled again, never resubmitted.
        const renewed =
          lease && (await sessions.renew(record.profileId, lease.sessionUuid).catch(() => undefined))
        if (renewed) return false
        return apply(record, decideNext(record, { kind: 'no-lease', error: signedOut(record) }))
      }
      case 'wait-for-sign-in':
        await hint(record, step.hint)
        await sessions.whenSignedIn(record.profileId, signal)
        return false
      case 'follow':
        if (lease) await followLongJob(record, step.state, lease)
        // Once the hypervisor has switched over, only the last steps remain: look again sooner.
        await pause(record.progress?.stage === 'switch-over' ? longJobPollMs / 4 : longJobPollMs)
        return false
      case 'cancel':
        await noteWhereVmIs(record, step.vm)
        await finish(record, 'canceled')
        return true
    }
  }

  /** Task progress read beside the long job itself (one round trip per look, not two), by record id. */
  const progressReads = new Map<string, Promise<TaskProgress | undefined>>()
  const readProgress = (record: MigrationRecord, lease: SessionLease): Promise<TaskProgress | undefined> =>
    lease.client.getTaskProgress(lease.sessionUuid, record.jobUuid).catch(() => undefined)

  /** A long job that goes on: its state, its progress (when the node reports it) and the time left. */
  const followLongJob = async (
    record: MigrationRecord,
    state: 'running' | 'canceling',
    lease: SessionLease
  ): Promise<void> => {
    const changed = record.state !== state || record.error !== undefined
    record.polls += 1
    record.state = state
    delete record.error
    const progress = await (progressReads.get(record.id) ?? readProgress(record, lease))
    progressReads.delete(record.id)
    if (signal.aborted || !isUnfinished(record)) return
    if (progress) record.progress = progressOf(progress.percent, now())
    refreshEstimate(record)
    if (record.polls === 1 || record.polls % everyPolls === 0) observeVmState(record, lease)
    if (changed) await save(record)
    else record.updatedAt = now().toISOString()
    emit(record)
  }

  /** One read of the long job, with the VM read when its answer is final and bad. */
  const observeLongJob = async (
    record: MigrationRecord,
    lease: SessionLease,
    state: { reloggedSincePoll: boolean; unknownChecks: number }
  ): Promise<Observation> => {
    let job
    try {
      job = await lease.client.getLongJob(lease.sessionUuid, record.longJobUuid ?? '')
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'SESSION_EXPIRED') return observe(record, appError, lease, state)
      return { kind: 'poll-failed', error: appError }
    }
    state.reloggedSincePoll = false
    if (!job) return observe(record, errorOf('longJobUnknown', {}), lease, state)
    const vm =
      job.state === 'Failed' || job.state === 'Canceled'
        ? await readVm(record.profileId, record.vmUuid).catch(() => undefined)
        : undefined
    const seen = { state: job.state, ...(job.jobResult !== undefined ? { jobResult: job.jobResult } : {}) }
    return vm ? { kind: 'long-job', job: seen, vm } : { kind: 'long-job', job: seen }
  }

  const decideNext = (record: MigrationRecord, observation: Observation): Step =>
    decide(record, observation, { unknownJobChecks })

  const signedOut = (record: MigrationRecord): AppError =>
    errorOf('signInFirst', { cluster: record.profileName })

  /** What one poll of the job ended with, with the VM or the session read when the answer needs them. */
  const observe = async (
    record: MigrationRecord,
    error: AppError,
    lease: SessionLease,
    state: { reloggedSincePoll: boolean; unknownChecks: number }
  ): Promise<Observation> => {
    if (error.code === 'SESSION_EXPIRED') {
      const sessionValid = await lease.client.validateSession(lease.sessionUuid).catch(() => undefined)
      return { kind: 'session-refused', error, sessionValid, reloggedSincePoll: state.reloggedSincePoll }
    }
    if (error.code === 'JOB_EXPIRED') {
      state.unknownChecks += 1
      try {
        const vm = await readVm(record.profileId, record.vmUuid)
        return { kind: 'job-unknown', vm: vm ?? null, checks: state.unknownChecks }
      } catch (readError) {
        return { kind: 'job-unknown-vm-unreadable', error: toAppError(readError) }
      }
    }
    if (error.code === 'ZSTACK') {
      const vm = await readVm(record.profileId, record.vmUuid).catch(() => undefined)
      return { kind: 'job-failed', error, vm }
    }
    return { kind: 'poll-failed', error }
  }

  /** Polls the record's job until it ends; never resubmits. */
  const run = async (record: MigrationRecord): Promise<void> => {
    const state = { reloggedSincePoll: false, unknownChecks: 0 }
    while (!signal.aborted && isUnfinished(record)) {
      const profile = options.findProfile(record.profileId)
      if (!profile) {
        await finish(
          record,
          'failed',
          errorOf('profileDeletedDuringMigration', { cluster: record.profileName })
        )
        return
      }
      let lease: SessionLease
      try {
        lease = await sessions.lease(record.profileId)
      } catch (error) {
        await apply(record, decideNext(record, { kind: 'no-lease', error: toAppError(error) }))
        continue
      }
      if (record.mode === 'long-job' && record.state !== 'pending' && record.state !== 'submitted') {
        progressReads.set(record.id, readProgress(record, lease))
        const seen = await observeLongJob(record, lease, state)
        if (signal.aborted) return
        const next = decideNext(record, seen)
        if (next.kind !== 'follow') progressReads.delete(record.id)
        if (next.kind === 'renew') state.reloggedSincePoll = true
        if (await apply(record, next, lease)) return
        continue
      }
      let observation: Observation
      try {
        const body = await lease.client.waitForJob(
          lease.sessionUuid,
          { kind: 'accepted', jobPath: jobPathOf(profile, record.jobUuid) },
          {
            signal,
            // A migration is watched: its end is seen within half a second, not after a long backoff.
            maxIntervalMs: plainPollMaxMs,
            onPoll: (poll) => {
              state.reloggedSincePoll = false
              onPoll(record, poll, lease)
            }
          }
        )
        observation = { kind: 'job-succeeded', body }
      } catch (error) {
        if (signal.aborted) return
        observation = await observe(record, toAppError(error), lease, state)
      }
      if (signal.aborted) return
      if (record.mode === 'long-job' && observation.kind === 'job-succeeded') {
        // The submission's job answered with the long job: from now on the long job itself is followed.
        record.state = 'running'
        delete record.submissionUnconfirmed
        await save(record)
        emit(record)
        continue
      }
      const step = decideNext(record, observation)
      if (step.kind === 'renew') state.reloggedSincePoll = true
      if (await apply(record, step, lease)) return
    }
  }

  const follow = (record: MigrationRecord): void => {
    if (following.has(record.id) || signal.aborted) return
    const task = run(record)
      .catch((error: unknown) =>
        options.logger?.error('Migration follow-up stopped', { id: record.id, error: String(error) })
      )
      .finally(() => following.delete(record.id))
    following.set(record.id, task)
  }

  const refuseIfActive = (profileId: string, vmUuid: string): void => {
    const active = journal.activeFor(profileId, vmUuid)
    if (!active) return
    throw deskError('alreadyMigrating', { vm: active.vmName, time: clockTime(active.createdAt) })
  }

  /** Long jobs when the node has them; learned once per profile. A failed probe says nothing: plain this time. */
  const modeFor = async (profileId: string): Promise<MigrationMode> => {
    let supported = longJobSupport.get(profileId)
    if (supported === undefined) {
      supported = await sessions
        .run('read', profileId, (lease) => lease.client.supportsLongJobs(lease.sessionUuid))
        .catch(() => undefined)
      if (supported !== undefined) longJobSupport.set(profileId, supported)
    }
    return supported ? 'long-job' : 'plain'
  }

  const recordOf = (migrationId: string): MigrationRecord => {
    const record = journal.get(migrationId)
    if (!record) throw deskError('noSuchMigration', { id: migrationId })
    return record
  }

  /** Sends the journaled record: a long job or the plain action, exactly once. */
  const submit = (record: MigrationRecord, lease: SessionLease) => {
    const { params } = record
    if (record.mode === 'long-job') {
      const jobData: Record<string, unknown> = { vmInstanceUuid: record.vmUuid, ...actionParams(params) }
      if (params.systemTags) jobData.systemTags = params.systemTags
      if (params.userTags) jobData.userTags = params.userTags
      return lease.client.submitLongJob(
        lease.sessionUuid,
        {
          jobName: 'APIMigrateVmMsg',
          jobData,
          targetResourceUuid: record.vmUuid,
          resourceUuid: record.longJobUuid ?? '',
          name: `Migrate ${record.vmName}`.slice(0, 255)
        },
        { jobUuid: record.jobUuid }
      )
    }
    const tags: { jobUuid: string; systemTags?: string[]; userTags?: string[] } = { jobUuid: record.jobUuid }
    if (params.systemTags) tags.systemTags = params.systemTags
    if (params.userTags) tags.userTags = params.userTags
    return lease.client.submitVmAction(
      lease.sessionUuid,
      record.vmUuid,
      'migrateVm',
      actionParams(params),
      tags
    )
  }

  const tracker: MigrationTracker = {
    modeFor,

    async migrate(profileId, vmUuid, params, origin = {}) {
      refuseIfActive(profileId, vmUuid)
      const vm = await readVm(profileId, vmUuid)
      const profile = options.findProfile(profileId)
      if (!profile) throw deskError('noSuchProfile', { id: profileId })
      if (!vm) throw deskError('noSuchVm', { vm: vmUuid, cluster: profile.name })
      const names = await topology.get(profileId).catch(() => undefined)
      const mode = await modeFor(profileId)
      // Checked again right before the record exists: two clicks must not both get through.
      refuseIfActive(profileId, vmUuid)
      const at = now().toISOString()
      const requestedName = params.hostUuid
        ? names?.hosts.find((h) => h.uuid === params.hostUuid)?.name
        : undefined
      const record: MigrationRecord = {
        id: randomUUID(),
        profileId,
        profileName: profile.name,
        vmUuid,
        vmName: vm.name,
        params,
        jobUuid: newJobUuid(),
        mode,
        ...(mode === 'long-job' ? { longJobUuid: newJobUuid() } : {}),
        ...(params.hostUuid
          ? {
              requested: { hostUuid: params.hostUuid, ...(requestedName ? { hostName: requestedName } : {}) }
            }
          : {}),
        ...(typeof vm.memorySize === 'number' ? { vmMemorySize: vm.memorySize } : {}),
        ...(origin.retryOf ? { retryOf: origin.retryOf } : {}),
        ...(origin.batchId ? { batchId: origin.batchId } : {}),
        state: 'pending',
        createdAt: at,
        updatedAt: at,
        polls: 0,
        before: placementOf(vm, names)
      }
      try {
        await journal.put(record)
      } catch (error) {
        journal.discard(record.id)
        // A refused journal already says what to do.
        if (isDeskError(error) && error.error.code === 'JOURNAL_UNWRITABLE') throw error
        throw deskError(
          'migrationNotRecorded',
          {},
          { details: error instanceof Error ? error.message : String(error) }
        )
      }
      emit(record)

      let sent = false
      /** The record as submitted: the answer, whatever the follow-up has done by the time the journal is written. */
      let answer: MigrationRecord | undefined
      try {
        const submission = await sessions.run(deskContract.migrateVm.policy, profileId, (lease) => {
          sent = true
          return submit(record, lease)
        })
        record.state = 'submitted'
        record.submittedAt = now().toISOString()
        refreshEstimate(record)
        // Following starts while this state is written: the job runs on the server from now on, whatever the disk does.
        const saved = save(record)
        emit(record)
        answer = structuredClone(record)
        if (record.mode === 'long-job') follow(record)
        else if (submission.kind === 'done') {
          const step = decideNext(record, { kind: 'job-succeeded', body: submission.body })
          void apply(record, step).catch(() => undefined)
        } else follow(record)
        await saved
      } catch (error) {
        const appError = toAppError(error)
        if (!sent) {
          // No session to send it with: nothing left this machine.
          await finish(record, 'failed', appError)
          throw error
        }
        if (!isTransientFailure(appError)) {
          // The server (or TLS) refused before anything ran: a plain failure, nothing to follow.
          await finish(record, 'failed', appError)
          throw new DeskError(appError)
        }
        record.state = 'submitted'
        record.submittedAt = now().toISOString()
        record.submissionUnconfirmed = true
        record.error = errorOf('migrationAnswerLost', {}, { cause: appError })
        await save(record)
        emit(record)
        follow(record)
      }
      return answer ?? structuredClone(record)
    },

    async cancel(migrationId) {
      const record = recordOf(migrationId)
      if (record.mode !== 'long-job') {
        throw deskError('cannotCancelPlain', { vm: record.vmName, cluster: record.profileName })
      }
      if (!isUnfinished(record)) throw deskError('nothingToCancel', { vm: record.vmName })
      if (record.state === 'canceling') return structuredClone(record)
      const before = record.state
      record.state = 'canceling'
      record.cancelRequestedAt = now().toISOString()
      await save(record)
      emit(record)
      try {
        await sessions.run(deskContract.cancelMigration.policy, record.profileId, (lease) =>
          lease.client.cancelLongJob(lease.sessionUuid, record.longJobUuid ?? '', { jobUuid: newJobUuid() })
        )
      } catch (error) {
        const appError = toAppError(error)
        // A lost answer may still have reached ZStack: the follow-up tells how it ends.
        if (isTransientFailure(appError)) return structuredClone(record)
        if (record.state === 'canceling') record.state = before
        delete record.cancelRequestedAt
        await save(record)
        emit(record)
        throw deskError('cancelRefused', { vm: record.vmName }, { cause: appError })
      }
      return structuredClone(record)
    },

    async retry(migrationId) {
      const record = recordOf(migrationId)
      if (record.state !== 'failed' && record.state !== 'canceled') {
        throw deskError('retryNotFinished', { vm: record.vmName })
      }
      return tracker.migrate(record.profileId, record.vmUuid, structuredClone(record.params), {
        retryOf: record.id
      })
    },

    list: (profileId) => journal.list(profileId).map((r) => structuredClone(r)),

    ofBatch: (batchId) =>
      journal
        .list()
        .filter((r) => r.batchId === batchId)
        .map((r) => structuredClone(r)),

    resumeAll() {
      for (const record of journal.unfinished()) {
        // Journaled but maybe never sent (the app stopped in between): resolved by its job, never resent.
        if (record.state === 'pending') record.submissionUnconfirmed = true
        follow(record)
      }
    },

    async dispose() {
      controller.abort(deskError('closing', {}))
      await journal.close()
    }
  }
  return tracker
}
