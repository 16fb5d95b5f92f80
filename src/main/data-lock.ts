// One process per data folder: the desktop app and the web host share `<dataDir>/zstack-desk.lock`.
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE = 'zstack-desk.lock'

export interface DataLock {
  path: string
  release(): void
}

interface LockOwner {
  pid: number
  holder: string
}

/** Thrown when another live process holds the folder; its message names that process. */
export class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner
  ) {
    super(
      `Another ZStack Desk (${owner.holder}, process ${owner.pid}) is already using the data folder ${dataDir}. ` +
        'Close it first, or set ZSTACK_DESK_HOME to use another folder.'
    )
    this.name = 'DataFolderBusyError'
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    if (!Number.isInteger(value.pid) || (value.pid ?? 0) <= 0) return undefined
    return { pid: value.pid as number, holder: typeof value.holder === 'string' ? value.holder : 'unknown' }
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the folder's lock (creating the folder), taking over a lock left by a process that no longer runs. */
export function acquireDataLock(dataDir: string, holder: string): DataLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, LOCK_FILE)
  // Written aside and hard-linked into place: the lock file is never seen half-written.
  const draft = `${path}.${process.pid}`
  writeFileSync(draft, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }), {
    mode: 0o600
  })
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const owner = readOwner(path)
      if (owner && owner.pid !== process.pid && isAlive(owner.pid))
        throw new DataFolderBusyError(dataDir, owner)
      // A lock left by a process that is gone: take it over once; losing that race reports the winner.
      if (attempt > 0) throw new DataFolderBusyError(dataDir, owner ?? { pid: 0, holder: 'unknown' })
      rmSync(path, { force: true })
    }
  } finally {
    unlinkSync(draft)
  }
  const release = (): void => {
    process.off('exit', release)
    if (readOwner(path)?.pid !== process.pid) return
    try {
      unlinkSync(path)
    } catch {
      // Already gone: nothing to release.
    }
  }
  process.on('exit', release)
  return { path, release }
}
