/// <reference lib="dom" />
// The migrate dialog on a cloud of 60,000 VMs: a zone past 1,000 hosts, drawn through virtual lists, every host reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { MigrationPlan, VmInventory } from '../../src/shared/api'
import { launchBrowser, openApp, screenshot } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

const DEMO = 'demo'
/** About 1,900 hosts, over 1,000 of them in zone-beijing. */
const VMS = 60_000

describe('migrate dialog on a large cloud', () => {
  let browser: Browser
  let host: AppHost
  let vm: VmInventory
  let plan: MigrationPlan
  let zoneHosts = 0

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: VMS } })
    const { api } = host.runtime.guarded
    const topology = await api.getTopology({ profileId: DEMO })
    if (!topology.ok) throw new Error(`getTopology: ${topology.error.message}`)
    const perZone = new Map<string, number>()
    for (const h of topology.data.hosts) perZone.set(h.zoneUuid, (perZone.get(h.zoneUuid) ?? 0) + 1)
    const [zoneUuid, count] = [...perZone].sort((a, b) => b[1] - a[1])[0]!
    zoneHosts = count
    const page = await api.queryVms({ profileId: DEMO, zoneUuid, states: ['Running'], start: 0, limit: 50 })
    if (!page.ok) throw new Error(`queryVms: ${page.error.message}`)
    for (const candidate of page.data.items) {
      const found = await api.getMigrationPlan({ profileId: DEMO, vmUuid: candidate.uuid })
      if (found.ok && found.data.candidates.length > 200 && found.data.others.length > 40) {
        vm = candidate
        plan = found.data
        break
      }
    }
    if (!plan) throw new Error('No running VM of the biggest zone has hundreds of candidate hosts.')
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  async function openMigrate(page: Page): Promise<void> {
    await page.getByTestId('vm-search').fill(vm.uuid)
    const row = page.locator(`[data-testid="vm-row"][data-vm-uuid="${vm.uuid}"]`)
    await row.waitFor()
    await row.getByTestId('vm-action-migrate').click()
    await page.getByTestId('host-picker').waitFor()
  }

  const shownNames = (page: Page, testId: 'host-candidate' | 'host-excluded'): Promise<string[]> =>
    page.getByTestId(testId).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-host-name') ?? ''))

  it('lists every host of a zone past 1,000: only the rows in view drawn, each one reachable by scrolling, search or sort', async () => {
    expect(zoneHosts).toBeGreaterThan(1000)
    expect(plan.candidates.length + plan.others.length).toBe(zoneHosts)
    const { page, problems, context } = await openApp(browser, host.url)
    await openMigrate(page)
    const picker = page.getByTestId('host-picker')
    expect(await picker.textContent()).toContain(`Candidate hosts (${plan.candidates.length})`)
    expect(await picker.textContent()).toContain(
      `Hosts in the VM’s zone that cannot take it (${plan.others.length})`
    )

    // Both tables draw a handful of rows, not hundreds.
    const candidates = page.getByTestId('host-candidates')
    expect(await candidates.locator('.v-vl').count()).toBe(1)
    expect(await page.getByTestId('host-others').locator('.v-vl').count()).toBe(1)
    // The virtual list draws its rows once it has measured its height: wait for them.
    await expect.poll(async () => (await shownNames(page, 'host-candidate')).length).toBeGreaterThanOrEqual(3)
    const drawn = await shownNames(page, 'host-candidate')
    expect(drawn.length).toBeLessThan(40)
    expect(drawn).toEqual(plan.candidates.slice(0, drawn.length).map((o) => o.host.name))
    expect((await shownNames(page, 'host-excluded')).length).toBeLessThan(40)

    // Scrolled to the end, the last candidate is there.
    const last = plan.candidates.at(-1)!.host
    await candidates.locator('.v-vl').evaluate((list) => list.scrollTo({ top: list.scrollHeight }))
    await page.locator(`[data-testid="host-candidate"][data-host-name="${last.name}"]`).waitFor()

    // Sorted by name, descending: the last one comes first.
    await candidates.locator('.v-vl').evaluate((list) => list.scrollTo({ top: 0 }))
    await page.getByTestId('host-sort-name').click()
    await page.getByTestId('host-sort-name').click()
    await expect.poll(async () => (await shownNames(page, 'host-candidate'))[0]).toBe(last.name)
    // From the keyboard: Enter on the focused sort button takes the third step, back to the plan's order.
    const nameHeader = candidates.getByRole('columnheader', { name: 'Host', exact: true })
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending')
    await page.getByTestId('host-sort-name').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('none')
    await expect
      .poll(async () => (await shownNames(page, 'host-candidate'))[0])
      .toBe(plan.candidates[0]!.host.name)

    // A host deep in the list, found by search and picked.
    const deep = plan.candidates[Math.floor(plan.candidates.length * 0.8)]!.host
    await page.getByTestId('host-search').locator('input').fill(deep.uuid)
    await expect.poll(() => shownNames(page, 'host-candidate')).toEqual([deep.name])
    await page.locator(`[data-testid="host-candidate"][data-host-name="${deep.name}"]`).click()
    await expect
      .poll(async () => JSON.parse((await page.getByTestId('request-json').textContent()) ?? '{}') as unknown)
      .toEqual({ migrateVm: { hostUuid: deep.uuid } })
    expect(
      await page
        .locator(`[data-testid="host-candidate"][data-host-name="${deep.name}"] input[type="radio"]`)
        .isChecked()
    ).toBe(true)

    // The current host is among the excluded ones, with its reason.
    await page.getByTestId('host-search').locator('input').fill(plan.current.hostUuid!)
    const current = page.locator(`[data-testid="host-excluded"][data-host-name="${plan.current.hostName}"]`)
    await current.waitFor()
    expect(await current.getByTestId('host-reason').textContent()).toBe('Current host: the VM runs here now')
    await page.getByTestId('host-search').locator('input').fill('')
    await screenshot(page, 'migrate-dialog-scale')
    expect(problems).toEqual([])
    await context.close()
  })

  it('reads the same in Chinese and the dark theme', async () => {
    const { page, problems, context } = await openApp(browser, host.url, {
      colorScheme: 'dark',
      locale: 'zh-CN'
    })
    await openMigrate(page)
    const picker = page.getByTestId('host-picker')
    expect(await picker.textContent()).toContain(`候选物理机（${plan.candidates.length}）`)
    expect(await picker.textContent()).toContain(
      `云主机所在区域中无法接收它的物理机（${plan.others.length}）`
    )
    await expect.poll(() => page.getByTestId('host-candidate').count()).toBeGreaterThanOrEqual(3)
    await screenshot(page, 'migrate-dialog-scale-dark-zh')
    await page.getByTestId('migrate-cancel').click()
    await page.getByTestId('migrate-dialog').waitFor({ state: 'detached' })
    expect(problems).toEqual([])
    await context.close()
  })
})
