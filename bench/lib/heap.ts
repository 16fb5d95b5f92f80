// The renderer's live JS heap, read over the debugging protocol after real garbage collection.
import type { Locator, Page } from 'playwright-core'

const MB = 1024 * 1024

export async function usedHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Performance.enable')
    // Twice: the first pass can leave finalised objects for the second.
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')
    if (!used) throw new Error('Chromium reported no JSHeapUsedSize')
    return used.value / MB
  } finally {
    await cdp.detach()
  }
}

export interface HeapOverPages {
  /** MB after page 1, the checkpoint and the last page, by `page<n>`. */
  heap: Record<string, number>
  /** Rounded to 0.01 MB, for the results file. */
  rounded: Record<string, number>
  /** `page1 41.2 MB, page10 …`, for the log. */
  text: string
  atCheckpoint: number
  atEnd: number
  growth: number
  /** The heap at the end exceeds the heap at the checkpoint by at most `allowed` of it, or 2 MB. */
  flat: boolean
  /** performance.now() when paging began, and how long it took. */
  started: number
  pagingMs: number
}

/**
 * Reads the heap on the page shown, turns (`turnTo`) to pages 2 to `pages`, reading it again at `checkpoint` and at
 * the end, and checks that the pager (`activePage`) ended on the last page.
 */
export async function heapOverPages(
  page: Page,
  options: {
    pages: number
    checkpoint: number
    allowed: number
    activePage: Locator
    turnTo(visited: number): Promise<void>
  }
): Promise<HeapOverPages> {
  const { pages, checkpoint } = options
  const heap: Record<string, number> = { page1: await usedHeapMb(page) }
  const started = performance.now()
  for (let visited = 2; visited <= pages; visited++) {
    await options.turnTo(visited)
    if (visited === checkpoint) heap[`page${checkpoint}`] = await usedHeapMb(page)
  }
  const pagingMs = performance.now() - started
  heap[`page${pages}`] = await usedHeapMb(page)
  const pageNumber = await options.activePage.textContent()
  if (pageNumber?.trim() !== String(pages)) throw new Error(`ended on page ${pageNumber}, not ${pages}`)
  const atCheckpoint = heap[`page${checkpoint}`]!
  const atEnd = heap[`page${pages}`]!
  const growth = atEnd - atCheckpoint
  return {
    heap,
    rounded: Object.fromEntries(Object.entries(heap).map(([k, v]) => [k, Math.round(v * 100) / 100])),
    text: Object.entries(heap)
      .map(([k, v]) => `${k} ${v.toFixed(1)} MB`)
      .join(', '),
    atCheckpoint,
    atEnd,
    growth,
    flat: growth <= Math.max(2, atCheckpoint * options.allowed),
    started,
    pagingMs
  }
}
