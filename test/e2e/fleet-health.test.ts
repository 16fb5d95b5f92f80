/// <reference lib="dom" />
// Fleet health, the fleet filters and a sidebar the user arranges, in Chromium: by keyboard, light, dark and zh-CN.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { simulatorProfile } from '../main/desk/support/desk-fixture'
import { createMemorySecretStore } from '../main/desk/support/memory-secret-store'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { seriousViolations } from './support/axe'

const NAMES = ['Production', 'Staging', 'Branch office']
const FOLDERS = [undefined, 'Branches', 'Branches']

/** Tabs until the element with `testId` has the keyboard (at most `limit` presses). */
async function tabTo(page: Page, testId: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId))
      return
  }
  throw new Error(`Tab never reached ${testId}`)
}

const option = (page: Page, text: string) =>
  page.locator('.n-base-select-option', { hasText: new RegExp(`^${text}$`) })

const sidebarNames = (page: Page): Promise<string[]> =>
  page.getByTestId('profile-item-name').allTextContents()

describe('Fleet health, filters and the arranged sidebar in Chromium', () => {
  let browser: Browser
  let host: AppHost
  const sims: RunningSimulator[] = []
  const ids: string[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'zstack-desk-e2e-health-'))
  const secretStore = createMemorySecretStore()

  const start = () => startAppHost({ dataDir, secretStore, demoSimulator: { vms: 20 } })

  beforeAll(async () => {
    for (const [i, vms] of [30, 24, 18].entries()) sims.push(await startSimulator({ vms, seed: 300 + i }))
    host = await start()
    const api = host.runtime.guarded.api
    for (const [i, sim] of sims.entries()) {
      const saved = await api.saveProfile({ ...simulatorProfile(sim, NAMES[i]), folder: FOLDERS[i] })
      if (!saved.ok) throw new Error(saved.error.message)
      ids.push(saved.data.id)
      const signed = await api.signIn({
        profileId: saved.data.id,
        accountName: 'admin',
        password: 'password',
        rememberPassword: true
      })
      if (!signed.ok) throw new Error(signed.error.message)
    }
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await Promise.all(sims.map((sim) => sim.stop().catch(() => undefined)))
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens fleet health from the sidebar by keyboard; a number opens the filtered list', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('profile-item').first().waitFor()
    await tabTo(page, 'fleet-open-health-view')
    await page.keyboard.press('Enter')
    const row = page.locator(`[data-testid="fleet-health-row"][data-profile="${ids[1]}"]`)
    await row.waitFor()
    await expect.poll(() => row.getAttribute('data-session')).toBe('signed-in')
    // Health counts what lives: destroyed VMs wait in the recycle bin, outside the counts.
    const staging = sims[1]!.findVms(
      (vm) => vm.type === 'UserVm' && vm.state !== 'Destroyed' && vm.state !== 'Expunging'
    )
    const running = staging.filter((vm) => vm.state === 'Running').length
    expect(await row.getByTestId('fleet-health-vms').textContent()).toContain(`${staging.length} VMs`)
    expect(await row.getByTestId('fleet-health-state-Running').textContent()).toContain(String(running))
    // Hosts in maintenance and disconnected ones are counted and named.
    const hosts = row.getByTestId('fleet-health-hosts')
    await expect.poll(() => hosts.locator('[data-host-count="Maintenance"]').count()).toBe(1)
    await expect.poll(() => hosts.locator('[data-host-count="Disconnected"]').count()).toBe(1)
    expect(await row.getByTestId('fleet-health-memory').textContent()).toMatch(/GiB of .*GiB \(\d+%\)/)
    expect(await page.getByTestId('fleet-health-row').count()).toBe(4)
    await snap(page, 'fleet-health-light')
    expect(await seriousViolations(page, 'fleet health', '[data-testid="fleet-health"]')).toEqual([])

    // The Running number of Staging, from the keyboard: the list of Staging's running VMs.
    await row.getByTestId('fleet-health-state-Running').focus()
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="fleet-view"][data-loading="false"]').waitFor()
    await expect
      .poll(() => page.getByTestId('fleet-total').textContent())
      .toContain(`${running} VMs in 1 cluster`)
    const shown = await page
      .locator('[data-testid="fleet-row"]')
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.getAttribute('data-profile'),
          r.querySelector('[data-state]')?.getAttribute('data-state')
        ])
      )
    expect(shown.length).toBe(Math.min(20, running))
    expect(shown.every(([profile, state]) => profile === ids[1] && state === 'Running')).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })

  it('in Chinese and dark: the health view, and the list narrowed by state, cluster and zone', async () => {
    const { page, problems, context } = await openApp(browser, host.url, {
      colorScheme: 'dark',
      locale: 'zh-CN'
    })
    await page.getByTestId('fleet-open-health-view').click()
    await page.locator(`[data-testid="fleet-health-row"][data-profile="${ids[0]}"]`).waitFor()
    await expect.poll(() => page.getByTestId('fleet-health').textContent()).toContain('维护模式')
    await snap(page, 'fleet-health-dark-zh')
    expect(await seriousViolations(page, 'fleet health zh', '[data-testid="fleet-health"]')).toEqual([])

    await page.getByTestId('fleet-health-list').click()
    await page.getByTestId('fleet-row').first().waitFor()
    // Cluster, then zone (a zone is one cluster's), then state.
    await page.getByTestId('fleet-filter-cluster').click()
    await option(page, 'Production').click()
    await expect.poll(() => page.getByTestId('fleet-total').textContent()).toContain('1 个集群')
    const production = sims[0]!.findVms((vm) => vm.type === 'UserVm')
    const zoneUuid = production[0]!.zoneUuid
    const inZone = production.filter((vm) => vm.zoneUuid === zoneUuid)
    const zoneName = await host.runtime.guarded.api.getTopology({ profileId: ids[0]! })
    if (!zoneName.ok) throw new Error(zoneName.error.message)
    const zone = zoneName.data.zones.find((z) => z.uuid === zoneUuid)!.name
    await page.getByTestId('fleet-filter-zone').click()
    await option(page, zone).click()
    await expect
      .poll(() => page.getByTestId('fleet-total').textContent())
      .toContain(`${inZone.length} 台云主机`)
    await page.getByTestId('fleet-filter-state').click()
    await option(page, '运行中').click()
    await page.keyboard.press('Escape')
    const runningInZone = inZone.filter((vm) => vm.state === 'Running').length
    await expect
      .poll(() => page.getByTestId('fleet-total').textContent())
      .toContain(`${runningInZone} 台云主机`)
    const states = await page
      .locator('[data-testid="fleet-row"] [data-state]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')))
    expect(states.every((s) => s === 'Running')).toBe(true)
    await page.locator('[data-testid="fleet-view"][data-loading="false"]').waitFor()
    await snap(page, 'fleet-filters-dark-zh')
    expect(await seriousViolations(page, 'fleet filters zh', '[data-testid="fleet-view"]')).toEqual([])
    await page.getByTestId('fleet-filter-clear').click()
    await expect.poll(() => page.getByTestId('fleet-total').textContent()).toContain('4 个集群')
    expect(problems).toEqual([])
    await context.close()
  })

  it('reorders the sidebar by keyboard, folds a folder, hides the Demo, and keeps it all after a restart', async () => {
    let opened = await openApp(browser, host.url)
    let { page } = opened
    await page.getByTestId('profile-item').first().waitFor()
    expect(await sidebarNames(page)).toEqual(['Demo cluster', 'Production', 'Staging', 'Branch office'])
    // Production above the Demo, Branch office above Staging in its folder: Alt+Up on each.
    const production = page.locator(`[data-profile-id="${ids[0]}"] [data-testid="profile-item-button"]`)
    await production.focus()
    await page.keyboard.press('Alt+ArrowUp')
    await expect
      .poll(() => sidebarNames(page))
      .toEqual(['Production', 'Demo cluster', 'Staging', 'Branch office'])
    await expect.poll(() => production.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.locator(`[data-profile-id="${ids[2]}"] [data-testid="profile-item-button"]`).focus()
    await page.keyboard.press('Alt+ArrowUp')
    await expect
      .poll(() => sidebarNames(page))
      .toEqual(['Production', 'Demo cluster', 'Branch office', 'Staging'])
    // The folder folds from the keyboard, and says so.
    const folder = page.getByTestId('profile-group-folder')
    await folder.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => folder.getAttribute('aria-expanded')).toBe('false')
    await expect.poll(() => sidebarNames(page)).toEqual(['Production', 'Demo cluster'])
    await page.keyboard.press('Enter')
    await expect
      .poll(() => sidebarNames(page))
      .toEqual(['Production', 'Demo cluster', 'Branch office', 'Staging'])
    await snap(page, 'sidebar-reordered')
    expect(await seriousViolations(page, 'sidebar', '[data-testid="cluster-sidebar"]')).toEqual([])

    // The Demo hidden from the menu: gone from the sidebar and from the fleet.
    await page.getByTestId('app-menu').click()
    await page.getByTestId('menu-hide-demo').click()
    await expect.poll(() => sidebarNames(page)).toEqual(['Production', 'Branch office', 'Staging'])
    expect(opened.problems).toEqual([])
    await opened.context.close()

    await host.close()
    host = await start()
    opened = await openApp(browser, host.url)
    page = opened.page
    await page.getByTestId('profile-item').first().waitFor()
    await expect.poll(() => sidebarNames(page)).toEqual(['Production', 'Branch office', 'Staging'])
    await page.getByTestId('fleet-open-view').click()
    await page.getByTestId('fleet-row').first().waitFor()
    await expect.poll(() => page.getByTestId('fleet-status').locator('li').count()).toBe(3)
    await snap(page, 'sidebar-restart-demo-hidden')
    // And back from the menu, where the user put it.
    await page.getByTestId('app-menu').click()
    await page.getByTestId('menu-show-demo').click()
    await expect
      .poll(() => sidebarNames(page))
      .toEqual(['Production', 'Demo cluster', 'Branch office', 'Staging'])
    expect(opened.problems).toEqual([])
    await opened.context.close()
  })
})
