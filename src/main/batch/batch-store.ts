// Batches on disk (batches.json, written atomically like the migration journal): a restart resumes them.
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { MigrationBatch } from '../../shared/batch-types'
import { appError } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import { createWriteQueue, removeStrayTempFiles, writeFileAtomic } from '../profiles/atomic-file'
import { corruptCopyName } from '../profiles/profile-file'

export const BATCHES_FILE = 'batches.json'
const VERSION = 1
/** Finished batches kept as reports; unfinished ones are never dropped. */
const KEEP_FINISHED = 100

const batchSchema = z.looseObject({
  id: z.string().min(1),
  profileId: z.string().min(1),
  kind: z.enum(['migrate', 'drain']),
  state: z.enum(['running', 'paused', 'finished', 'canceled']),
  options: z.looseObject({ concurrency: z.number().int().min(1) }),
  rows: z.array(
    z.looseObject({
      vmUuid: z.string().regex(/^[0-9a-f]{32}$/),
      state: z.enum(['queued', 'running', 'succeeded', 'failed', 'skipped', 'canceled'])
    })
  ),
  createdAt: z.string()
})

const fileSchema = z.object({ version: z.literal(VERSION), batches: z.array(z.unknown()) })

export interface BatchStore {
  /** Newest first. */
  list(): MigrationBatch[]
  get(id: string): MigrationBatch | undefined
  /** Keeps the (live) batch and resolves once every batch is on disk. */
  put(batch: MigrationBatch): Promise<void>
  notices: AppError[]
  close(): Promise<void>
}

async function load(path: string): Promise<{ batches: MigrationBatch[]; notices: AppError[] }> {
  let content: string
  try {
    content = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { batches: [], notices: [] }
    content = ''
  }
  let parsed: z.ZodSafeParseResult<z.infer<typeof fileSchema>> | undefined
  try {
    parsed = fileSchema.safeParse(JSON.parse(content))
  } catch {
    parsed = undefined
  }
  if (!parsed?.success) {
    const aside = corruptCopyName(path, new Date())
    await rename(path, aside).catch(() => undefined)
    return { batches: [], notices: [appError('batchesMovedAside', { aside })] }
  }
  const batches: MigrationBatch[] = []
  for (const raw of parsed.data.batches) {
    const one = batchSchema.safeParse(raw)
    if (one.success) batches.push(one.data as unknown as MigrationBatch)
  }
  return { batches, notices: [] }
}

export async function openBatchStore(dataDir: string): Promise<BatchStore> {
  const path = join(dataDir, BATCHES_FILE)
  await removeStrayTempFiles(path)
  const loaded = await load(path)
  const batches = new Map(loaded.batches.map((b) => [b.id, b]))
  const queue = createWriteQueue()
  let closed = false
  const newestFirst = (): MigrationBatch[] =>
    [...batches.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
  return {
    list: newestFirst,
    get: (id) => batches.get(id),
    put(batch) {
      batches.set(batch.id, batch)
      return queue(async () => {
        if (closed) return
        let finished = 0
        const kept = newestFirst().filter((b) => b.finishedAt === undefined || ++finished <= KEEP_FINISHED)
        await writeFileAtomic(path, `${JSON.stringify({ version: VERSION, batches: kept })}\n`)
      })
    },
    notices: loaded.notices,
    close: () =>
      queue(async () => {
        closed = true
      })
  }
}
