// The application menu: editing and zoom for everyone; Reload and DevTools only in development.
import { app, Menu, type MenuItemConstructorOptions } from 'electron'

export function menuTemplate(options: {
  dev: boolean
  platform: NodeJS.Platform
  viewLabel: string
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' }
  ]
  if (options.dev) view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' })
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    { role: 'editMenu' },
    { label: options.viewLabel, submenu: view },
    { role: 'windowMenu' }
  ]
}

export function setupMenu(viewLabel: string): void {
  const dev = !app.isPackaged && Boolean(process.env.ELECTRON_RENDERER_URL)
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ dev, platform: process.platform, viewLabel }))
  )
}
