// What the shell does when the page crashes or hangs, and when the app quits with a runtime that will not finish.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventEmitter } from 'node:events'

const electron = {
  app: Object.assign(new EventEmitter(), { quit: vi.fn() }),
  dialog: { showMessageBox: vi.fn() }
}
vi.doMock('electron', () => electron)
const { setupWindowRecovery } = await import('../../../src/main/desktop/window-recovery')
const { setupQuit, DISPOSE_TIMEOUT_MS } = await import('../../../src/main/desktop/quit')
const { shellMessages } = await import('../../../src/main/desktop/shell-messages')

function fakeWindow() {
  const webContents = Object.assign(new EventEmitter(), { reload: vi.fn(), forcefullyCrashRenderer: vi.fn() })
  const win = Object.assign(new EventEmitter(), { webContents, isDestroyed: () => false })
  setupWindowRecovery(win as never, shellMessages('en-US'))
  return win
}

beforeEach(() => {
  electron.dialog.showMessageBox.mockReset()
  electron.app.quit.mockReset()
  electron.app.removeAllListeners()
})

describe('window recovery', () => {
  it('offers a reload when the page crashes, and reloads on Reload', async () => {
    electron.dialog.showMessageBox.mockResolvedValue({ response: 0 })
    const win = fakeWindow()
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1))
    const [, options] = electron.dialog.showMessageBox.mock.calls[0]!
    expect(options).toMatchObject({
      message: 'ZStack Desk’s window stopped working',
      buttons: ['Reload', 'Quit']
    })
    expect(options.detail).toContain('(crashed)')
  })

  it('quits on Quit, and says nothing when the page simply closed', async () => {
    electron.dialog.showMessageBox.mockResolvedValue({ response: 1 })
    const win = fakeWindow()
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 })
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled()
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 })
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1))
    expect(win.webContents.reload).not.toHaveBeenCalled()
  })

  it('lets a hung page be waited for or reloaded, asking once at a time', async () => {
    let answer: (value: { response: number }) => void = () => undefined
    electron.dialog.showMessageBox.mockImplementation(() => new Promise((done) => (answer = done)))
    const win = fakeWindow()
    win.emit('unresponsive')
    win.emit('unresponsive')
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1)
    answer({ response: 0 })
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1))
    expect(win.webContents.reload).not.toHaveBeenCalled()
    await Promise.resolve()
    win.emit('unresponsive')
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(2))
    answer({ response: 1 })
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1))
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
  })
})

describe('setupQuit', () => {
  afterEach(() => vi.useRealTimers())

  it('waits for dispose, but quits after the timeout when it never ends', async () => {
    vi.useFakeTimers()
    const released = vi.fn()
    let runtime: { dispose(): Promise<void> } | undefined = {
      dispose: () => new Promise<void>(() => undefined)
    }
    setupQuit(() => {
      const taken = runtime
      runtime = undefined
      return taken as never
    }, released)
    const event = { preventDefault: vi.fn() }
    electron.app.emit('will-quit', event)
    expect(event.preventDefault).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(DISPOSE_TIMEOUT_MS - 1)
    expect(electron.app.quit).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(released).toHaveBeenCalledTimes(1)
    expect(electron.app.quit).toHaveBeenCalledTimes(1)
    // The second will-quit (from that quit) goes through.
    const again = { preventDefault: vi.fn() }
    electron.app.emit('will-quit', again)
    expect(again.preventDefault).not.toHaveBeenCalled()
  })
})
