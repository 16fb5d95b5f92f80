// A recording stand-in for the `electron` module, enough to run src/main/index.ts's start-up in Node.
import { vi } from 'vitest'

export interface ElectronFake {
  calls: string[]
  singleInstance: boolean
  ready: Promise<void>
  resolveReady(): void
  errorBoxes: { title: string; content: string }[]
  exitCodes: number[]
  module: Record<string, unknown>
}

export function createElectronFake(): ElectronFake {
  let resolveReady = (): void => undefined
  const fake: ElectronFake = {
    calls: [],
    singleInstance: true,
    ready: new Promise<void>((done) => (resolveReady = done)),
    resolveReady: () => resolveReady(),
    errorBoxes: [],
    exitCodes: [],
    module: {}
  }
  const record =
    (name: string, result?: () => unknown) =>
    (...args: unknown[]): unknown => {
      fake.calls.push(`${name}(${args.filter((a) => typeof a === 'string').join(', ')})`)
      return result?.()
    }
  const app = {
    isPackaged: false,
    setPath: record('app.setPath'),
    requestSingleInstanceLock: record('app.requestSingleInstanceLock', () => fake.singleInstance),
    on: record('app.on'),
    quit: record('app.quit'),
    exit: (code: number) => void fake.exitCodes.push(code),
    isReady: () => false,
    getLocale: () => 'en-US',
    getVersion: () => '0.0.0-test',
    whenReady: vi.fn(() => {
      fake.calls.push('app.whenReady()')
      return fake.ready
    })
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: record('session.setPermissionRequestHandler'),
      setPermissionCheckHandler: record('session.setPermissionCheckHandler'),
      webRequest: { onHeadersReceived: record('session.onHeadersReceived') }
    }
  }
  fake.module = {
    app,
    session,
    protocol: {
      registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
      handle: record('protocol.handle')
    },
    dialog: {
      showErrorBox: (title: string, content: string) => void fake.errorBoxes.push({ title, content }),
      showMessageBox: vi.fn()
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: record('Menu.setApplicationMenu') },
    ipcMain: { handle: () => undefined },
    BrowserWindow: Object.assign(vi.fn(), { getAllWindows: () => [] }),
    screen: { getAllDisplays: () => [] },
    shell: { openExternal: vi.fn() },
    net: { fetch: vi.fn() }
  }
  return fake
}
