// Issue 17.6: the data folder and logs/ are this user's only, even under umask 000, and an open folder is tightened.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { secureDataDir } from '../../src/main/data-dir'
import { createFileLogger } from '../../src/main/log/logger'

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8)
const roots: string[] = []
const newRoot = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'desk-perm-'))
  roots.push(root)
  return root
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

describe('data folder permissions', () => {
  it('creates the data folder, logs/ and the log file for this user only, even under umask 000', async () => {
    const dataDir = join(newRoot(), 'zstack-desk')
    const umask = process.umask(0)
    try {
      expect(await secureDataDir(dataDir, 'linux')).toEqual([])
      const logger = createFileLogger({ dataDir })
      logger.info('hello')
      await logger.close()
    } finally {
      process.umask(umask)
    }
    expect(modeOf(dataDir)).toBe('700')
    expect(modeOf(join(dataDir, 'logs'))).toBe('700')
    expect(modeOf(join(dataDir, 'logs', 'desk.log'))).toBe('600')
  })

  it('tightens an existing data folder and logs/ that others can read, and says so', async () => {
    const dataDir = join(newRoot(), 'zstack-desk')
    mkdirSync(join(dataDir, 'logs'), { recursive: true })
    chmodSync(dataDir, 0o755)
    chmodSync(join(dataDir, 'logs'), 0o777)
    const notices = await secureDataDir(dataDir, 'linux')
    expect(modeOf(dataDir)).toBe('700')
    expect(modeOf(join(dataDir, 'logs'))).toBe('700')
    expect(notices).toHaveLength(2)
    expect(notices[0]).toMatchObject({ kind: 'dataDirMadePrivate', params: { dir: dataDir, mode: '0755' } })
    expect(notices[0]?.message).toMatch(
      /readable by other users \(mode 0755\); it is now private to you \(0700\)/
    )
    expect(notices[1]).toMatchObject({ kind: 'dataDirMadePrivate', params: { mode: '0777' } })
  })
})
