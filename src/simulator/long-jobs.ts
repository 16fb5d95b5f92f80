// Long jobs (longjob/ in the server): a migration submitted as a job that reports progress and can be canceled.
import { randomUUID } from 'node:crypto'
import { formatGsonDate } from './gson-date'
import type { JobOutcome } from './jobs'
import type { TaskProgressStore } from './task-progress'
import type { MigrateParams, VmOperations } from './vm-operations'
import { zstackErrors, type ZStackError } from './zstack-errors'

export type LongJobState =
  'Waiting' | 'Suspended' | 'Running' | 'Succeeded' | 'Canceling' | 'Canceled' | 'Failed'

/** LongJobInventory; absent fields are omitted, as the server's JSON omits nulls. */
export interface LongJobRow {
  uuid: string
  name: string
  description?: string
  apiId: string
  jobName: string
  jobData: string
  jobResult?: string
  state: LongJobState
  targetResourceUuid?: string
  managementNodeUuid: string
  createDate: string
  lastOpDate: string
  executeTime?: number
}

export interface LongJobSubmission {
  apiId: string
  jobName: string
  jobData: string
  name?: string
  description?: string
  targetResourceUuid?: string
  resourceUuid?: string
}

export const FINAL_STATES: readonly LongJobState[] = ['Succeeded', 'Canceled', 'Failed']
const MIGRATE_PARAMS = ['hostUuid', 'migrateFromDestination', 'allowUnknown', 'strategy', 'downTime'] as const

/** The APIMigrateVmMsg fields of jobData, or the error the job fails with. */
function parseMigrateData(jobData: string): { vmUuid: string; params: MigrateParams } | ZStackError {
  let value: unknown
  try {
    value = JSON.parse(jobData)
  } catch {
    return zstackErrors.invalidArgument(`jobData is not valid JSON: ${jobData.slice(0, 200)}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return zstackErrors.invalidArgument('jobData must be a JSON object')
  const data = value as Record<string, unknown>
  if (typeof data.vmInstanceUuid !== 'string')
    return zstackErrors.invalidArgument('field[vmInstanceUuid] of APIMigrateVmMsg is mandatory')
  const params: Record<string, unknown> = {}
  for (const key of MIGRATE_PARAMS) if (data[key] !== undefined && data[key] !== null) params[key] = data[key]
  return { vmUuid: data.vmInstanceUuid, params: params as MigrateParams }
}

interface Run {
  cancelRequested: boolean
  /** Resolves when the job reaches a final state. */
  done: Promise<void>
}

export class LongJobStore {
  private readonly rows = new Map<string, LongJobRow>()
  private readonly runs = new Map<string, Run>()
  private readonly managementNodeUuid = randomUUID().replace(/-/g, '')

  constructor(
    private readonly operations: VmOperations,
    private readonly progress: TaskProgressStore,
    private readonly now: () => number = Date.now
  ) {}

  list(): LongJobRow[] {
    return [...this.rows.values()]
  }

  get(uuid: string): LongJobRow | undefined {
    return this.rows.get(uuid)
  }

  /** Creates the job and starts it; an existing `resourceUuid` re-submits (restarts) that job, as the server does. */
  submit(request: LongJobSubmission): LongJobRow {
    const at = formatGsonDate(this.now())
    const existing = request.resourceUuid ? this.rows.get(request.resourceUuid) : undefined
    const row: LongJobRow = existing ?? {
      uuid: request.resourceUuid ?? randomUUID().replace(/-/g, ''),
      name: request.name ?? request.jobName,
      apiId: request.apiId,
      jobName: request.jobName,
      jobData: request.jobData,
      state: 'Waiting',
      managementNodeUuid: this.managementNodeUuid,
      createDate: at,
      lastOpDate: at
    }
    if (request.description !== undefined) row.description = request.description
    if (request.targetResourceUuid !== undefined) row.targetResourceUuid = request.targetResourceUuid
    row.apiId = request.apiId
    row.jobData = request.jobData
    row.state = 'Waiting'
    row.lastOpDate = at
    delete row.jobResult
    delete row.executeTime
    this.rows.set(row.uuid, row)
    this.start(row)
    return { ...row }
  }

  /** Asks a running job to stop; resolves with the job once it is final. */
  async cancel(uuid: string): Promise<JobOutcome> {
    const row = this.rows.get(uuid)
    if (!row) return { ok: false, error: zstackErrors.notFound(`unable to find long job[uuid:${uuid}]`) }
    const run = this.runs.get(uuid)
    if (run && !FINAL_STATES.includes(row.state)) {
      run.cancelRequested = true
      this.setState(row, 'Canceling')
      await run.done
    } else if (row.state !== 'Canceled') {
      return {
        ok: false,
        error: zstackErrors.operationFailed(`long job[uuid:${uuid}] is ${row.state} and cannot be canceled`)
      }
    }
    return { ok: true, result: { inventory: { ...row } } }
  }

  private start(row: LongJobRow): void {
    const run: Run = { cancelRequested: false, done: Promise.resolve() }
    this.runs.set(row.uuid, run)
    const started = this.now()
    run.done = this.execute(row, run).then((outcome) => {
      if (this.runs.get(row.uuid) !== run) return
      this.runs.delete(row.uuid)
      row.executeTime = Math.round((this.now() - started) / 1000)
      if (outcome.ok) {
        // A cancel that came after the switch-over could not undo it: the job still succeeded.
        row.jobResult = JSON.stringify(outcome.result)
        this.setState(row, 'Succeeded')
      } else {
        row.jobResult = JSON.stringify(outcome.error)
        this.setState(row, run.cancelRequested ? 'Canceled' : 'Failed')
      }
    })
  }

  private async execute(row: LongJobRow, run: Run): Promise<JobOutcome> {
    if (row.jobName !== 'APIMigrateVmMsg') {
      return {
        ok: false,
        error: zstackErrors.invalidArgument(
          `no long job for [${row.jobName}]; this simulator runs APIMigrateVmMsg`
        )
      }
    }
    const data = parseMigrateData(row.jobData)
    if ('code' in data) return { ok: false, error: data }
    const apiId = row.apiId
    const outcome = this.operations.migrateWith(data.vmUuid, data.params, {
      progress: (percent) => {
        if (this.runs.get(row.uuid) !== run) return
        if (row.state === 'Waiting') this.setState(row, 'Running')
        this.progress.report(apiId, percent)
      },
      canceled: () => run.cancelRequested || this.runs.get(row.uuid) !== run
    })
    return outcome
  }

  private setState(row: LongJobRow, state: LongJobState): void {
    row.state = state
    row.lastOpDate = formatGsonDate(this.now())
  }
}
