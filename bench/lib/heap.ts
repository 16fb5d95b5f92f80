// The renderer's live JS heap, read over the debugging protocol after real garbage collection.
import type { Page } from 'playwright-core'

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

/** "Flat": the heap at `to` may exceed the heap at `from` by at most `allowed` of it, or 2 MB. */
export function heapGrowth(
  heap: Record<string, number>,
  from: string,
  to: string,
  allowed: number
): {
  atFrom: number
  atTo: number
  growth: number
  flat: boolean
  text: string
  rounded: Record<string, number>
} {
  const atFrom = heap[from]!
  const atTo = heap[to]!
  const growth = atTo - atFrom
  return {
    atFrom,
    atTo,
    growth,
    flat: growth <= Math.max(2, atFrom * allowed),
    text: Object.entries(heap)
      .map(([k, v]) => `${k} ${v.toFixed(1)} MB`)
      .join(', '),
    rounded: Object.fromEntries(Object.entries(heap).map(([k, v]) => [k, Math.round(v * 100) / 100]))
  }
}
