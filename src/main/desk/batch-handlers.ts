// Fleet operations: plans for many migrations, the queue that runs them, host drains and host state changes.
import type { DeskHandlers } from '../desk-handlers'
import { deskError } from '../desk-error'
import type { DeskContext } from './desk-context'

type BatchHandlers = Pick<
  DeskHandlers,
  | 'planMigrations'
  | 'planDrain'
  | 'startBatch'
  | 'pauseBatch'
  | 'resumeBatch'
  | 'cancelBatch'
  | 'cancelBatchRow'
  | 'listBatches'
  | 'getBatch'
  | 'exportBatchReport'
  | 'changeHostState'
>

export function batchHandlers(_ctx: DeskContext): BatchHandlers {
  // Contract first: the queue lands in the next commits.
  const pending = (): Promise<never> => Promise.reject(deskError('unexpected', {}))
  return {
    planMigrations: pending,
    planDrain: pending,
    startBatch: pending,
    pauseBatch: pending,
    resumeBatch: pending,
    cancelBatch: pending,
    cancelBatchRow: pending,
    listBatches: pending,
    getBatch: pending,
    exportBatchReport: pending,
    changeHostState: pending
  }
}
