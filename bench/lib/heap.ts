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
