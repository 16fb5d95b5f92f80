// `npm run smoke:desktop`: the built app in real Electron, on a fresh data folder, walked through once.
// It needs Electron's binary (a release machine, a developer laptop) and fails, never skips, without it.
// `--web` rehearses the same walk in Chromium through the web host (to check the steps on a machine without Electron).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { _electron } from 'playwright-core'
import { LOCK_FILE } from '../../src/main/data-lock'
import { launchBrowser } from '../e2e/support/browser'
import { startAppHost } from '../e2e/support/app-host'
import { walkTheApp } from './smoke-steps'

/** Electron's executable as its installer recorded it; a clear error when it was never downloaded. */
function electronBinary(): string {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  const binary = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8')) : undefined
  if (!binary || !existsSync(binary)) {
    throw new Error(
      "Electron's binary is not installed, so the desktop smoke test cannot run. Install it with " +
        '`node scripts/ensure-electron.mjs` (ELECTRON_MIRROR for an internal mirror) and run it again.'
    )
  }
  return binary
}

async function smokeElectron(): Promise<void> {
  const executablePath = electronBinary()
  const main = resolve('out/main/index.js')
  if (!existsSync(main)) throw new Error('out/main/index.js is missing: run `npx electron-vite build` first.')
  const home = mkdtempSync(join(tmpdir(), 'zstack-desk-smoke-'))
  try {
    const app = await _electron.launch({
      executablePath,
      args: [main],
      env: { ...process.env, ZSTACK_DESK_HOME: home } as Record<string, string>,
      timeout: 60_000
    })
    const exited = new Promise<void>((done) => app.process().once('exit', () => done()))
    const page = await app.firstWindow()
    // The renderer comes from the app:// protocol, not file://.
    await page.waitForURL(/^app:\/\/desk\//, { timeout: 60_000 })
    const report = await walkTheApp(page, () => app.evaluate(({ clipboard }) => clipboard.readText()))
    console.log(
      `smoke: migrated ${report.vmName} to ${report.target}; copied ${report.curl.split(' ').length} words of cURL`
    )

    console.log('smoke: quit')
    await app.evaluate(({ app: electronApp }) => electronApp.quit())
    await exited
    const code = app.process().exitCode
    if (code !== 0) throw new Error(`Electron exited with ${code}`)
    if (existsSync(join(home, LOCK_FILE)))
      throw new Error('the data-folder lock was left behind after quitting')
    if (!existsSync(join(home, 'window.json'))) throw new Error('the window position was not saved on quit')
    if (!existsSync(join(home, 'chromium')))
      throw new Error("Chromium's files are not in the chromium subfolder")
    console.log('smoke: desktop app passed')
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

async function smokeWeb(): Promise<void> {
  const host = await startAppHost()
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(host.url).origin
    })
    const page = await context.newPage()
    await page.goto(host.url)
    const report = await walkTheApp(page, () => page.evaluate(() => navigator.clipboard.readText()))
    console.log(
      `smoke: migrated ${report.vmName} to ${report.target}; copied ${report.curl.split(' ').length} words of cURL`
    )
    console.log('smoke: web rehearsal passed')
  } finally {
    await browser.close()
    await host.close()
  }
}

;(process.argv.includes('--web') ? smokeWeb() : smokeElectron()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
