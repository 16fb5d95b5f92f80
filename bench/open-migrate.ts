// 4. open-migrate: the click on Migrate to the host picker filled, against the two raw requests it needs, made with fetch.
import type { Benchmark } from './lib/benchmark'
import { setBaselinePaths } from './lib/app-ui'
import { openListUi } from './lib/list-page-ui'
import { armProbe, probeDuration } from './lib/paint-probe'
import { medians, ratioFigure } from './lib/results'
import { compareRounds } from './lib/stats'
import { unwrap } from './lib/desk'
import { diagnoseRenderer } from './lib/diagnose'

const MAX_RATIO = 2
/** The zone's hosts come in pages of this size, all of them, as MigrationPlan asks (src/main/zstack/query-all.ts). */
const ZONE_HOSTS_PAGE = 1000
const CANDIDATE = '[data-testid="host-candidate"]'
const EXCLUDED = '[data-testid="host-excluded"]'
const HOST_ROWS = `${CANDIDATE}, ${EXCLUDED}`

export const openMigrate: Benchmark = {
  name: 'open-migrate',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const ui = await openListUi(ctx, 100)
    try {
      const page = ui.appSide.page
      const basePage = ui.baseSide.page
      // A running VM on the page that ZStack offers hosts for.
      let chosen: { uuid: string; zoneUuid: string; hostRows: number; candidates: number } | undefined
      for (const vm of ui.rows.filter((v) => v.state === 'Running')) {
        const plan = unwrap(
          await ui.app.api.getMigrationPlan({ profileId: ui.profileId, vmUuid: vm.uuid }),
          'getMigrationPlan'
        )
        if (plan.blocked || plan.candidates.length === 0) continue
        if (!vm.zoneUuid) continue
        chosen = {
          uuid: vm.uuid,
          zoneUuid: vm.zoneUuid,
          hostRows: plan.candidates.length + plan.others.length,
          candidates: plan.candidates.length
        }
        break
      }
      if (!chosen) throw new Error('no running VM on the first page has migration candidates')
      const zoneQuery = `/zstack/v1/hosts?q=zoneUuid=${chosen.zoneUuid}`
      const zoneHosts = ((await ui.raw.get(`${zoneQuery}&count=true`)) as { total: number }).total
      const pages = Math.max(1, Math.ceil(zoneHosts / ZONE_HOSTS_PAGE))
      // The raw requests the picker needs: the candidates and every page of the zone's hosts, in parallel.
      const paths = [
        `/zstack/v1/vm-instances/${chosen.uuid}/migration-target-hosts`,
        ...Array.from(
          { length: pages },
          (_, i) => `${zoneQuery}&limit=${ZONE_HOSTS_PAGE}&start=${i * ZONE_HOSTS_PAGE}`
        )
      ]
      ctx.log(
        `open-migrate: VM ${chosen.uuid}: ${chosen.candidates} candidates, ${chosen.hostRows} host rows in the picker`
      )
      await setBaselinePaths(basePage, paths)

      const button = page.locator(
        `[data-testid="vm-row"][data-vm-uuid="${chosen.uuid}"] [data-testid="vm-action-migrate"]`
      )
      const data = { app: [] as number[], baseline: [] as number[] }
      const appRound = async (): Promise<number> => {
        await armProbe(page, {
          trigger: 'click',
          rowSelector: HOST_ROWS,
          count: chosen.hostRows,
          // With virtual scrolling only the visible hosts exist: then both tables must show some.
          virtualMin: 5,
          also: chosen.hostRows > chosen.candidates ? [CANDIDATE, EXCLUDED] : [CANDIDATE]
        })
        await button.click()
        const ms = await probeDuration(page, data.app)
        await page.getByTestId('migrate-cancel').click()
        await page.getByTestId('migrate-dialog').waitFor({ state: 'detached' })
        return ms
      }
      const baseRound = async (): Promise<number> => {
        await basePage.evaluate(() => document.getElementById('hosts')!.replaceChildren())
        await armProbe(basePage, { trigger: 'click', rowSelector: 'li.host', count: zoneHosts })
        await basePage.click('#migrate')
        return probeDuration(basePage, data.baseline)
      }
      const comparison = await compareRounds({ warmup: 1, rounds: 7, app: appRound, baseline: baseRound })
      const extra: Record<string, unknown> = {
        hostRows: chosen.hostRows,
        candidates: chosen.candidates,
        untilDataMs: medians(data),
        requests: paths,
        note: 'baseline: both requests in parallel with fetch, hosts listed as plain <li>'
      }
      Object.assign(extra, await diagnoseRenderer(ctx, page, 'open-migrate', appRound))
      const problems = [...ui.appSide.problems, ...ui.baseSide.problems]
      if (problems.length > 0) extra.pageProblems = problems.slice(0, 10)
      return ratioFigure(comparison, 'ms', MAX_RATIO, extra)
    } finally {
      await ui.close()
    }
  }
}
