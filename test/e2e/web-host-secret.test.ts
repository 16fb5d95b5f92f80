/// <reference lib="dom" />
// Issue 17.1: the web host's secret reaches no other server on 127.0.0.1, a printed link works once, a reload of
// the tab that opened it keeps working, and a page on another loopback port cannot lock the user out.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, openApp, screenshot } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

describe('the web host secret in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let neighbour: Server
  let neighbourPort: number
  const seen: IncomingHttpHeaders[] = []

  beforeAll(async () => {
    host = await startAppHost()
    browser = await launchBrowser()
    // Another program on this machine: it records all a browser sends it.
    neighbour = createServer((req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!doctype html><title>neighbour</title><p>neighbour</p>')
    })
    await new Promise<void>((resolve) => neighbour.listen(0, '127.0.0.1', resolve))
    neighbourPort = (neighbour.address() as AddressInfo).port
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await new Promise((resolve) => neighbour?.close(resolve))
  })

  const appWorks = async (page: Page): Promise<void> => {
    await page.getByTestId('app-shell').waitFor()
    await expect.poll(() => page.getByTestId('app-version').textContent()).toContain('web')
  }

  it('sends nothing usable to another loopback server, and survives its planted cookie', async () => {
    const link = host.url
    const linkToken = new URL(link).hash.slice('#token='.length)
    const { page, problems, context } = await openApp(browser, link)
    await appWorks(page)
    const tabToken = await page.evaluate(() => sessionStorage.getItem('zstack-desk.web-token'))
    expect(tabToken).toMatch(/^[\w-]{32}$/)
    expect(await context.cookies()).toEqual([])

    // The same browser visits the neighbour, by address and by name, as a page and as a sub-request.
    const other = await context.newPage()
    await other.goto(`http://127.0.0.1:${neighbourPort}/`)
    await other.goto(`http://localhost:${neighbourPort}/`)
    await other.evaluate(() => fetch('/probe').then((r) => r.text()))
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(3)
    for (const headers of seen) {
      expect(headers.cookie).toBeUndefined()
      const all = JSON.stringify(headers)
      expect(all).not.toContain(tabToken as string)
      expect(all).not.toContain(linkToken)
    }

    // The neighbour plants a cookie for 127.0.0.1 (cookies ignore ports): once it could make every call fail.
    await other.goto(`http://127.0.0.1:${neighbourPort}/`)
    await other.evaluate(() => {
      document.cookie = 'desk_token=planted; path=/'
    })
    expect((await context.cookies()).map((c) => c.name)).toContain('desk_token')
    await page.reload()
    await appWorks(page)
    await screenshot(page, 'web-host-after-planted-cookie')
    expect(problems).toEqual([])
    await context.close()
  })

  it('lets a printed link open one tab only; a reload of that tab keeps working', async () => {
    const link = host.url
    const first = await openApp(browser, link)
    await appWorks(first.page)
    expect(first.page.url()).not.toContain('token=')
    await first.page.reload()
    await appWorks(first.page)

    // The same link in a fresh browser: the web host refuses the trade and the page says what to do.
    const second = await browser.newContext()
    const page = await second.newPage()
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/session'))
    await page.goto(link)
    expect((await refused).status()).toBe(403)
    await page.getByTestId('app-shell').waitFor()
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('zstack-desk.web-token'))).toBeNull()
    await screenshot(page, 'web-host-link-used-twice')
    await second.close()
    expect(first.problems).toEqual([])
    await first.context.close()
  })
})
