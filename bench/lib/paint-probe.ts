/// <reference lib="dom" />
// Times, inside the page, from a user event to the frame after the expected rows exist in the DOM.
import type { Page } from 'playwright-core'

export interface ProbeSpec {
  /** The event that starts the clock (its timeStamp): `click` on the trigger, `input` when typing. */
  trigger: 'click' | 'input'
  rowSelector: string
  /** How many matching elements mean "done". */
  count: number
  /** Text the first / last row must contain, so stale rows from before the action do not count. */
  first?: string
  last?: string
  /**
   * When the rows sit in a virtual list (naive-ui's virtual-scroll), only the visible ones exist: then
   * at least this many (or all, if fewer) must be there instead of `count`.
   */
  virtualMin?: number
  /** Selectors that must each match at least once more (e.g. both host tables of the picker). */
  also?: string[]
}

interface ProbeState {
  t0?: number
  end?: number
}

declare global {
  interface Window {
    __benchProbe?: ProbeState
  }
}

/** Arm before the action; then `await probeDuration(page)`. */
export async function armProbe(page: Page, spec: ProbeSpec): Promise<void> {
  await page.evaluate((s: ProbeSpec) => {
    const state: ProbeState = {}
    window.__benchProbe = state
    // Resource timings tell when the data arrived; the buffer is small, so start from empty.
    performance.clearResourceTimings()
    const onTrigger = (event: Event): void => {
      if (state.t0 === undefined) state.t0 = event.timeStamp
    }
    window.addEventListener(s.trigger, onTrigger, { capture: true })
    const done = (): boolean => {
      const rows = document.querySelectorAll(s.rowSelector)
      const virtual = s.virtualMin !== undefined && rows[0]?.closest('.v-vl') != null
      if (virtual ? rows.length < Math.min(s.virtualMin!, s.count) : rows.length !== s.count) return false
      if (s.also?.some((selector) => !document.querySelector(selector))) return false
      if (virtual && s.last !== undefined && rows.length < s.count) {
        // The last expected row is not rendered; the first one (checked below) must be.
        return s.first === undefined || (rows[0]?.textContent ?? '').includes(s.first)
      }
      if (s.first !== undefined && !(rows[0]?.textContent ?? '').includes(s.first)) return false
      if (s.last !== undefined && !(rows[rows.length - 1]?.textContent ?? '').includes(s.last)) return false
      return true
    }
    const observer = new MutationObserver(() => {
      if (state.t0 === undefined || !done()) return
      observer.disconnect()
      window.removeEventListener(s.trigger, onTrigger, { capture: true })
      // The frame that shows the rows is painted after this rAF; the message lands after that paint.
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => {
          state.end = performance.now()
        }
        channel.port2.postMessage(null)
      })
    })
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true
    })
  }, spec)
}

export interface ProbeResult {
  /** Event to painted rows. */
  ms: number
  /** Event to the end of the last response (fetch) that started after it: the part before rendering. */
  dataMs?: number
}

export async function probeResult(page: Page, timeoutMs = 30_000): Promise<ProbeResult> {
  await page.waitForFunction(() => window.__benchProbe?.end !== undefined, undefined, {
    timeout: timeoutMs,
    polling: 50
  })
  return page.evaluate(() => {
    const state = window.__benchProbe!
    const t0 = state.t0!
    const ends = performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .filter((e) => e.startTime >= t0 && e.responseEnd <= state.end! && /\/(api|zstack)\//.test(e.name))
      .map((e) => e.responseEnd - t0)
    return { ms: state.end! - t0, dataMs: ends.length > 0 ? Math.max(...ends) : undefined }
  })
}

/** The probe's duration; its data part goes to `dataSink` when given. */
export async function probeDuration(page: Page, dataSink?: number[], timeoutMs = 30_000): Promise<number> {
  const result = await probeResult(page, timeoutMs)
  if (dataSink && result.dataMs !== undefined) dataSink.push(result.dataMs)
  return result.ms
}
