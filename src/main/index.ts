// Electron entry: start-up reads as a table of contents.
import { app, BrowserWindow, ipcMain } from 'electron'
import { composeDesk, type DeskRuntime } from './compose'
import { resolveDataDir } from './data-dir'
import { IPC_EVENT_CHANNEL, registerDeskIpc, trustOnly } from './ipc'
import { createMainWindow, isOwnPage, setupSessionSecurity } from './main-window'

let mainWindow: BrowserWindow | undefined
let runtime: DeskRuntime | undefined

function profilesFlag(): string | undefined {
  const index = process.argv.indexOf('--profiles')
  return (index >= 0 ? process.argv[index + 1] : undefined) ?? process.env.ZSTACK_DESK_PROFILES
}

function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  return true
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
    trustOnly(() => mainWindow?.webContents.id, isOwnPage)
  )
  desk.events.subscribe((event, payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, event, payload))
  return desk
}

function setupQuit(): void {
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    if (!runtime) return
    event.preventDefault()
    const closing = runtime
    runtime = undefined
    void closing.dispose().finally(() => app.quit())
  })
}

async function start(): Promise<void> {
  if (!setupSingleInstance()) return
  const dataDir = resolveDataDir()
  app.setPath('userData', dataDir)
  await app.whenReady()
  setupSessionSecurity()
  runtime = await setupDesk(dataDir)
  setupQuit()
  mainWindow = createMainWindow(dataDir)
}

void start()
