/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, screenshot } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

describe('app shell in Chromium through the web host', () => {
  let browser: Browser
  let host: AppHost

  beforeAll(async () => {
    host = await startAppHost()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  it('renders the layout, reaches main through the web transport, and breaks no CSP rule', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('app-shell').waitFor()
    await expect.poll(() => page.getByTestId('app-version').textContent()).toContain('web')
    expect(await page.getByTestId('app-title').textContent()).toBe('ZStack Desk')
    expect(await page.getByTestId('sidebar').isVisible()).toBe(true)
    // The token left the address bar; the tab keeps its own in sessionStorage, never in a cookie.
    expect(page.url()).not.toContain('token=')
    expect(await page.evaluate(() => document.cookie)).toBe('')
    await screenshot(page, 'shell-light')
    expect(problems).toEqual([])
    await context.close()
  })

  it('follows a dark OS theme', async () => {
    const { page, problems, context } = await openApp(browser, host.url, { colorScheme: 'dark' })
    await page.getByTestId('app-shell').waitFor()
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const [r, g, b] = background.match(/\d+/g)!.map(Number)
    expect(r! + g! + b!).toBeLessThan(150)
    await screenshot(page, 'shell-dark')
    expect(problems).toEqual([])
    await context.close()
  })
})
