// Debian's Chromium driven by playwright-core; a missing browser fails the run (CI installs it).
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium']
export const RESULTS_DIR = resolve('test-results')

/** `scrollbars`: drawn as a user sees them; headless Chromium hides them by default. */
export async function launchBrowser(options: { scrollbars?: boolean } = {}): Promise<Browser> {
  const executablePath = CANDIDATES.find((path) => existsSync(path))
  if (!executablePath)
    throw new Error('Chromium not found: apt-get install -y chromium (the browser tests need it).')
  return chromium.launch({
    executablePath,
    headless: true,
    ...(options.scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic'
    ]
  })
}

export interface OpenedApp {
  context: BrowserContext
  page: Page
  /** Console errors, page errors and CSP violations seen so far: a healthy app has none. */
  problems: string[]
}

export async function openApp(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}
): Promise<OpenedApp> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US'
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`))
  await page.goto(url)
  return { context, page, problems }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const path = join(RESULTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/** A screenshot once spinners and fades have finished, so it shows the settled screen. */
export async function settledScreenshot(page: Page, name: string): Promise<string> {
  const busy = page.locator(
    '.n-spin-body:visible, .busy-spinner:visible, .n-button__icon .n-base-loading:visible'
  )
  await expect
    .poll(() => busy.count(), {
      timeout: 10_000,
      message: `The screen was still loading; no screenshot ${name}.`
    })
    .toBe(0)
  // Fades and slides are finite animations: wait until none runs, rather than for a guessed duration.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 }
  )
  return screenshot(page, name)
}
