// The small pure parts of the Electron shell: permissions, menu, window placement, quitting, messages.
import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'

vi.mock('electron', () => ({ app: {}, Menu: {} }))
const { allowsPermission } = await import('../../../src/main/desktop/permissions')
const { menuTemplate } = await import('../../../src/main/desktop/app-menu')
const { settleWithin } = await import('../../../src/main/desktop/quit-timeout')
const { shellMessages } = await import('../../../src/main/desktop/shell-messages')
const { placeOnDisplay } = await import('../../../src/main/window-state')

const OWN = ['app://desk']

describe('allowsPermission', () => {
  it('allows writing to the clipboard for the app’s own page only', () => {
    expect(allowsPermission('clipboard-sanitized-write', 'app://desk/index.html', OWN)).toBe(true)
    expect(allowsPermission('clipboard-sanitized-write', 'app://desk', OWN)).toBe(true)
    for (const url of [
      'https://evil.example/',
      'app://desk.evil.example/index.html',
      'file:///opt/zstack-desk/out/renderer/index.html',
      'not a url',
      ''
    ]) {
      expect(allowsPermission('clipboard-sanitized-write', url, OWN), url).toBe(false)
    }
  })

  it.each([
    'clipboard-read',
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'fullscreen',
    'hid',
    'serial',
    'usb'
  ])('denies %s, even to the own page', (permission) => {
    expect(allowsPermission(permission, 'app://desk/index.html', OWN)).toBe(false)
  })
})

const roles = (template: MenuItemConstructorOptions[]): string[] =>
  template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])
  ])

describe('menuTemplate', () => {
  it('has no Reload or DevTools in production, on any platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const found = roles(menuTemplate({ dev: false, platform, viewLabel: 'View' }))
      expect(found).toEqual(expect.arrayContaining(['editMenu', 'zoomIn', 'windowMenu']))
      expect(found).not.toEqual(expect.arrayContaining(['reload']))
      for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu'])
        expect(found).not.toContain(role)
    }
    expect(roles(menuTemplate({ dev: false, platform: 'darwin', viewLabel: 'View' }))).toContain('appMenu')
  })

  it('offers them in development', () => {
    expect(roles(menuTemplate({ dev: true, platform: 'linux', viewLabel: '视图' }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools'])
    )
  })
})

describe('placeOnDisplay', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 }
  const external = { x: 1440, y: 0, width: 2560, height: 1440 }

  it('keeps a window that shows on a display', () => {
    const bounds = { x: 1600, y: 100, width: 1280, height: 820 }
    expect(placeOnDisplay(bounds, [laptop, external])).toEqual(bounds)
  })

  it('centres a window left on an unplugged display onto the first one, fitting it', () => {
    const placed = placeOnDisplay({ x: 2000, y: 200, width: 1600, height: 1000, maximized: true }, [laptop])
    expect(placed).toEqual({ x: 0, y: 0, width: 1440, height: 900, maximized: true })
    const small = placeOnDisplay({ x: -3000, y: 50, width: 1280, height: 820 }, [laptop])
    expect(small).toEqual({ x: 80, y: 40, width: 1280, height: 820 })
  })

  it('moves a window whose title bar is above every display or barely on one', () => {
    expect(placeOnDisplay({ x: 100, y: -500, width: 1280, height: 820 }, [laptop]).y).toBe(40)
    expect(placeOnDisplay({ x: 1400, y: 100, width: 1280, height: 820 }, [laptop]).x).toBe(80)
  })

  it('fits a first-run window (no position) to a small display', () => {
    expect(placeOnDisplay({ width: 1280, height: 820 }, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700
    })
  })
})

describe('settleWithin', () => {
  it('reports a finished dispose, even a failing one', async () => {
    expect(await settleWithin(Promise.resolve(), 1_000)).toBe('done')
    expect(await settleWithin(Promise.reject(new Error('disk full')), 1_000)).toBe('done')
  })

  it('gives up on a dispose that never ends', async () => {
    vi.useFakeTimers()
    try {
      const outcome = settleWithin(new Promise(() => undefined), 5_000)
      await vi.advanceTimersByTimeAsync(4_999)
      let settled = false
      void outcome.then(() => (settled = true))
      await vi.advanceTimersByTimeAsync(0)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(await outcome).toBe('timed-out')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('shellMessages', () => {
  it('has every string in English and Chinese', () => {
    const en = shellMessages('en-US')
    const zh = shellMessages('zh-CN')
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort())
    expect(zh.reload).not.toBe(en.reload)
    expect(zh.crashedDetail('crashed')).toContain('crashed')
    expect(shellMessages('de-DE')).toBe(en)
  })
})
