/// <reference lib="dom" />
// Monitoring in Chromium: the inspector's Metrics tab, host load in the migrate picker, the chart around a
// migration, and a node without monitoring; light, dark and Chinese, with axe on the charts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { RunningSimulator, VmInventory } from '../../src/simulator'
import { isPlainlyMigratable } from '../support/plain-migratable'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { seriousViolations } from './support/axe'
import { pickMigratable } from './support/vm-list'

describe('monitoring in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let demo: RunningSimulator
  const used = new Set<string>()

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: 60, seed: 5, migrationDurationMs: 1500 } })
    await host.runtime.demo.ensure()
    demo = host.runtime.demo.running()!
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  const migratableVm = () =>
    pickMigratable(
      host.runtime.guarded.api,
      'demo',
      demo.findVms(isPlainlyMigratable),
      used,
      (plan) => plan.candidates.length >= 3
    )

  async function findRow(page: Page, vm: VmInventory) {
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('vm-search').fill(vm.uuid)
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(1)
    return page.locator(`[data-testid="vm-row"][data-vm-uuid="${vm.uuid}"]`)
  }

  /** Opens the inspector on the VM and its Metrics tab from the keyboard. */
  async function openMetrics(page: Page, vm: VmInventory): Promise<void> {
    await (await findRow(page, vm)).getByTestId('vm-action-inspect').click()
    await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
    await page.getByTestId('inspector-tab-metrics').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('inspector-metrics').waitFor()
  }

  const painted = (page: Page) => page.locator('[data-testid="metrics-charts"] [data-painted="true"]').count()

  it('charts CPU, memory, disk and network for the hour and the day, with hover values and text summaries', async () => {
    const vm = demo.findVms((v) => v.type === 'UserVm' && v.state === 'Running')[0]!
    const { page, problems, context } = await openApp(browser, host.url)
    await openMetrics(page, vm)
    await expect.poll(() => painted(page)).toBe(4)
    const charts = page.getByTestId('metrics-charts')
    expect(await charts.getAttribute('data-period')).toBe('10')
    const summaries = await page.getByTestId('chart-summary').allTextContents()
    expect(summaries).toHaveLength(4)
    expect(summaries[0]).toMatch(/^CPU: latest \d+(\.\d)? %, lowest/)
    expect(summaries[2]).toMatch(/Read: latest [\d.]+ (B|KiB|MiB)\/s/)

    // Hover the network chart: its legend shows the values under the cursor.
    const plot = page.getByTestId('chart-network').locator('.u-over')
    await plot.scrollIntoViewIfNeeded()
    const box = (await plot.boundingBox())!
    await plot.hover({ position: { x: box.width * 0.5, y: box.height / 2 } })
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 })
    await expect
      .poll(() => page.getByTestId('chart-network').locator('.u-legend .u-value').allTextContents())
      .toEqual([expect.stringMatching(/\d/), expect.stringMatching(/\/s$/), expect.stringMatching(/\/s$/)])
    expect(await seriousViolations(page, 'metrics light', '[data-testid="inspector-metrics"]')).toEqual([])
    await snap(page, 'metrics-tab-light')

    await page.getByTestId('metrics-range-day').click()
    await expect.poll(() => charts.getAttribute('data-period')).toBe('300')
    await expect.poll(() => painted(page)).toBe(4)
    expect(problems).toEqual([])
    await context.close()
  })

  it('reads in the dark theme and in Chinese', async () => {
    const vm = demo.findVms((v) => v.type === 'UserVm' && v.state === 'Running')[1]!
    const dark = await openApp(browser, host.url, { colorScheme: 'dark' })
    await openMetrics(dark.page, vm)
    await expect.poll(() => painted(dark.page)).toBe(4)
    expect(await seriousViolations(dark.page, 'metrics dark', '[data-testid="inspector-metrics"]')).toEqual(
      []
    )
    await snap(dark.page, 'metrics-tab-dark')
    expect(dark.problems).toEqual([])
    await dark.context.close()

    const zh = await openApp(browser, host.url, { locale: 'zh-CN' })
    await zh.page.getByTestId('vm-row').first().waitFor()
    await zh.page.getByTestId('locale-select').click()
    await zh.page.locator('.n-base-select-option', { hasText: '简体中文' }).click()
    await (await findRow(zh.page, vm)).getByTestId('vm-action-inspect').click()
    await zh.page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
    expect(await zh.page.getByTestId('inspector-tab-metrics').textContent()).toBe('监控')
    await zh.page.getByTestId('inspector-tab-metrics').click()
    await expect.poll(() => painted(zh.page)).toBe(4)
    expect(await zh.page.getByTestId('metrics-range-hour').textContent()).toContain('最近 1 小时')
    expect((await zh.page.getByTestId('chart-summary').first().textContent()) ?? '').toContain('最新')
    await snap(zh.page, 'metrics-tab-zh')
    expect(zh.problems).toEqual([])
    await zh.context.close()
  })

  it('shows host load in the picker, sorts by least busy, and charts the migration with its switch-over', async () => {
    const { vm, plan } = await migratableVm()
    const { page, problems, context } = await openApp(browser, host.url)
    await page.setViewportSize({ width: 1440, height: 1300 })
    await (await findRow(page, vm)).getByTestId('vm-action-migrate').click()
    await page.getByTestId('host-picker').waitFor()
    await expect.poll(() => page.getByTestId('host-load').count()).toBe(plan.candidates.length)
    await page.getByTestId('host-least-busy').click()
    const busy = async () =>
      (
        await page
          .getByTestId('host-candidate')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-busy')))
      ).map(Number)
    const order = await busy()
    expect(order).toHaveLength(plan.candidates.length)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(order[0]).toBeLessThan(order.at(-1)!)
    expect(await page.getByTestId('host-load').first().locator('svg').getAttribute('aria-label')).toMatch(
      /CPU \d+(\.\d)? %, memory \d+(\.\d)? %/
    )
    // The picker with its sparklines, sorted by load: no serious or critical axe violation.
    expect(await seriousViolations(page, 'picker least busy', '[data-testid="host-picker"]')).toEqual([])
    await snap(page, 'picker-least-busy')

    // Migrate to the least busy host; the result charts CPU and network around it.
    await page.getByTestId('host-candidate').first().click()
    await expect.poll(() => page.getByTestId('migrate-submit').isDisabled()).toBe(false)
    await page.getByTestId('migrate-submit').click()
    await page
      .locator('[data-testid="migration-progress"][data-state="succeeded"]')
      .waitFor({ timeout: 20_000 })
    const chart = page.getByTestId('migration-chart')
    await expect.poll(() => chart.locator('[data-painted="true"]').count(), { timeout: 15_000 }).toBe(2)
    // The network out peak is the migration's traffic.
    expect((await chart.getByTestId('chart-summary').nth(1).textContent()) ?? '').toMatch(
      /Out: .*highest [\d.]+ MiB\/s/
    )
    await chart.scrollIntoViewIfNeeded()
    await snap(page, 'migration-result-chart')
    expect(problems).toEqual([])
    await context.close()
  })

  it('says once that a node without monitoring has none, and everything else works', async () => {
    demo.setOptions({ monitoring: 'off' })
    try {
      const { vm, plan } = await migratableVm()
      const { page, problems, context } = await openApp(browser, host.url)
      await openMetrics(page, vm)
      const note = page.getByTestId('monitoring-unavailable')
      await note.waitFor()
      expect(await note.textContent()).toContain('Monitoring is not available from this node')
      expect(await page.getByTestId('metric-chart').count()).toBe(0)
      await snap(page, 'metrics-unavailable-tab')
      await page.keyboard.press('Escape')
      await page.getByTestId('inspector-metrics').waitFor({ state: 'hidden' })

      await (await findRow(page, vm)).getByTestId('vm-action-migrate').click()
      await page.getByTestId('host-picker').waitFor()
      await expect.poll(() => page.getByTestId('host-candidate').count()).toBe(plan.candidates.length)
      await expect
        .poll(() => page.getByTestId('host-picker').getByTestId('monitoring-unavailable').count())
        .toBe(1)
      expect(await page.getByTestId('host-load').count()).toBe(0)
      expect(await page.getByTestId('host-least-busy').count()).toBe(0)
      await snap(page, 'metrics-unavailable-picker')
      expect(problems).toEqual([])
      await context.close()
    } finally {
      demo.setOptions({ monitoring: 'on' })
    }
  })
})
