// inspector-charts: the click on the Metrics tab (range: last day) to four charts painted, against a page that
// fetches the same six series with plain fetch and draws them with the same chart library (uPlot).
import type { Benchmark } from './lib/benchmark'
import { setBaselinePaths } from './lib/app-ui'
import { openListUi } from './lib/list-page-ui'
import { armProbe, probeDuration } from './lib/paint-probe'
import { medians, ratioFigure } from './lib/results'
import { compareRounds } from './lib/stats'
import { diagnoseRenderer } from './lib/diagnose'
import { choosePeriod, RANGE_SECONDS, VM_METRIC_KEYS, VM_METRIC_NAMES } from '../src/shared/metrics-types'
import { metricPath } from '../src/main/zstack/metric-data'

const MAX_RATIO = 1.5
const PAINTED = '[data-testid="metrics-charts"] [data-painted="true"]'

export const inspectorCharts: Benchmark = {
  name: 'inspector-charts',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const ui = await openListUi(ctx, 20)
    try {
      const page = ui.appSide.page
      const basePage = ui.baseSide.page
      const vm = ui.rows.find((v) => v.state === 'Running' && v.hostUuid)
      if (!vm) throw new Error('no running VM on the first page')
      await page
        .locator(`[data-testid="vm-row"][data-vm-uuid="${vm.uuid}"] [data-testid="vm-action-inspect"]`)
        .click()
      await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
      const metricsTab = page.getByTestId('inspector-tab-metrics')
      const overviewTab = page.getByTestId('inspector-tab-overview')
      // Choose the day once; the tab opens on it from then on.
      await metricsTab.click()
      await page.getByTestId('metrics-range-day').click()
      await page.locator('[data-testid="metrics-charts"][data-period="300"]').waitFor()
      await overviewTab.click()
      await page.getByTestId('inspector-metrics').waitFor({ state: 'detached' })

      const span = RANGE_SECONDS.day
      const periodSec = choosePeriod(span)
      const windowPaths = (): string[] => {
        const endTime = Math.floor(Date.now() / 1000)
        return VM_METRIC_KEYS.map(
          (key) =>
            `/zstack/${metricPath({
              namespace: 'ZStack/VM',
              metricName: VM_METRIC_NAMES[key],
              labels: { VMUuid: vm.uuid },
              startTime: endTime - span,
              endTime,
              periodSec
            })}`
        )
      }
      await basePage.goto(new URL('/charts', basePage.url()).toString())
      const points = ((await ui.raw.get(windowPaths()[0]!)) as { data: unknown[] }).data.length
      ctx.log(`inspector-charts: VM ${vm.uuid}, ${points} points per series at ${periodSec} s`)

      const data = { app: [] as number[], baseline: [] as number[] }
      const appRound = async (): Promise<number> => {
        await armProbe(page, { trigger: 'click', rowSelector: PAINTED, count: 4 })
        await metricsTab.click()
        const ms = await probeDuration(page, data.app)
        await overviewTab.click()
        await page.getByTestId('inspector-metrics').waitFor({ state: 'detached' })
        return ms
      }
      const baseRound = async (): Promise<number> => {
        await setBaselinePaths(basePage, windowPaths())
        await basePage.evaluate(() => document.getElementById('plots')!.replaceChildren())
        await armProbe(basePage, { trigger: 'click', rowSelector: 'i.painted', count: 4 })
        await basePage.click('#charts')
        return probeDuration(basePage, data.baseline)
      }
      const comparison = await compareRounds({ warmup: 1, rounds: 7, app: appRound, baseline: baseRound })
      const extra: Record<string, unknown> = {
        pointsPerSeries: points,
        periodSec,
        untilDataMs: medians(data),
        note: 'baseline: the six ZWatch requests in parallel with fetch, four uPlot charts, no framework'
      }
      Object.assign(extra, await diagnoseRenderer(ctx, page, 'inspector-charts', appRound))
      const problems = [...ui.appSide.problems, ...ui.baseSide.problems]
      if (problems.length > 0) extra.pageProblems = problems.slice(0, 10)
      return ratioFigure(comparison, 'ms', MAX_RATIO, extra)
    } finally {
      await ui.close()
    }
  }
}
