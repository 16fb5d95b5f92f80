/// <reference lib="dom" />
// Fleet health, the fleet filters and a sidebar the user arranges, in Chromium: by keyboard, light, dark and zh-CN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { RunningSimulator, VmInventory } from '../../src/simulator'
import type { HostInventory } from '../../src/shared/api'
import { openApp, settledScreenshot as snap } from './support/browser'
import type { AppHost } from './support/app-host'
import { startFleetHost, type FleetHost } from './support/fleet-host'
import { seriousViolations } from './support/axe'
import { isPlainlyMigratable } from '../support/plain-migratable'
import { enterMaintenance, runDrainToEmpty } from './support/drain'

const NAMES = ['Production', 'Staging', 'Branch office']
const FOLDERS = [undefined, 'Branches', 'Branches']

/** Refreshes fleet health until `read` gives `expected`: a busy machine may answer a cluster late (last known). */
async function refreshUntil<T>(page: Page, read: () => Promise<T>, expected: T): Promise<void> {
  await expect
    .poll(
      async () => {
        const now = await read()
        if (JSON.stringify(now) === JSON.stringify(expected)) return now
        await page.getByTestId('fleet-health-refresh').click()
        await page.locator('[data-testid="fleet-health"][data-loading="false"]').waitFor()
        await page.locator('[data-testid="fleet-hosts"][data-loading="true"]').waitFor({ state: 'detached' })
        return read()
      },
      { timeout: 60_000, interval: 1000 }
    )
    .toEqual(expected)
}

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
  let fleet: FleetHost
  let browser: Browser
  let host: AppHost
  let sims: RunningSimulator[]
  let ids: string[]

  /** The hosts of Production, as the app reads them. */
  async function productionHosts(): Promise<HostInventory[]> {
    const topology = await host.runtime.guarded.api.getTopology({ profileId: ids[0]! })
    if (!topology.ok) throw new Error(topology.error.message)
    return topology.data.hosts
  }

  beforeAll(async () => {
    fleet = await startFleetHost({
      clusters: [30, 24, 18].map((vms, i) => ({
        name: NAMES[i]!,
        folder: FOLDERS[i],
        simulator: { vms, seed: 300 + i }
      })),
      rememberPassword: true,
      host: { demoSimulator: { vms: 20 } }
    })
    ;({ browser, host, sims, ids } = fleet)
  })

  afterAll(() => fleet?.close())

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
    // The counts come with the cluster's answer, which may follow the session state under load.
    await expect
      .poll(() => row.getByTestId('fleet-health-vms').textContent())
      .toContain(`${staging.length} VMs`)
    await expect
      .poll(() => row.getByTestId('fleet-health-state-Running').textContent())
      .toContain(String(running))
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

  it('in Chinese and dark: the health view, and the list narrowed by state, cluster, zone and host', async () => {
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
    // Then one host of that zone: only its running VMs.
    const onHost = inZone.filter(
      (vm) => vm.state === 'Running' && vm.hostUuid === inZone.find((v) => v.state === 'Running')!.hostUuid
    )
    const hostName = zoneName.data.hosts.find((h) => h.uuid === onHost[0]!.hostUuid)!.name
    await page.getByTestId('fleet-filter-host').click()
    await option(page, hostName).click()
    await expect
      .poll(() => page.getByTestId('fleet-total').textContent())
      .toContain(`${onHost.length} 台云主机`)
    await page.locator('[data-testid="fleet-view"][data-loading="false"]').waitFor()
    await snap(page, 'fleet-filters-dark-zh')
    expect(await seriousViolations(page, 'fleet filters zh', '[data-testid="fleet-view"]')).toEqual([])
    await page.getByTestId('fleet-filter-clear').click()
    await expect.poll(() => page.getByTestId('fleet-total').textContent()).toContain('4 个集群')
    expect(problems).toEqual([])
    await context.close()
  })

  it('drains a host from its row in fleet health, enters maintenance once empty, and exits it from the row', async () => {
    const sim = sims[0]!
    const submissions = (vmUuid: string): number =>
      sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vmUuid).length
    // The connected, enabled host with the most VMs, all plain running user VMs: a drain can empty it.
    const onHosts = new Map<string, VmInventory[]>()
    for (const vm of sim.findVms((v) => !!v.hostUuid))
      onHosts.set(vm.hostUuid!, [...(onHosts.get(vm.hostUuid!) ?? []), vm])
    const [drainedUuid, onHost] = [...onHosts]
      .filter(
        ([uuid, vms]) =>
          sim.host(uuid)?.state === 'Enabled' &&
          sim.host(uuid)?.status === 'Connected' &&
          vms.every(isPlainlyMigratable)
      )
      .sort((a, b) => b[1].length - a[1].length)[0]!
    const drained = sim.host(drainedUuid)!
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('fleet-open-health-view').click()
    const cluster = page.locator(`[data-testid="fleet-health-row"][data-profile="${ids[0]}"]`)
    await expect.poll(() => cluster.getAttribute('data-session')).toBe('signed-in')

    // The host list opens from the keyboard, and its rows say what each host carries.
    await tabTo(page, 'fleet-health-host-toggle')
    await cluster.getByTestId('fleet-health-host-toggle').focus()
    await page.keyboard.press('Enter')
    const hosts = page.locator(`[data-testid="fleet-hosts"][data-profile="${ids[0]}"]`)
    const row = hosts.locator(`[data-testid="fleet-host-row"][data-host-uuid="${drainedUuid}"]`)
    await expect
      .poll(() => row.getByTestId('fleet-host-vms').textContent())
      .toMatch(new RegExp(`^${onHost.length}: Running ${onHost.length}$`))
    expect(await hosts.getByTestId('fleet-host-row').count()).toBe((await productionHosts()).length)
    // A host in maintenance offers Exit; a disconnected one a disabled drain that says why; nothing offers Enter.
    const maintained = hosts.locator('[data-testid="fleet-host-row"][data-state="Maintenance"]')
    expect(await maintained.getByTestId('host-exit-maintenance').count()).toBe(1)
    const disconnected = hosts.locator('[data-testid="fleet-host-row"][data-status="Disconnected"]').first()
    expect(await disconnected.getByTestId('drain-host').isDisabled()).toBe(true)
    expect(await disconnected.getByTestId('fleet-host-why').textContent()).toContain('is Disconnected')
    expect(await hosts.getByTestId('host-enter-maintenance').count()).toBe(0)
    await expect.poll(() => hosts.getAttribute('data-loading')).toBe('false')
    await snap(page, 'fleet-health-hosts-light')
    expect(await seriousViolations(page, 'fleet health hosts', '[data-testid="fleet-health"]')).toEqual([])

    // Drain, from the keyboard: the same plan the host filter opens.
    await row.getByTestId('drain-host').focus()
    await page.keyboard.press('Enter')
    await runDrainToEmpty(page, drained.name, onHost.length)
    for (const vm of onHost) {
      const now = sim.vm(vm.uuid)!
      // Moved once, never stopped.
      expect([now.state, now.hostUuid === drainedUuid, submissions(vm.uuid)]).toEqual(['Running', false, 1])
    }
    await snap(page, 'fleet-health-drain-report')
    // Empty: only now is maintenance offered.
    await enterMaintenance(page, sim, drainedUuid)
    await page.getByTestId('batch-dialog').getByTestId('dialog-close').click()

    // Back in fleet health, read again: the host is in maintenance with nothing on it, and exits from its row.
    await refreshUntil(
      page,
      async () => [
        await row.getAttribute('data-state'),
        await row.getByTestId('fleet-host-vms').textContent(),
        // A last-known answer offers no action: the exit needs the cluster answering.
        await cluster.locator('[data-stale]').getAttribute('data-stale')
      ],
      ['Maintenance', 'none', 'false']
    )
    await row.scrollIntoViewIfNeeded()
    await snap(page, 'fleet-health-host-in-maintenance')
    await row.getByTestId('host-exit-maintenance').click()
    await page.locator('.n-dialog').getByRole('button', { name: 'Exit maintenance' }).click()
    await expect.poll(() => sim.host(drainedUuid)!.state).toBe('Enabled')
    // Leaving maintenance reconnects the host: the drain comes back once a refresh reads it Connected.
    await refreshUntil(
      page,
      async () => [
        await row.getAttribute('data-state'),
        await row.getAttribute('data-status'),
        await row.getByTestId('drain-host').isDisabled()
      ],
      ['Enabled', 'Connected', false]
    )
    expect(problems).toEqual([])
    await context.close()
  }, 180_000)

  it('in Chinese and dark: a host count clicked shows those hosts, with why a drain is off', async () => {
    const { page, problems, context } = await openApp(browser, host.url, {
      colorScheme: 'dark',
      locale: 'zh-CN'
    })
    await page.getByTestId('fleet-open-health-view').click()
    const cluster = page.locator(`[data-testid="fleet-health-row"][data-profile="${ids[0]}"]`)
    await expect.poll(() => cluster.getAttribute('data-session')).toBe('signed-in')
    // Answered now, not last known (whose hosts offer no drain at all).
    await refreshUntil(page, () => cluster.locator('[data-stale]').getAttribute('data-stale'), 'false')
    await cluster.locator('[data-host-count="Disconnected"]').click()
    const hosts = page.locator(`[data-testid="fleet-hosts"][data-profile="${ids[0]}"]`)
    await expect
      .poll(() => hosts.getByTestId('fleet-hosts-filtered').textContent())
      .toContain('仅显示已断开的物理机')
    const rows = hosts.getByTestId('fleet-host-row')
    const all = await productionHosts()
    await expect.poll(() => rows.count()).toBe(all.filter((h) => h.status === 'Disconnected').length)
    expect(await rows.first().getByTestId('fleet-host-why').textContent()).toContain(
      'ZStack 只能从已连接的物理机迁出云主机'
    )
    expect(await rows.first().getByTestId('drain-host').isDisabled()).toBe(true)
    await hosts.getByTestId('fleet-hosts-all').click()
    await expect.poll(() => rows.count()).toBe(all.length)
    await expect.poll(() => hosts.getAttribute('data-loading')).toBe('false')
    await snap(page, 'fleet-health-hosts-dark-zh')
    expect(await seriousViolations(page, 'fleet health hosts zh', '[data-testid="fleet-health"]')).toEqual([])
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

    host = await fleet.restart()
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
