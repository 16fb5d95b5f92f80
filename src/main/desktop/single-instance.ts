// One app per data folder: a second launch focuses the first window and quits.
import { app } from 'electron'

export function setupSingleInstance(focusWindow: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', focusWindow)
  return true
}
