// fleet-memory: the renderer's JS heap while paging the "All clusters" list through 50 pages of 10 clusters (200 ms
// latency, one never answering); it must stay flat from the 10th page on.
import type { Page } from 'playwright-core'
import type { Benchmark } from './lib/benchmark'
import { startBenchApp } from './lib/app-host'
import { addCluster } from './lib/desk'
import { newBenchPage } from './lib/bench-page'
import { heapOverPages } from './lib/heap'
import { median, round } from './lib/stats'

const CLUSTERS = 10
/** The renderer holds one page of 20 however big the clusters are; bigger ones only cost the simulators' CPU. */
const VMS_EACH = Number(process.env.BENCH_FLEET_MEMORY_VMS ?? 2000)
const LATENCY_MS = 200
const NEVER_MS = 600_000
const PAGES = Number(process.env.BENCH_MEMORY_PAGES ?? 50)
const CHECKPOINT = 10
/** "Flat": the heap after the last page may exceed the heap after the checkpoint by at most this share (or 2 MB). */
const GROWTH_ALLOWED = 0.1
const ROW = '[data-testid="fleet-row"]'
const SETTLED = '[data-testid="fleet-view"][data-loading="false"]'

const firstRow = async (page: Page): Promise<string> => {
  const row = page.locator(ROW).first()
  return `${await row.getAttribute('data-profile', { timeout: 30_000 })}/${await row.getAttribute('data-vm-uuid')}`
}

export const fleetMemory: Benchmark = {
  name: 'fleet-memory',
  target: `heap after ${PAGES} fleet pages <= heap after ${CHECKPOINT} + max(2 MB, ${GROWTH_ALLOWED * 100}%)`,
  async run(ctx) {
    const fleet = await ctx.fleet(
      Array.from({ length: CLUSTERS }, (_, i) => ({ vms: VMS_EACH, latencyMs: LATENCY_MS, seed: 700 + i }))
    )
    ctx.log(
      `fleet-memory: ${CLUSTERS} simulators of ${VMS_EACH} VMs ready in ${(fleet.startMs / 1000).toFixed(1)} s`
    )
    const app = await startBenchApp()
    const browser = await ctx.browser()
    const side = await newBenchPage(browser)
    try {
      const ids: string[] = []
      for (const [i, sim] of fleet.sims.entries())
        ids.push(await addCluster(app.api, `fleet-${i + 1}`, sim.url))
      await fleet.sims[CLUSTERS - 1]!.setOptions({ latencyMs: NEVER_MS })
      const page = side.page
      await page.goto(app.web.newLink())
      await page.getByTestId('fleet-open-view').click()
      await page.locator(ROW).first().waitFor({ timeout: 30_000 })
      await page.locator(SETTLED).waitFor({ timeout: 30_000 })
      const next = page.locator('[data-testid="fleet-view"] .n-pagination .n-pagination-item--button').last()
      const activePage = page.locator('[data-testid="fleet-view"] .n-pagination .n-pagination-item--active')
      let lostClicks = 0
      /** The pager is disabled while a query runs: a click that fell into a refresh started meanwhile is made again. */
      const clickTo = async (n: number): Promise<void> => {
        for (let tries = 0; tries < 5; tries++) {
          await page.locator(SETTLED).waitFor({ timeout: 60_000 })
          await next.click()
          const turned = await page
            .waitForFunction(
              ([selector, want]) => document.querySelector(selector as string)?.textContent?.trim() === want,
              ['[data-testid="fleet-view"] .n-pagination .n-pagination-item--active', String(n)] as const,
              { polling: 50, timeout: 3000 }
            )
            .then(
              () => true,
              () => false
            )
          if (turned) return
          lostClicks++
        }
        throw new Error(`the pager never turned to page ${n}`)
      }
      const { rounded, text, atCheckpoint, atEnd, growth, flat, started, pagingMs } = await heapOverPages(
        page,
        {
          pages: PAGES,
          checkpoint: CHECKPOINT,
          allowed: GROWTH_ALLOWED,
          activePage,
          turnTo: async (visited) => {
            const before = await firstRow(page)
            await clickTo(visited)
            await page
              .waitForFunction(
                ([rowSelector, settled, old]) => {
                  const row = document.querySelector(rowSelector as string)
                  const key = row && `${row.getAttribute('data-profile')}/${row.getAttribute('data-vm-uuid')}`
                  return !!key && key !== old && !!document.querySelector(settled as string)
                },
                [ROW, SETTLED, before] as const,
                { polling: 50, timeout: 60_000 }
              )
              .catch(async (error: unknown) => {
                const shown = await page
                  .locator('[data-testid="fleet-view"]')
                  .evaluate(
                    (el) =>
                      `${el.getAttribute('data-loading')} ${el.querySelector('.n-pagination-item--active')?.textContent}`
                  )
                const asked = app.calls
                  .filter((c) => c.method === 'queryFleetVms')
                  .map((c) => `${(c.arg as { start: number }).start}${c.ms === undefined ? '…' : ''}`)
                await page.screenshot({ path: 'bench/results/fleet-memory-failure.png' })
                throw new Error(
                  `page ${visited} never came (loading, page: ${shown}; first row ${before}; asked: ${asked.join(' ')}): ${String(error)}`
                )
              })
          }
        }
      )
      // Main's share of each page (fan-out and merge), apart from the renderer's.
      const mainMs = app.calls
        .filter((c) => c.method === 'queryFleetVms' && c.at >= started && c.ms !== undefined)
        .map((c) => c.ms!)
      // The dead cluster stayed in the view, reported, the whole way: the heap was measured with it in.
      const deadState = await page.getByTestId(`fleet-status-${ids[CLUSTERS - 1]}`).getAttribute('data-state')
      if (deadState !== 'slow') throw new Error(`the dead cluster was shown ${deadState}, not slow`)
      ctx.log(`fleet-memory: heap ${text}`)
      return {
        app: round(atEnd),
        baseline: round(atCheckpoint),
        ratio: round(atEnd / atCheckpoint, 3),
        unit: 'MB',
        target: this.target,
        pass: flat && side.problems.length === 0,
        heapMb: rounded,
        growthMb: round(growth),
        flat,
        msPerPage: round(pagingMs / (PAGES - 1)),
        fleetQueries: app.calls.filter((c) => c.method === 'queryFleetVms' && c.at >= started).length,
        lostClicks,
        mainMsPerPage: mainMs.length > 0 ? round(median(mainMs)) : null,
        note: `app = JSHeapUsedSize (after GC) after ${PAGES} pages of the All clusters list over ${CLUSTERS} clusters of ${VMS_EACH} VMs, ${LATENCY_MS} ms latency, one never answering; baseline = after page ${CHECKPOINT}`,
        ...(side.problems.length > 0 ? { pageProblems: side.problems.slice(0, 10) } : {})
      }
    } finally {
      await side.close()
      await app.close()
      await fleet.stop()
    }
  }
}
