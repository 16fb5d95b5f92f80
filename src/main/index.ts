// Electron entry: start-up reads as a table of contents; each step is a small setupXxx() module.
import { app, BrowserWindow, ipcMain } from 'electron'
import { composeDesk, type DeskRuntime } from './compose'
import { acquireDataLock, type DataLock } from './data-lock'
import { registerAppScheme, setupAppProtocol } from './desktop/app-protocol'
import { setupMenu } from './desktop/app-menu'
import { setupDataFolders } from './desktop/data-folders'
import { setupQuit } from './desktop/quit'
import { shellMessages, type ShellMessages } from './desktop/shell-messages'
import { setupSingleInstance } from './desktop/single-instance'
import { failStart } from './desktop/start-failure'
import { IPC_EVENT_CHANNEL, registerDeskIpc, trustOnly } from './ipc'
import { createMainWindow, isOwnOrigin, rendererDir, setupSessionSecurity } from './main-window'

let mainWindow: BrowserWindow | undefined
let runtime: DeskRuntime | undefined
let lock: DataLock | undefined

const messages = (): ShellMessages =>
  shellMessages(app.isReady() ? app.getLocale() : (process.env.LANG ?? ''))

function profilesFlag(): string | undefined {
  const index = process.argv.indexOf('--profiles')
  return (index >= 0 ? process.argv[index + 1] : undefined) ?? process.env.ZSTACK_DESK_PROFILES
}

function focusWindow(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.focus()
}

async function setupDesk(dataDir: string): Promise<DeskRuntime> {
  const desk = await composeDesk({
    transport: 'electron',
    dataDir,
    version: app.getVersion(),
    profilesFile: profilesFlag()
  })
  registerDeskIpc(
    ipcMain,
    desk.guarded,
    trustOnly(() => mainWindow?.webContents.id, isOwnOrigin)
  )
  desk.events.subscribe((event, payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, event, payload))
  return desk
}

function setupWindow(dataDir: string): void {
  const open = (): void => {
    mainWindow = createMainWindow(dataDir, messages())
    mainWindow.on('closed', () => (mainWindow = undefined))
  }
  open()
  // macOS: clicking the Dock icon of a running app without windows opens the window again.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
}

async function start(): Promise<void> {
  const dataDir = setupDataFolders()
  if (!setupSingleInstance(focusWindow)) return
  lock = acquireDataLock(dataDir, 'desktop app')
  registerAppScheme()
  await app.whenReady()
  setupAppProtocol(rendererDir)
  setupSessionSecurity()
  setupMenu(messages().view)
  runtime = await setupDesk(dataDir)
  setupQuit(
    () => {
      const closing = runtime
      runtime = undefined
      return closing
    },
    () => lock?.release()
  )
  setupWindow(dataDir)
}

start().catch((error: unknown) =>
  failStart(error, messages(), () => {
    lock?.release()
    lock = undefined
  })
)
