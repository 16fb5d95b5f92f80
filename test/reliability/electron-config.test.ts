// Electron's defences, checked statically over main, preload and the built output, plus the packaging config.
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'
import { resolve } from 'node:path'
import { parse } from 'yaml'
import { CONTENT_SECURITY_POLICY } from '../../src/main/content-security-policy'
import { isAllowedExternalUrl } from '../../src/main/external-links'
import {
  checkCsp,
  checkElectronSources,
  cspFromHtml,
  exposedWorldCount,
  readSources,
  type SourceFile
} from './support/electron-security-check'

const root = resolve(import.meta.dirname, '../..')
const sample = (text: string): SourceFile[] => [{ path: 'sample.ts', text }]
const rulesOf = (text: string): string[] => checkElectronSources(sample(text)).map((f) => f.rule)

const GOOD_PRELOAD = `
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
const methods = Object.fromEntries(
  DESK_API_METHODS.map((method) => [method, (arg?: unknown) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + method, arg)])
)
const bridge = {
  ...methods,
  on(event, listener) {
    const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => listener(payload)
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay)
  }
}
contextBridge.exposeInMainWorld('zstack', bridge)
`

describe('the security checker fails on bad samples', () => {
  it.each([
    [
      'nodeIntegration true',
      'new BrowserWindow({ webPreferences: { nodeIntegration: true } })',
      'node-integration'
    ],
    ['nodeIntegrationInSubFrames', 'const p = { "nodeIntegrationInSubFrames": true }', 'node-integration'],
    ['minified nodeIntegration', 'webPreferences:{nodeIntegration:!0}', 'node-integration'],
    ['contextIsolation false', 'webPreferences: { contextIsolation: false }', 'context-isolation'],
    ['sandbox false', 'webPreferences: { sandbox: false, contextIsolation: true }', 'sandbox'],
    ['assigned sandbox false', 'prefs.sandbox = false', 'sandbox'],
    ['webSecurity false', 'webPreferences: { webSecurity: false }', 'web-security'],
    [
      'allowRunningInsecureContent',
      'webPreferences: { allowRunningInsecureContent: true }',
      'insecure-content'
    ],
    ['enableRemoteModule', 'webPreferences: { enableRemoteModule: true }', 'remote-module'],
    ['@electron/remote', "import remote from '@electron/remote/main'", 'remote-module'],
    ['webviewTag true', 'webPreferences: { webviewTag: true }', 'webview-tag'],
    [
      'unguarded openExternal',
      'win.webContents.setWindowOpenHandler(({ url }) => { void shell.openExternal(url); return { action: "deny" } })',
      'open-external'
    ],
    [
      'openExternal guarded on another variable',
      'if (isAllowedExternalUrl(safe)) void shell.openExternal(url)',
      'open-external'
    ],
    [
      'openExternal after a negated if without return',
      'if (!isAllowedExternalUrl(url)) log(url)\nshell.openExternal(url)',
      'open-external'
    ],
    [
      'openExternal outside the guarded block',
      'if (isAllowedExternalUrl(url)) { log(url) }\nshell.openExternal(url)',
      'open-external'
    ],
    [
      'openExternal after reassignment',
      'if (isAllowedExternalUrl(url)) {\n url = other\n shell.openExternal(url)\n}',
      'open-external'
    ],
    [
      'openExternal of a computed URL',
      "if (isAllowedExternalUrl(url)) shell.openExternal('https://x/' + url)",
      'open-external'
    ],
    [
      'openExternal as a value',
      "ipcMain.handle('open', (_e, u) => u).then(shell.openExternal)",
      'open-external'
    ],
    ['ipcRenderer exposed', "contextBridge.exposeInMainWorld('ipc', ipcRenderer)", 'raw-ipc'],
    [
      'ipcRenderer in an exposed object',
      "contextBridge.exposeInMainWorld('api', { ipcRenderer })",
      'raw-ipc'
    ],
    [
      'invoke passthrough',
      "contextBridge.exposeInMainWorld('api', { invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args) })",
      'raw-ipc'
    ],
    [
      'prefixed passthrough',
      'const api = { call: (m, a) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + m, a) }',
      'raw-ipc'
    ],
    [
      'invoke as a value',
      "contextBridge.exposeInMainWorld('api', { invoke: ipcRenderer.invoke })",
      'raw-ipc'
    ],
    ['send', "const api = { ping: () => ipcRenderer.send('ping') }", 'raw-ipc'],
    [
      'page listener handed to on',
      'const api = { on: (listener) => ipcRenderer.on(IPC_EVENT_CHANNEL, listener) }',
      'raw-ipc'
    ],
    ['page-chosen event channel', 'const api = { on: (ch) => ipcRenderer.on(ch, (_e, p) => p) }', 'raw-ipc'],
    [
      'aliased import',
      "import { ipcRenderer as ipc } from 'electron'\ncontextBridge.exposeInMainWorld('x', ipc)",
      'raw-ipc'
    ],
    [
      'whole electron module',
      "const electron = require('electron')\ncontextBridge.exposeInMainWorld('e', electron)",
      'raw-ipc'
    ]
  ])('%s', (_name, text, rule) => {
    expect(rulesOf(text)).toContain(rule)
  })

  it('passes the safe forms of the same code', () => {
    const good = `
      // Leave behind the template's sandbox: false (a comment is not a setting).
      const w = new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false } })
      w.webContents.setWindowOpenHandler(({ url }) => {
        if (isAllowedExternalUrl(url)) void shell.openExternal(url)
        return { action: 'deny' }
      })
      function open(link: string) {
        if (!isAllowedExternalUrl(link)) return
        void shell.openExternal(link)
      }
      if (isAllowedExternalUrl(target)) {
        log(target)
        shell.openExternal(target)
      }
    `
    expect(checkElectronSources(sample(good + GOOD_PRELOAD))).toEqual([])
  })

  it.each([
    ['missing', undefined, 'csp-missing'],
    ['empty', '  ', 'csp-missing'],
    ['unsafe-eval', "default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'", 'csp-script'],
    [
      'inline scripts',
      "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'",
      'csp-script'
    ],
    [
      'remote script origin',
      "default-src 'self'; script-src 'self' https://cdn.example.com; object-src 'none'",
      'csp-script'
    ],
    [
      'scheme-wide script source',
      "default-src 'self'; script-src 'self' https:; object-src 'none'",
      'csp-script'
    ],
    ['wildcard default without script-src', "default-src *; object-src 'none'", 'csp-default'],
    [
      'remote connect',
      "default-src 'self'; connect-src https://evil.example; object-src 'none'",
      'csp-connect'
    ],
    ['plugins allowed', "default-src 'self'; script-src 'self'", 'csp-object'],
    ['no default-src', "script-src 'self'; object-src 'none'", 'csp-default']
  ])('flags a CSP that is %s', (_name, policy, rule) => {
    expect(checkCsp(policy, 'sample').map((f) => f.rule)).toContain(rule)
  })

  it('reads the CSP meta tag whatever the attribute order', () => {
    expect(cspFromHtml(`<meta content="default-src 'self'" http-equiv="content-security-policy">`)).toBe(
      "default-src 'self'"
    )
    expect(cspFromHtml('<meta charset="utf-8"><title>x</title>')).toBeUndefined()
  })
})

