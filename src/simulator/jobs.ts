// Asynchronous API jobs, as the poll endpoint sees them: running, done with a result, or failed.
import type { ZStackError } from './zstack-errors'

/** A result's `inventory` is a VM's unless `shape` says it is a host's (changeHostState). */
export type JobOutcome =
  { ok: true; result: Record<string, unknown>; shape?: 'host' } | { ok: false; error: ZStackError }

interface Job {
  uuid: string
  finishedAt: number | undefined
  outcome: JobOutcome | undefined
}

export type JobView = { state: 'running' } | { state: 'finished'; outcome: JobOutcome } | { state: 'expired' }

export class JobStore {
  private readonly jobs = new Map<string, Job>()

  // Date.now looked up on each call, so a test that fakes the clock (vi.setSystemTime) moves retention too.
  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Every uuid ever used, expired jobs included, is a duplicate. */
  has(uuid: string): boolean {
    return this.jobs.has(uuid)
  }

  create(uuid: string): void {
    this.jobs.set(uuid, { uuid, finishedAt: undefined, outcome: undefined })
  }

  finish(uuid: string, outcome: JobOutcome): void {
    const job = this.jobs.get(uuid)
    if (!job || job.outcome) return
    job.outcome = outcome
    job.finishedAt = this.now()
  }

  view(uuid: string, retentionMs: number): JobView {
    const job = this.jobs.get(uuid)
    if (!job) return { state: 'expired' }
    if (!job.outcome || job.finishedAt === undefined) return { state: 'running' }
    if (this.now() - job.finishedAt > retentionMs) return { state: 'expired' }
    return { state: 'finished', outcome: job.outcome }
  }
}
