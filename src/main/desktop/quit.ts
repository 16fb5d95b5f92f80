// Quitting lets the runtime finish its writes (journal, profiles, logs), but never hangs on them.
import { app } from 'electron'
import type { DeskRuntime } from '../compose'
import { settleWithin } from './quit-timeout'

export const DISPOSE_TIMEOUT_MS = 5_000

export function setupQuit(takeRuntime: () => DeskRuntime | undefined, afterDispose: () => void): void {
  app.on('window-all-closed', () => {
    // macOS keeps an app without windows running; `activate` opens the window again.
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    const runtime = takeRuntime()
    if (!runtime) return
    event.preventDefault()
    void settleWithin(runtime.dispose(), DISPOSE_TIMEOUT_MS).then((outcome) => {
      if (outcome === 'timed-out')
        console.error('ZStack Desk: saving on quit took too long; quitting anyway.')
      afterDispose()
      app.quit()
    })
  })
}
