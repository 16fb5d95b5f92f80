// The migration journal: every record is on disk (atomically, fsync'd) before its request is sent.
import { copyFile, rename } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { appError } from '../../shared/error-kinds'
import type { MigrationRecord } from '../../shared/migration-types'
import type { AppError } from '../../shared/result'
import {
  createWriteQueue,
  readTextIfPresent,
  removeStrayTempFiles,
  writeFileAtomic,
  type AtomicWriteHooks
} from '../profiles/atomic-file'
import { corruptCopyName } from '../profiles/profile-file'
import { DeskError } from '../desk-error'

export const MIGRATIONS_FILE = 'migrations.json'
const JOURNAL_VERSION = 1
/** Finished records kept for the activity list; unfinished ones are never dropped. */
const KEEP_FINISHED = 500

const recordSchema = z
  .looseObject({
    id: z.string().min(1),
    profileId: z.string().min(1),
    profileName: z.string(),
    vmUuid: z.string().regex(/^[0-9a-f]{32}$/),
    vmName: z.string(),
    params: z.looseObject({}),
    jobUuid: z.string().regex(/^[0-9a-f]{32}$/),
    state: z.enum(['pending', 'submitted', 'running', 'canceling', 'succeeded', 'failed', 'canceled']),
    mode: z.enum(['plain', 'long-job']).optional(),
    longJobUuid: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    polls: z.number().int().min(0),
    before: z.looseObject({})
  })
  // A long job is followed by its uuid only: a record that lost it cannot be followed.
  .refine(
    (r) => r.mode !== 'long-job' || r.longJobUuid !== undefined,
    'a long-job record needs its longJobUuid'
  )

const journalSchema = z.object({ version: z.literal(JOURNAL_VERSION), records: z.array(z.unknown()) })

export const isUnfinished = (record: MigrationRecord): boolean =>
  record.state === 'pending' ||
  record.state === 'submitted' ||
  record.state === 'running' ||
  record.state === 'canceling'

export interface MigrationJournal {
  /** Newest first. */
  list(profileId?: string): MigrationRecord[]
  unfinished(): MigrationRecord[]
  activeFor(profileId: string, vmUuid: string): MigrationRecord | undefined
  /** The live record (not a copy). */
  get(id: string): MigrationRecord | undefined
  /** Adds or replaces the record in memory at once, then resolves when the whole journal is on disk. */
  put(record: MigrationRecord): Promise<void>
  /** Forgets a record that never left this process (its write failed). */
  discard(id: string): void
  notices: AppError[]
  /** No write lands after this resolves: a new runtime may own the file next. */
  close(): Promise<void>
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

interface LoadedJournal {
  records: MigrationRecord[]
  notices: AppError[]
  /** Set when the file is unreadable and no copy of it could be made: writing would lose it, so writes are refused. */
  refused?: AppError
}

async function loadRecords(path: string, now: Date): Promise<LoadedJournal> {
  const content = await readTextIfPresent(path)
  if (content === undefined) return { records: [], notices: [] }
  const envelope = (() => {
    try {
      return journalSchema.safeParse(JSON.parse(content))
    } catch {
      return undefined
    }
  })()
  if (!envelope?.success) {
    const aside = corruptCopyName(path, now)
    try {
      await rename(path, aside)
    } catch (error) {
      const refused = appError('journalUnwritable', { path }, { details: errorText(error) })
      return { records: [], notices: [refused], refused }
    }
    return { records: [], notices: [appError('journalMovedAside', { file: basename(path), aside })] }
  }
  const records: MigrationRecord[] = []
  let bad = 0
  for (const raw of envelope.data.records) {
    const parsed = recordSchema.safeParse(raw)
    if (parsed.success) records.push(parsed.data as unknown as MigrationRecord)
    else bad++
  }
  if (bad === 0) return { records, notices: [] }
  const aside = corruptCopyName(path, now)
  try {
    await copyFile(path, aside)
  } catch (error) {
    // The next write would drop the damaged records for good, with no copy left: refuse it.
    const refused = appError('journalDamagedUnwritable', { path, count: bad }, { details: errorText(error) })
    return { records, notices: [refused], refused }
  }
  return {
    records,
    notices: [appError('journalRecordsSkipped', { count: bad, file: basename(path), aside })]
  }
}

export async function openMigrationJournal(
  dataDir: string,
  options: { now?: () => Date; writeHooks?: AtomicWriteHooks } = {}
): Promise<MigrationJournal> {
  const path = join(dataDir, MIGRATIONS_FILE)
  await removeStrayTempFiles(path)
  const loaded = await loadRecords(path, (options.now ?? (() => new Date()))())
  const records = new Map<string, MigrationRecord>(loaded.records.map((r) => [r.id, r]))
  const queue = createWriteQueue()
  let closed = false

  const newestFirst = (): MigrationRecord[] =>
    [...records.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))

  const trimmed = (): MigrationRecord[] => {
    let finished = 0
    return newestFirst().filter((r) => isUnfinished(r) || ++finished <= KEEP_FINISHED)
  }

  return {
    list: (profileId) => newestFirst().filter((r) => profileId === undefined || r.profileId === profileId),
    unfinished: () => newestFirst().filter(isUnfinished),
    activeFor: (profileId, vmUuid) =>
      newestFirst().find((r) => r.profileId === profileId && r.vmUuid === vmUuid && isUnfinished(r)),
    get: (id) => records.get(id),
    put(record) {
      if (loaded.refused) return Promise.reject(new DeskError(loaded.refused))
      records.set(record.id, record)
      return queue(async () => {
        if (closed) return
        // Each write takes the latest state of every record, so a later write carries earlier changes too.
        const body = { version: JOURNAL_VERSION, records: trimmed() }
        await writeFileAtomic(path, `${JSON.stringify(body)}\n`, options.writeHooks)
      })
    },
    discard(id) {
      records.delete(id)
    },
    notices: loaded.notices,
    close() {
      return queue(async () => {
        closed = true
      })
    }
  }
}
