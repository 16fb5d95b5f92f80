// BENCH_PROFILE=1: after the measured rounds, run more app rounds under CPU profiles (the page's renderer, and this
// process, where the app's main side runs) and one under a Chromium trace.
import type { Page } from 'playwright-core'
import type { BenchContext } from './context'
import { formatHotSpots, hotSpots, profileNode, profilePage, profiling } from './cpu-profile'
import { traceAction } from './trace'

export async function diagnoseRenderer(
  ctx: BenchContext,
  page: Page,
  name: string,
  round: () => Promise<number>,
  rounds = 3
): Promise<Record<string, unknown>> {
  if (!profiling) return {}
  const main = await profileNode(`${name}-main`, () =>
    profilePage(page, `${name}-renderer`, async () => {
      for (let i = 0; i < rounds; i++) await round()
    })
  )
  const { profile, path } = main.result
  ctx.log(`${name}: renderer CPU profile ${path}\n${formatHotSpots(hotSpots(profile, 25))}`)
  ctx.log(
    `${name}: main (bench process) CPU profile ${main.path}\n${formatHotSpots(hotSpots(main.profile, 25))}`
  )
  const trace = await traceAction(await ctx.browser(), page, name, round)
  ctx.log(`${name}: trace ${trace.path}\n${JSON.stringify(trace.mainThreadMs)}`)
  return {
    cpuProfile: path,
    mainCpuProfile: main.path,
    trace: trace.path,
    traceMainThreadMs: trace.mainThreadMs
  }
}
