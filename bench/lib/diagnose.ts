// BENCH_PROFILE=1: after the measured rounds, run more app rounds under a CPU profile and one under a Chromium trace.
import type { Page } from 'playwright-core'
import type { BenchContext } from './context'
import { formatHotSpots, hotSpots, profilePage, profiling } from './cpu-profile'
import { traceAction } from './trace'

export async function diagnoseRenderer(
  ctx: BenchContext,
  page: Page,
  name: string,
  round: () => Promise<number>,
  rounds = 3
): Promise<Record<string, unknown>> {
  if (!profiling) return {}
  const { profile, path } = await profilePage(page, `${name}-renderer`, async () => {
    for (let i = 0; i < rounds; i++) await round()
  })
  ctx.log(`${name}: renderer CPU profile ${path}\n${formatHotSpots(hotSpots(profile, 25))}`)
  const trace = await traceAction(await ctx.browser(), page, name, round)
  ctx.log(`${name}: trace ${trace.path}\n${JSON.stringify(trace.mainThreadMs)}`)
  return { cpuProfile: path, trace: trace.path, traceMainThreadMs: trace.mainThreadMs }
}
