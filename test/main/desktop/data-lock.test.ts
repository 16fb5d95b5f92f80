// One process per data folder: a second one is refused with the holder's PID; a dead holder's lock is taken over.
import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { acquireDataLock, DataFolderBusyError, LOCK_FILE } from '../../../src/main/data-lock'
import { holdLockInAnotherProcess, kill } from './hold-lock'

const dirs: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'zstack-desk-lock-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('acquireDataLock', () => {
  it('refuses a second process while the first runs, naming its PID, and takes over once it is gone', async () => {
    const dataDir = tempDir()
    const holder = await holdLockInAnotherProcess(dataDir)
    try {
      let refused: unknown
      try {
        acquireDataLock(dataDir, 'desktop app')
      } catch (error) {
        refused = error
      }
      expect(refused).toBeInstanceOf(DataFolderBusyError)
      expect((refused as Error).message).toBe(
        `Another ZStack Desk (web host, process ${holder.pid}) is already using the data folder ${dataDir}. ` +
          'Close it first, or set ZSTACK_DESK_HOME to use another folder.'
      )
      // Refusing changed nothing: the holder's lock is intact.
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: holder.pid })
    } finally {
      // Killed without a chance to clean up: its lock file stays behind, stale.
      await kill(holder)
    }
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true)
    const lock = acquireDataLock(dataDir, 'desktop app')
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({
      pid: process.pid,
      holder: 'desktop app'
    })
    lock.release()
    expect(existsSync(lock.path)).toBe(false)
  })

  it('creates the folder, and release leaves another owner’s lock alone', () => {
    const dataDir = join(tempDir(), 'new', 'folder')
    const lock = acquireDataLock(dataDir, 'web host')
    expect(existsSync(lock.path)).toBe(true)
    writeFileSync(lock.path, JSON.stringify({ pid: 1, holder: 'someone else' }))
    lock.release()
    expect(existsSync(lock.path)).toBe(true)
  })

  it('takes over an unreadable lock file', () => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, LOCK_FILE), 'not json')
    const lock = acquireDataLock(dataDir, 'web host')
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid })
    lock.release()
  })
})

describe('npm run web on a folder in use', () => {
  it('refuses to start, naming the process that holds the folder', async () => {
    const dataDir = tempDir()
    const holder = await holdLockInAnotherProcess(dataDir)
    try {
      const cli = resolve(import.meta.dirname, '../../../src/main/web-host/cli.ts')
      const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], {
        env: { ...process.env, ZSTACK_DESK_HOME: dataDir },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      const code = await new Promise<number | null>((done) => child.on('close', done))
      expect(code).toBe(1)
      expect(output.trim()).toBe(
        `Another ZStack Desk (web host, process ${holder.pid}) is already using the data folder ${dataDir}. ` +
          'Close it first, or set ZSTACK_DESK_HOME to use another folder.'
      )
    } finally {
      await kill(holder)
    }
  })
})
