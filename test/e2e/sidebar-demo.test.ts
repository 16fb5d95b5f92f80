/// <reference lib="dom" />
// The sidebar dragged into the user's order and the Demo hidden, dark and in Chinese, kept over a restart; and the
// Demo's migrations marked as Demo in Activity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { RunningSimulator } from '../../src/simulator'
import { unwrap } from '../main/desk/support/desk-fixture'
import { plainlyMigratableOn } from '../support/plain-migratable'
import { openApp, settledScreenshot as snap } from './support/browser'
import type { AppHost } from './support/app-host'
import { startFleetHost, type FleetHost } from './support/fleet-host'
import { seriousViolations } from './support/axe'

const NAMES = ['Production', 'Staging']
const QUICK = { vms: 20, migrationDurationMs: 300 }

const sidebarNames = (page: Page): Promise<string[]> =>
  page.getByTestId('profile-item-name').allTextContents()

describe('The arranged sidebar and the Demo in Chromium', () => {
  let fleet: FleetHost
  let browser: Browser
  let host: AppHost
  let sims: RunningSimulator[]
  let ids: string[]

  beforeAll(async () => {
    fleet = await startFleetHost({
      clusters: NAMES.map((name, i) => ({ name, simulator: { ...QUICK, seed: 400 + i } })),
      rememberPassword: true,
      host: { demoSimulator: QUICK }
    })
    ;({ browser, host, sims, ids } = fleet)
  })

  afterAll(() => fleet?.close())

  it('marks a Demo migration as Demo in Activity and a real one not, in English and in Chinese', async () => {
    const api = host.runtime.guarded.api
    // Asking the Demo anything starts its simulator.
    unwrap(await api.getTopology({ profileId: 'demo' }))
    const demo = host.runtime.demo.running()!
    const demoVm = demo.findVms(plainlyMigratableOn(demo))[0]!
    const realVm = sims[0]!.findVms(plainlyMigratableOn(sims[0]!))[0]!
    unwrap(await api.migrateVm({ profileId: 'demo', vmUuid: demoVm.uuid, params: {} }))
    unwrap(await api.migrateVm({ profileId: ids[0]!, vmUuid: realVm.uuid, params: {} }))

    for (const [options, word, shot] of [
      [{}, 'Demo', 'activity-demo-marked-light'],
      [{ colorScheme: 'dark', locale: 'zh-CN' }, '演示', 'activity-demo-marked-dark-zh']
    ] as const) {
      const { page, problems, context } = await openApp(browser, host.url, options)
      await page.getByTestId('profile-item').first().waitFor()
      await page.getByTestId('activity-button').click()
      const rows = page.locator('[data-testid="activity-row"][data-kind="migrate"]')
      await expect
        .poll(() => rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-state'))))
        .toEqual(['succeeded', 'succeeded'])
      const demoRow = rows.filter({ hasText: demoVm.name })
      const realRow = rows.filter({ hasText: realVm.name })
      expect((await demoRow.getByTestId('row-demo').textContent())?.trim()).toBe(word)
      expect(await realRow.getByTestId('row-demo').count()).toBe(0)
      await snap(page, shot)
      expect(await seriousViolations(page, shot, '[data-testid="activity-panel"]')).toEqual([])
      expect(problems).toEqual([])
      await context.close()
    }
  })

  it('in Chinese and dark: drags a cluster above the Demo, hides the Demo, and keeps both over a restart', async () => {
    const zhDark = { colorScheme: 'dark', locale: 'zh-CN' } as const
    let opened = await openApp(browser, host.url, zhDark)
    let { page } = opened
    await page.getByTestId('profile-item').first().waitFor()
    expect(await sidebarNames(page)).toEqual(['Demo cluster', 'Production', 'Staging'])
    // Staging dropped on the Demo takes its place, with the mouse.
    const item = (id: string) => page.locator(`[data-testid="profile-item"][data-profile-id="${id}"]`)
    await item(ids[1]!).dragTo(item('demo'))
    await expect.poll(() => sidebarNames(page)).toEqual(['Staging', 'Demo cluster', 'Production'])
    await snap(page, 'sidebar-dragged-dark-zh')
    expect(await seriousViolations(page, 'sidebar zh', '[data-testid="cluster-sidebar"]')).toEqual([])
    await page.getByTestId('app-menu').click()
    await page.getByTestId('menu-hide-demo').click()
    await expect.poll(() => sidebarNames(page)).toEqual(['Staging', 'Production'])
    expect(opened.problems).toEqual([])
    await opened.context.close()

    host = await fleet.restart()
    opened = await openApp(browser, host.url, zhDark)
    page = opened.page
    await page.getByTestId('profile-item').first().waitFor()
    await expect.poll(() => sidebarNames(page)).toEqual(['Staging', 'Production'])
    // Clicking a cluster no longer moves it to the top.
    await page.locator(`[data-testid="profile-item"][data-profile-id="${ids[0]}"]`).click()
    await page.locator(`[data-testid="vm-list"][data-profile-id="${ids[0]}"]`).waitFor()
    expect(await sidebarNames(page)).toEqual(['Staging', 'Production'])
    await page.getByTestId('fleet-open-view').click()
    await page.getByTestId('fleet-row').first().waitFor()
    await expect.poll(() => page.getByTestId('fleet-status').locator('li').count()).toBe(2)
    await page.locator('[data-testid="fleet-view"][data-loading="false"]').waitFor()
    await snap(page, 'sidebar-restart-demo-hidden-dark-zh')
    // The order the user made is what an export carries.
    const exported = unwrap(await host.runtime.guarded.api.exportProfiles({ format: 'json' }))
    const listed = (JSON.parse(exported.content) as { profiles: { name: string; order?: number }[] }).profiles
    expect([...listed].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((p) => p.name)).toEqual([
      'Staging',
      'Production'
    ])
    await page.getByTestId('app-menu').click()
    await page.getByTestId('menu-show-demo').click()
    await expect.poll(() => sidebarNames(page)).toEqual(['Staging', 'Demo cluster', 'Production'])
    expect(opened.problems).toEqual([])
    await opened.context.close()
  })
})
