// src/main/index.ts's start-up, run in Node with a recording `electron`: order, second instance, failing starts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LOCK_FILE } from '../../../src/main/data-lock'
import { createElectronFake, type ElectronFake } from './electron-fake'
import { holdLockInAnotherProcess, kill } from './hold-lock'

let fake: ElectronFake
let home: string
const savedHome = process.env.ZSTACK_DESK_HOME

beforeEach(() => {
  vi.resetModules()
  fake = createElectronFake()
  // A fresh module graph per test, each with its own recording electron.
  vi.doMock('electron', () => fake.module)
  home = mkdtempSync(join(tmpdir(), 'zstack-desk-start-'))
  process.env.ZSTACK_DESK_HOME = join(home, 'data')
})

afterEach(() => {
  vi.doUnmock('../../../src/main/compose')
  if (savedHome === undefined) delete process.env.ZSTACK_DESK_HOME
  else process.env.ZSTACK_DESK_HOME = savedHome
  rmSync(home, { recursive: true, force: true })
})

const startApp = (): Promise<unknown> => import('../../../src/main/index')

describe('desktop start-up', () => {
  it('sets the data folders, then takes the single-instance lock, then the data-folder lock, then waits for ready', async () => {
    const dataDir = join(home, 'data')
    await startApp()
    await vi.waitFor(() => expect(fake.calls).toContain('app.whenReady()'))
    const calls = fake.calls
    expect(calls.slice(0, 3)).toEqual([
      `app.setPath(userData, ${dataDir})`,
      `app.setPath(sessionData, ${join(dataDir, 'chromium')})`,
      'app.requestSingleInstanceLock()'
    ])
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged()')).toBeLessThan(
      calls.indexOf('app.whenReady()')
    )
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      holder: 'desktop app'
    })
    expect(fake.errorBoxes).toEqual([])
  })

  it('quits at once as a second instance, touching nothing', async () => {
    fake.singleInstance = false
    await startApp()
    await vi.waitFor(() => expect(fake.calls).toContain('app.quit()'))
    expect(fake.calls).not.toContain('app.whenReady()')
    expect(existsSync(join(home, 'data', LOCK_FILE))).toBe(false)
  })

  it('shows an error box and exits when the data folder cannot be created', async () => {
    writeFileSync(join(home, 'data'), 'a file where the folder should be')
    await startApp()
    await vi.waitFor(() => expect(fake.exitCodes).toEqual([1]))
    expect(fake.errorBoxes).toHaveLength(1)
    expect(fake.errorBoxes[0]!.title).toBe('ZStack Desk could not start')
    expect(fake.errorBoxes[0]!.content).toContain(join(home, 'data'))
    expect(fake.calls).not.toContain('app.whenReady()')
  })

  it('says which process holds the data folder, and exits', async () => {
    const holder = await holdLockInAnotherProcess(join(home, 'data'))
    try {
      await startApp()
      await vi.waitFor(() => expect(fake.exitCodes).toEqual([1]))
      expect(fake.errorBoxes.map((b) => b.content)).toEqual([
        expect.stringContaining(`(web host, process ${holder.pid}) is already using the data folder`)
      ])
    } finally {
      await kill(holder)
    }
  })

  it('releases the data-folder lock when a later step fails, so a retry can start', async () => {
    vi.doMock('../../../src/main/compose', () => ({
      composeDesk: () => Promise.reject(new Error('The migration journal could not be read: EACCES'))
    }))
    fake.resolveReady()
    await startApp()
    await vi.waitFor(() => expect(fake.exitCodes).toEqual([1]))
    expect(fake.errorBoxes).toEqual([
      { title: 'ZStack Desk could not start', content: 'The migration journal could not be read: EACCES' }
    ])
    expect(existsSync(join(home, 'data', LOCK_FILE))).toBe(false)
  })
})
