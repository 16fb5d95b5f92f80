// 7. renderer-memory: the renderer's JS heap after paging through 50 pages of 500 VMs; it must stay under 150 MB and flat.
import type { Page } from 'playwright-core'
import type { VmQuery } from '../src/shared/api'
import type { Benchmark } from './lib/benchmark'
import { ROW, choosePageSize, openAppPage, profileItem, waitForRows } from './lib/app-ui'
import { newBenchPage } from './lib/bench-page'
import { heapOverPages } from './lib/heap'
import { round } from './lib/stats'

const PAGE_SIZE = 500
const PAGES = Number(process.env.BENCH_MEMORY_PAGES ?? 50)
const CHECKPOINT = 10
const LIMIT_MB = 150
/** "Not growing": the heap after 50 pages may exceed the heap after 10 by at most this share (or 2 MB). */
const GROWTH_ALLOWED = 0.1

const firstUuid = (page: Page): Promise<string | null> =>
  page.locator(ROW).first().getAttribute('data-vm-uuid', { timeout: 30_000 })

export const rendererMemory: Benchmark = {
  name: 'renderer-memory',
  target: `< ${LIMIT_MB} MB after ${PAGES} pages, flat from page ${CHECKPOINT}`,
  async run(ctx) {
    const { app, profileId } = await ctx.app()
    const browser = await ctx.browser()
    const side = await newBenchPage(browser)
    try {
      const page = side.page
      await openAppPage(page, app, profileId)
      await profileItem(page, profileId).click()
      await waitForRows(page, profileId, 20)
      const calls = app.calls.length
      await choosePageSize(page, PAGE_SIZE)
      // 500 rows are virtualised, so wait for main to have answered the 500-row query, then for the spinner to go.
      const answered = (): boolean =>
        app.calls
          .slice(calls)
          .some(
            (c) => c.method === 'queryVms' && (c.arg as VmQuery).limit === PAGE_SIZE && c.ms !== undefined
          )
      while (!answered()) await new Promise((r) => setTimeout(r, 50))
      await page.waitForFunction(
        () =>
          !document.querySelector(
            '[data-testid="vm-table"][aria-busy="true"], [data-testid="vm-table"] [aria-busy="true"]'
          ),
        undefined,
        {
          polling: 50
        }
      )
      await page.locator(ROW).first().waitFor()
      const next = page.locator('.n-pagination .n-pagination-item--button').last()
      const { heap, rounded, text, atEnd, growth, flat, pagingMs } = await heapOverPages(page, {
        pages: PAGES,
        checkpoint: CHECKPOINT,
        allowed: GROWTH_ALLOWED,
        activePage: page.locator('.n-pagination .n-pagination-item--active'),
        turnTo: async () => {
          const before = await firstUuid(page)
          await next.click()
          await page.waitForFunction(
            ([selector, old]) => {
              const row = document.querySelector(selector as string)
              return (
                !!row &&
                row.getAttribute('data-vm-uuid') !== old &&
                !document.querySelector(
                  '[data-testid="vm-table"][aria-busy="true"], [data-testid="vm-table"] [aria-busy="true"]'
                )
              )
            },
            [ROW, before] as const,
            { polling: 50, timeout: 30_000 }
          )
        }
      })
      ctx.log(`renderer-memory: heap ${text}`)
      return {
        app: round(atEnd),
        baseline: round(heap.page1!),
        ratio: round(atEnd / heap.page1!, 3),
        unit: 'MB',
        target: this.target,
        pass: atEnd < LIMIT_MB && flat,
        heapMb: rounded,
        growthFrom10To50Mb: round(growth),
        flat,
        msPerPage: round(pagingMs / (PAGES - 1)),
        note: `app = JSHeapUsedSize after ${PAGES} pages of ${PAGE_SIZE}, baseline = after the first page (after GC)`,
        ...(side.problems.length > 0 ? { pageProblems: side.problems.slice(0, 10) } : {})
      }
    } finally {
      await side.close()
    }
  }
}
