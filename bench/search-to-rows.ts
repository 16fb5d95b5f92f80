// 3. search-to-rows: an IP prefix entered whole (as a paste) to the filtered rows painted, against the plain-DOM page.
import type { VmInventory } from '../src/shared/api'
import type { Benchmark } from './lib/benchmark'
import { ROW, lastQuery, setBaselinePaths, vmQueryPath } from './lib/app-ui'
import { openListUi } from './lib/list-page-ui'
import { armProbe, probeDuration } from './lib/paint-probe'
import { medians, ratioFigure } from './lib/results'
import { compareRounds } from './lib/stats'
import { diagnoseRenderer } from './lib/diagnose'

const MAX_RATIO = 2
const ROWS = 100
const WARMUP = 2
const ROUNDS = 8

interface Search {
  prefix: string
  path: string
  first: string
  last: string
  count: number
}

export const searchToRows: Benchmark = {
  name: 'search-to-rows',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const ui = await openListUi(ctx, ROWS)
    try {
      const page = ui.appSide.page
      const basePage = ui.baseSide.page
      // A new prefix every round (10.<octet>.<n>): no answer can come from an earlier one.
      const searches: Search[] = []
      for (let i = 0; searches.length < WARMUP + ROUNDS && i < 60; i++) {
        const prefix = `10.${10 + (i % 6)}.${1 + Math.floor(i / 6)}`
        const path = vmQueryPath({ ...ui.query, search: prefix })
        const rows = ((await ui.raw.get(path)) as { inventories: VmInventory[] }).inventories
        if (rows.length === 0) continue
        searches.push({
          prefix,
          path,
          first: rows[0]!.name,
          last: rows[rows.length - 1]!.name,
          count: rows.length
        })
      }
      if (searches.length < WARMUP + ROUNDS) throw new Error('too few IP prefixes match any VM')

      const search = page.getByTestId('vm-search')
      const data = { app: [] as number[], baseline: [] as number[] }
      let appTurn = 0
      let baseTurn = 0
      const appRound = async (): Promise<number> => {
        const s = searches[appTurn++ % searches.length]!
        await armProbe(page, {
          trigger: 'input',
          rowSelector: ROW,
          count: s.count,
          first: s.first,
          last: s.last,
          virtualMin: 10
        })
        await search.fill(s.prefix)
        const ms = await probeDuration(page, data.app)
        const sent = vmQueryPath(lastQuery(ui.app, ui.profileId, (q) => q.search === s.prefix))
        if (sent !== s.path) throw new Error(`the app searched with ${sent}, the baseline with ${s.path}`)
        return ms
      }
      const baseRound = async (): Promise<number> => {
        const s = searches[baseTurn++]!
        await setBaselinePaths(basePage, [s.path])
        await armProbe(basePage, {
          trigger: 'input',
          rowSelector: 'tr.row',
          count: s.count,
          first: s.first,
          last: s.last
        })
        await basePage.fill('#search', s.prefix)
        return probeDuration(basePage, data.baseline)
      }
      const comparison = await compareRounds({
        warmup: WARMUP,
        rounds: ROUNDS,
        app: appRound,
        baseline: baseRound
      })
      const diagnosis = await diagnoseRenderer(ctx, page, 'search-to-rows', appRound, 1)
      const figure = ratioFigure(comparison, 'ms', MAX_RATIO, {
        untilDataMs: medians(data),
        prefixes: searches.map((s) => s.prefix),
        // VmFilters.vue waits for typing to pause only after a single keystroke; a whole text is searched at once.
        note: 'the prefix is filled in one input event, as a paste: both sides ask at once',
        ...diagnosis
      })
      const problems = [...ui.appSide.problems, ...ui.baseSide.problems]
      if (problems.length > 0) figure.pageProblems = problems.slice(0, 10)
      return figure
    } finally {
      await ui.close()
    }
  }
}
