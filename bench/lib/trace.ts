// A Chromium performance trace of one action: saved for DevTools, and summarised as main-thread time by kind.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { PROFILE_DIR } from './cpu-profile'

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

export interface TraceSummary {
  path: string
  /** Main-thread self milliseconds by trace event name (FunctionCall = script, Layout, UpdateLayoutTree = style, Paint...). */
  mainThreadMs: Record<string, number>
}

export async function traceAction(
  browser: Browser,
  page: Page,
  name: string,
  action: () => Promise<unknown>
): Promise<TraceSummary> {
  await browser.startTracing(page, {
    screenshots: false,
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing'
    ]
  })
  await action()
  const buffer = await browser.stopTracing()
  mkdirSync(PROFILE_DIR, { recursive: true })
  const path = join(PROFILE_DIR, `${name}.trace.json`)
  writeFileSync(path, buffer)
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }
  const main = traceEvents.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      traceEvents.some((x) => x.pid === e.pid && x.name === 'FunctionCall')
  )
  // Self time per event name on the page's main thread: each event's duration minus its nested events'.
  const totals: Record<string, number> = {}
  if (main) {
    const events = traceEvents
      .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
      .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
    const stack: { end: number; name: string; self: number }[] = []
    const close = (until: number): void => {
      while (stack.length > 0 && stack[stack.length - 1]!.end <= until) {
        const done = stack.pop()!
        totals[done.name] = (totals[done.name] ?? 0) + done.self / 1000
      }
    }
    for (const e of events) {
      close(e.ts)
      const parent = stack[stack.length - 1]
      if (parent) parent.self -= e.dur!
      stack.push({ end: e.ts + e.dur!, name: e.name, self: e.dur! })
    }
    close(Number.POSITIVE_INFINITY)
  }
  const mainThreadMs = Object.fromEntries(
    Object.entries(totals)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, v]) => [k, Math.round(v)])
  )
  return { path, mainThreadMs }
}
