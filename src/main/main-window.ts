import { app, BrowserWindow, screen, session, shell } from 'electron'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'
import { APP_INDEX_URL, APP_ORIGIN } from './desktop/app-protocol'
import { originOf } from './desktop/origin'
import { setupPermissions } from './desktop/permissions'
import type { ShellMessages } from './desktop/shell-messages'
import { setupWindowRecovery } from './desktop/window-recovery'
import { isAllowedExternalUrl } from './external-links'
import { loadWindowBounds, placeOnDisplay, saveWindowBounds } from './window-state'

export const rendererDir = join(import.meta.dirname, '../renderer')

/** The dev server's origin in `npm run dev`, never in a packaged app. */
function devOrigin(): string | undefined {
  const dev = process.env.ELECTRON_RENDERER_URL
  if (app.isPackaged || !dev) return undefined
  return originOf(dev)
}

/** The origins the window may show: the built renderer on app://desk, or the dev server. */
export function ownOrigins(): string[] {
  const dev = devOrigin()
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN]
}

export function isOwnOrigin(origin: string): boolean {
  return ownOrigins().includes(origin)
}

export function isOwnPage(url: string): boolean {
  const origin = originOf(url)
  return origin !== undefined && isOwnOrigin(origin)
}

export function setupSessionSecurity(): void {
  setupPermissions(session.defaultSession, ownOrigins)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
}

export function createMainWindow(dataDir: string, messages: ShellMessages): BrowserWindow {
  const bounds = placeOnDisplay(
    loadWindowBounds(dataDir),
    screen.getAllDisplays().map((display) => display.workArea)
  )
  const win = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'ZStack Desk',
    autoHideMenuBar: true,
    icon: join(import.meta.dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false
    }
  })
  // Maximizing a hidden window flashes it at the wrong size on some desktops: only once it is ready.
  win.once('ready-to-show', () => {
    if (bounds.maximized) win.maximize()
    win.show()
  })

  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  setupWindowRecovery(win, messages)

  const remember = (): void =>
    saveWindowBounds(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() })
  win.on('close', remember)

  const dev = process.env.ELECTRON_RENDERER_URL
  void win.loadURL(devOrigin() && dev ? dev : APP_INDEX_URL)
  return win
}
