// A fresh browser context and page for one benchmark, with what tsx-compiled page.evaluate callbacks need.
import type { Browser, BrowserContext, Page } from 'playwright-core'

export interface BenchPage {
  context: BrowserContext
  page: Page
  /** Console errors and page errors: a benchmark of a broken page measures nothing. */
  problems: string[]
  close(): Promise<void>
}

// tsx (esbuild keepNames) wraps named functions in __name(); callbacks sent to the page need it defined there.
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn)'

export async function newBenchPage(browser: Browser): Promise<BenchPage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    colorScheme: 'light'
  })
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`))
  return { context, page, problems, close: () => context.close() }
}
