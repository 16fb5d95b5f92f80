// The VM action log: every start and stop, on disk before it is sent and updated when its job answers.
import { rename } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { appError } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import type { VmActionRecord } from '../../shared/vm-action-types'
import {
  createWriteQueue,
  readTextIfPresent,
  removeStrayTempFiles,
  writeFileAtomic
} from '../profiles/atomic-file'
import { corruptCopyName } from '../profiles/profile-file'
import type { DeskEventBus } from '../event-bus'

export const VM_ACTIONS_FILE = 'vm-actions.json'
const LOG_VERSION = 1
/** The newest records kept for the activity list. */
const KEEP = 500

const recordSchema = z.looseObject({
  id: z.string().min(1),
  action: z.enum(['start', 'stop']),
  profileId: z.string().min(1),
  profileName: z.string(),
  vmUuid: z.string().regex(/^[0-9a-f]{32}$/),
  vmName: z.string(),
  jobUuid: z.string().regex(/^[0-9a-f]{32}$/),
  state: z.enum(['submitted', 'succeeded', 'failed', 'unknown']),
  createdAt: z.string(),
  updatedAt: z.string(),
  before: z.looseObject({})
})

const logSchema = z.object({ version: z.literal(LOG_VERSION), records: z.array(z.unknown()) })

export interface VmActionLog {
  /** Newest first. */
  list(profileId?: string): VmActionRecord[]
  /** Stores the record (a copy) and tells the renderer; resolves when the log is on disk. */
  put(record: VmActionRecord): Promise<void>
  notices: AppError[]
  /** No write lands after this resolves. */
  close(): Promise<void>
}

async function loadRecords(
  path: string,
  now: Date
): Promise<{ records: VmActionRecord[]; notices: AppError[] }> {
  const content = await readTextIfPresent(path)
  if (content === undefined) return { records: [], notices: [] }
  let parsed: ReturnType<typeof logSchema.safeParse> | undefined
  try {
    parsed = logSchema.safeParse(JSON.parse(content))
  } catch {
    parsed = undefined
  }
  if (!parsed?.success) {
    // Only a history of what was done: set aside, never a reason to stop the app.
    const aside = corruptCopyName(path, now)
    const moved = await rename(path, aside).then(
      () => true,
      () => false
    )
    return {
      records: [],
      notices: [
        moved
          ? appError('vmActionsMovedAside', { file: basename(path), aside })
          : appError('vmActionsReplaced', { file: basename(path) })
      ]
    }
  }
  const records = parsed.data.records.flatMap((raw) => {
    const record = recordSchema.safeParse(raw)
    return record.success ? [record.data as unknown as VmActionRecord] : []
  })
  return { records, notices: [] }
}

export async function openVmActionLog(
  dataDir: string,
  events: DeskEventBus,
  now: () => Date = () => new Date()
): Promise<VmActionLog> {
  const path = join(dataDir, VM_ACTIONS_FILE)
  await removeStrayTempFiles(path)
  const loaded = await loadRecords(path, now())
  const records = new Map(loaded.records.map((r) => [r.id, r]))
  // An action whose answer never came (the app stopped first) is not followed again: its outcome is unknown.
  for (const record of records.values()) {
    if (record.state !== 'submitted') continue
    record.state = 'unknown'
    record.finishedAt = record.updatedAt
  }
  const queue = createWriteQueue()
  let closed = false

  const newestFirst = (): VmActionRecord[] =>
    [...records.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))

  return {
    list: (profileId) =>
      newestFirst()
        .filter((r) => profileId === undefined || r.profileId === profileId)
        .map((r) => structuredClone(r)),
    put(record) {
      record.updatedAt = now().toISOString()
      records.set(record.id, structuredClone(record))
      if (records.size > KEEP) for (const old of newestFirst().slice(KEEP)) records.delete(old.id)
      events.emit('vm-action:update', structuredClone(record))
      return queue(async () => {
        if (closed) return
        const body = { version: LOG_VERSION, records: newestFirst() }
        await writeFileAtomic(path, `${JSON.stringify(body)}\n`)
      })
    },
    notices: loaded.notices,
    close() {
      return queue(async () => {
        closed = true
      })
    }
  }
}
