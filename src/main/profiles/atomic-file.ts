// Crash-safe file replacement: a reader sees the old content or the new, never half of either.
import { open, readFile, readdir, rename, unlink } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteHooks {
  /** Runs after the temp file is written and synced, before the rename: tests inject a crash here. */
  beforeRename?: (tempPath: string) => Promise<void>
}

const TEMP_SUFFIX = '.tmp'

function tempPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`
  )
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; Windows cannot open a directory, where NTFS journals the rename anyway.
  const handle = await open(dir, 'r').catch(() => undefined)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close()
  }
}

/** Writes `content` to a temp file in the same folder, fsyncs it, renames it over `path`, and fsyncs the folder. */
export async function writeFileAtomic(
  path: string,
  content: string,
  hooks: AtomicWriteHooks = {}
): Promise<void> {
  const temp = tempPathFor(path)
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(content, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await hooks.beforeRename?.(temp)
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await syncDirectory(dirname(path))
}

/** The file's text; undefined when it does not exist; '' when it cannot be read (treated as damaged). */
export async function readTextIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : ''
  }
}

/** Removes temp files a crash left behind for `path`; they never hold the only copy of anything. */
export async function removeStrayTempFiles(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`
  const names = await readdir(dirname(path)).catch(() => [] as string[])
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX))
      .map((name) => unlink(join(dirname(path), name)).catch(() => undefined))
  )
}

/** Serializes async writes so each one lands whole and in order. */
export function createWriteQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return (task) => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}