describe('ZStack Desk’s own Electron code', () => {
  const sources = [...readSources(root, 'src/main', /\.ts$/), ...readSources(root, 'src/preload', /\.ts$/)]

  it('scans main and preload and finds no weakened defence', () => {
    expect(sources.length).toBeGreaterThan(5)
    expect(sources.some((f) => /webPreferences/.test(f.text))).toBe(true)
    expect(checkElectronSources(sources)).toEqual([])
  })

  it('exposes exactly one bridge', () => {
    const preload = sources.filter((f) => f.path.startsWith('src/preload'))
    expect(preload.reduce((n, f) => n + exposedWorldCount(f), 0)).toBe(1)
  })

  it('has a strict CSP in the page and in main, and applies it as a header', () => {
    const meta = cspFromHtml(readFileSync(resolve(root, 'src/renderer/index.html'), 'utf8'))
    expect(checkCsp(meta, 'src/renderer/index.html')).toEqual([])
    expect(checkCsp(CONTENT_SECURITY_POLICY, 'src/main/content-security-policy.ts')).toEqual([])
    const applying = sources.filter((f) =>
      /['"]Content-Security-Policy['"]\s*:\s*\[?\s*CONTENT_SECURITY_POLICY\b/.test(f.text)
    )
    // app:// responses carry it themselves; the session's header hook covers the dev server.
    expect(applying.map((f) => f.path).sort()).toEqual([
      'src/main/desktop/app-protocol.ts',
      'src/main/main-window.ts',
      'src/main/web-host/server.ts'
    ])
  })

  it('opens only https links to the allowed sites', () => {
    expect(isAllowedExternalUrl('https://docs.zstack.io/en/api')).toBe(true)
    for (const url of [
      'http://docs.zstack.io/',
      'https://docs.zstack.io.evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://docs.zstack.io/share',
      'not a url'
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false)
    }
  })

  it('keeps the defences in the built output too (out/, when built)', () => {
    const built = resolve(root, 'out')
    if (!existsSync(resolve(built, 'renderer/index.html'))) {
      console.log('electron-config: out/ not built; `npm test` builds it before this check')
      return
    }
    const files = [
      ...readSources(root, 'out/main', /\.(c|m)?js$/),
      ...readSources(root, 'out/preload', /\.(c|m)?js$/)
    ]
    expect(files.length).toBeGreaterThan(1)
    expect(checkElectronSources(files)).toEqual([])
    expect(
      checkCsp(
        cspFromHtml(readFileSync(resolve(built, 'renderer/index.html'), 'utf8')),
        'out/renderer/index.html'
      )
    ).toEqual([])
  })
})

interface BuilderConfig {
  appId?: string
  productName?: string
  files?: string[]
  asar?: boolean
  icon?: string
  electronFuses?: Record<string, boolean>
  linux?: { target?: (string | { target: string })[]; maintainer?: string }
  deb?: { depends?: string[] }
  win?: { target?: (string | { target: string })[] }
  mac?: { target?: (string | { target: string })[] }
  nsis?: object
  dmg?: object
}

const targets = (list: (string | { target: string })[] | undefined): string[] =>
  (list ?? []).map((t) => (typeof t === 'string' ? t : t.target))

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig

  it('names the app and packs the built output into an asar', () => {
    expect(config.appId).toBe('io.zstack.desk')
    expect(config.productName).toBe('ZStack Desk')
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/**']))
    expect(config.asar).toBe(true)
    expect(config.icon).toBe('resources/icon.png')
  })

  it('builds AppImage and deb (needing libsecret), nsis and dmg', () => {
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb'])
    expect(config.deb?.depends).toContain('libsecret-1-0')
    expect(targets(config.win?.target)).toEqual(['nsis'])
    expect(targets(config.mac?.target)).toEqual(['dmg'])
    expect(config.nsis).toBeTypeOf('object')
    expect(config.dmg).toBeTypeOf('object')
  })

  it('flips the Electron fuses of the packaged binary', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })

  it('is valid for electron-builder 26’s own schema (which rejects a misspelt fuse)', async () => {
    const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'))
    const { validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: object, logger: object) => Promise<void>
    }
    const { DebugLogger } = builderRequire('builder-util') as {
      DebugLogger: new (enabled: boolean) => object
    }
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false))
    ).resolves.toBeUndefined()
    const misspelt = {
      ...structuredClone(config),
      electronFuses: { ...config.electronFuses, runAsNod: false }
    }
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/)
  })

  it('gives the deb package a maintainer with an email and a homepage (electron-builder refuses it otherwise)', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      homepage?: string
      author?: { name?: string; email?: string } | string
    }
    const maintainer =
      config.linux?.maintainer ??
      (typeof pkg.author === 'object' && pkg.author.email
        ? `${pkg.author.name} <${pkg.author.email}>`
        : undefined)
    expect(maintainer).toMatch(/^[^<>]+ <[^@\s<>]+@[^@\s<>]+\.[a-z]+>$/)
    expect(pkg.homepage).toMatch(/^https:\/\//)
  })

  it('points at a real 512x512 PNG icon', () => {
    const png = readFileSync(resolve(root, 'resources/icon.png'))
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.toString('ascii', 12, 16)).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
    const idat: Buffer[] = []
    for (let offset = 8; offset < png.length;) {
      const length = png.readUInt32BE(offset)
      if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT')
        idat.push(png.subarray(offset + 8, offset + 8 + length))
      offset += 12 + length
    }
    const bytesPerPixel = png[25] === 6 ? 4 : 3
    const pixels = inflateSync(Buffer.concat(idat))
    expect(pixels.length).toBe(512 * (512 * bytesPerPixel + 1))
    // Not a blank square: the middle row (filter type 0) holds several colours.
    const row = 256 * (512 * bytesPerPixel + 1)
    expect(pixels[row]).toBe(0)
    expect(new Set(pixels.subarray(row + 1, row + 1 + 512 * bytesPerPixel)).size).toBeGreaterThan(4)
  })
})
