// A crashed or hung page is offered a reload; the state lives in main, so nothing is lost by it.
import { app, dialog, type BrowserWindow } from 'electron'
import type { ShellMessages } from './shell-messages'

export function setupWindowRecovery(win: BrowserWindow, messages: ShellMessages): void {
  let asking = false
  const ask = async (message: string, detail: string, buttons: string[]): Promise<number | undefined> => {
    if (asking || win.isDestroyed()) return undefined
    asking = true
    try {
      return (await dialog.showMessageBox(win, { type: 'warning', message, detail, buttons, defaultId: 0 }))
        .response
    } finally {
      asking = false
    }
  }

  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return
    void ask(messages.crashedMessage, messages.crashedDetail(details.reason), [
      messages.reload,
      messages.quit
    ]).then((choice) => {
      if (choice === 0 && !win.isDestroyed()) win.webContents.reload()
      if (choice === 1) app.quit()
    })
  })

  win.on('unresponsive', () => {
    void ask(messages.hungMessage, messages.hungDetail, [messages.wait, messages.reload]).then((choice) => {
      if (choice !== 1 || win.isDestroyed()) return
      win.webContents.forcefullyCrashRenderer()
      win.webContents.reload()
    })
  })
}
