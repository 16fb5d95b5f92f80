/// <reference lib="dom" />
// The VM inspector on the Demo cluster: what a user reads in each tab matches what the server holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { RunningSimulator, VmInventory } from '../../src/simulator'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { seriousViolations } from './support/axe'

const GIB = 1024 ** 3

async function openTab(page: Page, label: string): Promise<void> {
  await page.getByRole('tab').filter({ hasText: label }).click()
}

describe('VM inspector in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let demo: RunningSimulator
  let vm: VmInventory

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: 60, seed: 5 } })
    await host.runtime.demo.ensure()
    demo = host.runtime.demo.running()!
    // A running VM with a data volume and at least one NIC, so every tab has something to show.
    vm = demo.findVms(
      (v) =>
        v.type === 'UserVm' &&
        v.state === 'Running' &&
        (v.allVolumes?.length ?? 0) >= 2 &&
        (v.vmNics?.length ?? 0) >= 1
    )[0]!
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  async function inspect(page: Page): Promise<void> {
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('vm-search').fill(vm.uuid)
    const row = page.locator(`[data-testid="vm-row"][data-vm-uuid="${vm.uuid}"]`)
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(1)
    await row.getByTestId('vm-action-inspect').click()
    await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
  }

  it('shows the overview, the NICs and the volumes as ZStack has them', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await inspect(page)
    const hostName = demo.host(vm.hostUuid!)!.name
    expect(await page.getByTestId('inspector-title').textContent()).toBe(vm.name)
    expect(await page.getByTestId('inspector-uuid').textContent()).toBe(vm.uuid)
    // Names come from the topology, which loads on its own: a uuid shows until it has.
    await expect.poll(() => page.getByTestId('inspector-host').textContent()).toBe(hostName)
    expect(await page.getByTestId('inspector-cpu').textContent()).toBe(String(vm.cpuNum))
    expect(await page.getByTestId('inspector-memory').textContent()).toBe(`${vm.memorySize / GIB} GiB`)
    await expect.poll(() => page.getByTestId('inspector-cluster').textContent()).not.toMatch(/^[0-9a-f]{32}$/)
    await expect.poll(() => page.getByTestId('inspector-zone').textContent()).not.toMatch(/^[0-9a-f]{32}$/)
    await snap(page, 'inspector-light')

    await openTab(page, 'NICs')
    const nics = page.getByTestId('inspector-nic')
    await expect.poll(() => nics.count()).toBe(vm.vmNics!.length)
    for (const nic of vm.vmNics!) {
      const row = page.locator(`[data-testid="inspector-nic"][data-nic-uuid="${nic.uuid}"]`)
      expect(await row.getByTestId('nic-ip').textContent()).toBe(nic.ip)
      expect(await row.getByTestId('nic-mac').textContent()).toBe(nic.mac)
      expect(await row.getByTestId('nic-netmask').textContent()).toBe(nic.netmask)
      expect(await row.getByTestId('nic-gateway').textContent()).toBe(nic.gateway)
      // The L3 network by name (asked for when the tab opens), its whole uuid on hover.
      const l3 = row.getByTestId('nic-l3')
      await expect.poll(() => l3.textContent()).toBe(demo.l3NetworkName(nic.l3NetworkUuid))
      expect(await l3.getAttribute('title')).toBe(nic.l3NetworkUuid)
      expect(await row.getByTestId('nic-l3-copy').getAttribute('aria-label')).toContain(nic.l3NetworkUuid)
    }
    await snap(page, 'inspector-nics')
    expect(await seriousViolations(page, 'inspector NICs', '[data-testid="inspector"]')).toEqual([])

    await openTab(page, 'Volumes')
    await expect.poll(() => page.getByTestId('inspector-volume').count()).toBe(vm.allVolumes!.length)
    const root = vm.allVolumes!.find((v) => v.type === 'Root')!
    const rootRow = page.locator(`[data-testid="inspector-volume"][data-volume-uuid="${root.uuid}"]`)
    expect(await page.getByTestId('volume-name').first().textContent()).toBe(root.name)
    expect(await rootRow.getByTestId('volume-format').textContent()).toBe(root.format)
    expect(await rootRow.getByTestId('volume-size').textContent()).toMatch(/ (GiB|TiB|MiB)$/)
    await expect.poll(() => rootRow.getByTestId('volume-storage').textContent()).not.toMatch(/^[0-9a-f]{32}$/)
    expect(await page.getByTestId('volume-path').allTextContents()).toContain(root.installPath)
    await snap(page, 'inspector-volumes')

    await openTab(page, 'Raw JSON')
    await page.getByTestId('json-search').fill(root.installPath!)
    await expect.poll(() => page.getByTestId('json-tree').textContent()).toContain(root.installPath!)
    expect(await page.getByTestId('json-tree').textContent()).not.toContain('memorySize')
    const download = page.waitForEvent('download')
    await page.getByTestId('json-save').click()
    expect((await download).suggestedFilename()).toMatch(/\.json$/)

    // Migrate hands this VM to the migrate dialog.
    await page.getByTestId('inspector-migrate').click()
    await page.getByTestId('migrate-dialog').waitFor()
    expect(problems).toEqual([])
    await context.close()
  })

  it('opens from the keyboard, closes with Esc, and reads well in dark', async () => {
    const { page, problems, context } = await openApp(browser, host.url, { colorScheme: 'dark' })
    await page.getByTestId('vm-row').first().waitFor()
    await page.keyboard.press('ArrowDown')
    const first = await page.getByTestId('vm-row').first().getAttribute('data-vm-uuid')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
    expect(await page.getByTestId('inspector-uuid').textContent()).toBe(first)
    await page.keyboard.press('Escape')
    await page.getByTestId('inspector-overview').waitFor({ state: 'hidden' })

    await inspect(page)
    await openTab(page, 'Volumes')
    await page.getByTestId('inspector-volume').first().waitFor()
    await snap(page, 'inspector-dark')
    expect(problems).toEqual([])
    await context.close()
  })

  it('disables Stop while a VM migrates, and the actions of a cluster that stops answering, saying why', async () => {
    const api = host.runtime.guarded.api
    const moving = demo.findVms(
      (v) => v.type === 'UserVm' && v.state === 'Running' && v.uuid !== vm.uuid && (v.vmNics?.length ?? 0) > 0
    )[0]!
    const plan = await api.getMigrationPlan({ profileId: 'demo', vmUuid: moving.uuid })
    if (!plan.ok || !plan.data.candidates[0]) throw new Error('no destination for the VM to migrate')
    demo.setOptions({ migrationDurationMs: 60_000 })
    const started = await api.migrateVm({
      profileId: 'demo',
      vmUuid: moving.uuid,
      params: { hostUuid: plan.data.candidates[0].host.uuid }
    })
    if (!started.ok) throw new Error(started.error.message)
    await expect.poll(() => demo.vm(moving.uuid)?.state).toBe('Migrating')

    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('vm-search').fill(moving.uuid)
    const row = page.locator(`[data-testid="vm-row"][data-vm-uuid="${moving.uuid}"]`)
    await expect.poll(() => row.getByTestId('state-tag').getAttribute('data-state')).toBe('Migrating')
    const stop = row.getByTestId('vm-action-stop')
    expect(await stop.isDisabled()).toBe(true)
    const stopReason = 'A VM that is Migrating cannot be stopped; wait until it settles.'
    expect(await stop.getAttribute('title')).toBe(stopReason)
    await stop.locator('..').hover()
    await page.getByText(stopReason).waitFor()
    await snap(page, 'inspector-stop-blocked-migrating')

    // The node stops answering VM queries: the rows stay, marked stale, and nothing can be sent to it.
    demo.setOptions({ faults: { drop: 1 }, faultPathIncludes: '/vm-instances' })
    try {
      await page.getByTestId('vm-refresh').click()
      await page.getByTestId('vm-list-stale').waitFor()
      const reason =
        /^The cluster does not answer: this row is the last known, from .+\. Actions come back once it answers\.$/
      for (const id of ['vm-action-migrate', 'vm-action-stop']) {
        const button = row.getByTestId(id)
        expect(await button.isDisabled(), id).toBe(true)
        expect(await button.getAttribute('title'), id).toMatch(reason)
      }
      expect(await row.getByTestId('vm-action-inspect').isDisabled()).toBe(false)
      await row.getByTestId('vm-action-migrate').locator('..').hover()
      await page.getByText(/^The cluster does not answer: this row is the last known/).waitFor()
      await snap(page, 'inspector-stale-actions')
      expect(await seriousViolations(page, 'stale list')).toEqual([])

      // The inspector shows the listed row and the error; its Migrate stays off.
      await row.getByTestId('vm-action-inspect').click()
      await page.getByTestId('inspector-error').waitFor()
      expect(await page.getByTestId('inspector-migrate').isDisabled()).toBe(true)
      await snap(page, 'inspector-unreachable')
      expect(await seriousViolations(page, 'inspector unreachable', '[data-testid="inspector"]')).toEqual([])
      await page.keyboard.press('Escape')
    } finally {
      demo.setOptions({ faults: {}, faultPathIncludes: '' })
    }
    await page.getByTestId('vm-list-retry').click()
    await page.getByTestId('vm-list-stale').waitFor({ state: 'hidden' })
    expect(await row.getByTestId('vm-action-inspect').isDisabled()).toBe(false)
    expect(problems).toEqual([])
    await context.close()
  })
})
