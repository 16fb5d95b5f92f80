// Task progress by API id (core/progress in the server): the percentages a long job reports as it runs.
import { randomUUID } from 'node:crypto'

/** TaskProgressInventory as GET /v1/task-progresses/{apiId} returns it. */
export interface TaskProgressEntry {
  taskUuid: string
  taskName: string
  type: 'Task' | 'Progress'
  content: string
  time: number
}

export class TaskProgressStore {
  private readonly byApi = new Map<string, TaskProgressEntry[]>()

  constructor(private readonly now: () => number = Date.now) {}

  report(apiId: string, percent: number): void {
    const entries = this.byApi.get(apiId) ?? []
    entries.push({
      taskUuid: randomUUID().replace(/-/g, ''),
      taskName: 'APIMigrateVmMsg',
      type: 'Progress',
      content: String(percent),
      time: this.now()
    })
    this.byApi.set(apiId, entries)
  }

  /** The latest report, or every one with `all`. */
  read(apiId: string, all: boolean): TaskProgressEntry[] {
    const entries = this.byApi.get(apiId) ?? []
    const shown = all ? entries : entries.slice(-1)
    return shown.map((entry) => ({ ...entry }))
  }
}
