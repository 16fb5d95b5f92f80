import { BrowserWindow, session, shell, app } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'
import { isAllowedExternalUrl } from './external-links'
import { loadWindowBounds, saveWindowBounds } from './window-state'

const rendererDir = join(import.meta.dirname, '../renderer')
const indexUrl = pathToFileURL(join(rendererDir, 'index.html')).href

/** The page the window may show: the built renderer, or the dev server in `npm run dev`. */
export function isOwnPage(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL
  if (!app.isPackaged && dev && url.startsWith(dev)) return true
  return url.split('#')[0]?.split('?')[0] === indexUrl
}

export function setupSessionSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
}

export function createMainWindow(dataDir: string): BrowserWindow {
  const bounds = loadWindowBounds(dataDir)
  const win = new BrowserWindow({
    ...bounds,
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
  if (bounds.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())

  const remember = (): void =>
    saveWindowBounds(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() })
  win.on('close', remember)

  const dev = process.env.ELECTRON_RENDERER_URL
  if (!app.isPackaged && dev) void win.loadURL(dev)
  else void win.loadFile(join(rendererDir, 'index.html'))
  return win
}
