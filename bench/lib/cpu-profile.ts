// CPU profiles of the bench process (node:inspector) and of a page (CDP), saved and summarised by self time.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Session } from 'node:inspector/promises'
import type { Page } from 'playwright-core'

export const PROFILE_DIR = resolve('bench/results/profiles')

/** `BENCH_PROFILE=1` turns profiling on for the benchmarks that support it. */
export const profiling = process.env.BENCH_PROFILE === '1'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
}

export interface CpuProfile {
  nodes: ProfileNode[]
  samples?: number[]
  timeDeltas?: number[]
  startTime: number
  endTime: number
}

export interface HotSpot {
  selfMs: number
  share: number
  fn: string
  at: string
}

/** Self time per function, heaviest first. */
export function hotSpots(profile: CpuProfile, top = 15): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  for (let i = 0; i < samples.length; i++)
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i] ?? 0))
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1
  const merged = new Map<string, HotSpot>()
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame
    const at = `${frame.url.replace(/^.*\/work\/main\//, '')}:${frame.lineNumber + 1}`
    const fn = frame.functionName || '(anonymous)'
    const key = `${fn}@${at}`
    const spot = merged.get(key) ?? { selfMs: 0, share: 0, fn, at }
    spot.selfMs += us / 1000
    merged.set(key, spot)
  }
  return [...merged.values()]
    .map((s) => ({ ...s, share: s.selfMs / (total / 1000) }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
}

export function saveProfile(name: string, profile: CpuProfile): string {
  mkdirSync(PROFILE_DIR, { recursive: true })
  const path = join(PROFILE_DIR, `${name}.cpuprofile`)
  writeFileSync(path, JSON.stringify(profile))
  return path
}

export function formatHotSpots(spots: HotSpot[]): string {
  return spots
    .map(
      (s) =>
        `${s.selfMs.toFixed(1).padStart(8)} ms ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.fn}  ${s.at}`
    )
    .join('\n')
}

/** Profiles `work` in this process. */
export async function profileNode<T>(
  name: string,
  work: () => Promise<T>
): Promise<{ result: T; profile: CpuProfile; path: string }> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  try {
    const result = await work()
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile }
    return { result, profile, path: saveProfile(name, profile) }
  } finally {
    session.disconnect()
  }
}

/** Profiles `work` in a page's renderer through CDP. */
export async function profilePage<T>(
  page: Page,
  name: string,
  work: () => Promise<T>
): Promise<{ result: T; profile: CpuProfile; path: string }> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  await cdp.send('Profiler.start')
  try {
    const result = await work()
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
    return { result, profile, path: saveProfile(name, profile) }
  } finally {
    await cdp.detach()
  }
}
