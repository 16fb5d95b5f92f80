// 2. first-rows: in Chromium, from the click on a cluster to its first 100 rows painted, against a plain-DOM page fetching the same JSON.
import type { Benchmark } from './lib/benchmark'
import { ROW, profileItem, setBaselinePaths, waitForRows } from './lib/app-ui'
import { openListUi } from './lib/list-page-ui'
import { armProbe, probeDuration } from './lib/paint-probe'
import { medians, ratioFigure } from './lib/results'
import { compareRounds } from './lib/stats'
import { diagnoseRenderer } from './lib/diagnose'

const MAX_RATIO = 2
const ROWS = 100

export const firstRows: Benchmark = {
  name: 'first-rows',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const ui = await openListUi(ctx, ROWS)
    try {
      const page = ui.appSide.page
      const basePage = ui.baseSide.page
      if (ui.rows.length !== ROWS) throw new Error(`the baseline request returned ${ui.rows.length} VMs`)
      const first = ui.rows[0]!.name
      const last = ui.rows[ROWS - 1]!.name
      ctx.log(`first-rows: the renderer asks for ${decodeURIComponent(ui.path)}`)
      await setBaselinePaths(basePage, [ui.path])

      const data = { app: [] as number[], baseline: [] as number[] }
      const appRound = async (): Promise<number> => {
        // Leave for the other cluster, so coming back loads the list afresh (as a user switching clusters does).
        await profileItem(page, ui.otherProfileId).click()
        await waitForRows(page, ui.otherProfileId, 20)
        await armProbe(page, { trigger: 'click', rowSelector: ROW, count: ROWS, first, last, virtualMin: 10 })
        await profileItem(page, ui.profileId).click()
        return probeDuration(page, data.app)
      }
      const baseRound = async (): Promise<number> => {
        await basePage.evaluate(() => document.getElementById('rows')!.replaceChildren())
        await armProbe(basePage, { trigger: 'click', rowSelector: 'tr.row', count: ROWS, first, last })
        await basePage.click('#load')
        return probeDuration(basePage, data.baseline)
      }
      const comparison = await compareRounds({ warmup: 2, rounds: 12, app: appRound, baseline: baseRound })
      const extra: Record<string, unknown> = {
        request: decodeURIComponent(ui.path),
        untilDataMs: medians(data),
        note: 'untilDataMs: from the click to the last response; the rest is rendering'
      }
      Object.assign(extra, await diagnoseRenderer(ctx, page, 'first-rows', appRound))
      const problems = [...ui.appSide.problems, ...ui.baseSide.problems]
      if (problems.length > 0) extra.pageProblems = problems.slice(0, 10)
      return ratioFigure(comparison, 'ms', MAX_RATIO, extra)
    } finally {
      await ui.close()
    }
  }
}
