/// <reference lib="dom" />
// The migrate workflow on the built-in Demo cluster, in Chromium through the web host, as a user clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { MigrationPlan, VmInventory } from '../../src/shared/api'
import type { RunningSimulator } from '../../src/simulator'
import { plainlyMigratableOn } from '../support/plain-migratable'
import { launchBrowser, openApp, screenshot } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

const DEMO = 'demo'

describe('migrate a VM (Demo cluster)', () => {
  let browser: Browser
  let host: AppHost
  let sim: RunningSimulator
  const used = new Set<string>()

  beforeAll(async () => {
    host = await startAppHost({
      demoSimulator: { migrationDurationMs: 2500 },
      clientOptions: { pollBackoff: { initialMs: 200, maxMs: 400 } },
      migrationTiming: { retryDelayMs: 300, vmStateEveryPolls: 1 }
    })
    await host.runtime.demo.ensure()
    sim = host.runtime.demo.running()!
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  /** A running VM the simulator can live-migrate (no local-storage limits) that ZStack offers hosts for. */
  async function migratableVm(): Promise<{ vm: VmInventory; plan: MigrationPlan }> {
    const vms = sim.findVms((vm) => plainlyMigratableOn(sim)(vm) && !used.has(vm.uuid))
    for (const vm of vms) {
      const plan = await host.runtime.guarded.api.getMigrationPlan({ profileId: DEMO, vmUuid: vm.uuid })
      if (plan.ok && plan.data.candidates.length >= 2 && plan.data.others.length >= 1) {
        used.add(vm.uuid)
        return { vm, plan: plan.data }
      }
    }
    throw new Error('The Demo cluster has no running VM with migration candidates.')
  }

  const submissionsFor = (vmUuid: string) =>
    sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vmUuid)

  /** The drawer slides in: wait until it rests against the window's right edge. */
  async function settledDrawer(page: Page): Promise<void> {
    await expect
      .poll(() =>
        page
          .locator('.n-drawer')
          .evaluate((el) => Math.round(el.getBoundingClientRect().right - window.innerWidth))
      )
      .toBe(0)
  }

  async function findRow(page: Page, name: string) {
    await page.getByTestId('vm-search').fill(name)
    // Wait for the server's filtered page, not the unfiltered rows still on screen.
    await expect
      .poll(async () => {
        const names = await page.getByTestId('vm-name').allTextContents()
        return names.length > 0 && names.every((n) => n.includes(name))
      })
      .toBe(true)
    const row = page
      .getByTestId('vm-row')
      .filter({ has: page.getByTestId('vm-name').getByText(name, { exact: true }) })
    await row.waitFor()
    return row
  }

  async function openMigrate(page: Page, name: string): Promise<void> {
    const row = await findRow(page, name)
    await row.getByTestId('vm-action-migrate').click()
    await page.getByTestId('host-picker').waitFor()
  }

  it('migrates a running VM to a picked host with auto-converge and a down time, through Migrating, to the result', async () => {
    const { vm, plan } = await migratableVm()
    const { page, problems, context } = await openApp(browser, host.url)
    // A tall window so the screenshot holds the whole dialog.
    await page.setViewportSize({ width: 1440, height: 1400 })
    await openMigrate(page, vm.name)
    const dialog = page.getByTestId('migrate-dialog')
    expect(await dialog.getByTestId('current-host').textContent()).toBe(plan.current.hostName)

    // Every candidate is listed; the zone's other hosts are greyed with a reason, the current host among them.
    const candidates = await page
      .getByTestId('host-candidate')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-host-name')))
    expect(candidates.sort()).toEqual(plan.candidates.map((o) => o.host.name).sort())
    const current = page.locator(`[data-testid="host-excluded"][data-host-name="${plan.current.hostName}"]`)
    expect(await current.getByTestId('host-reason').textContent()).toBe('Current host: the VM runs here now')
    expect(await page.getByTestId('host-excluded').count()).toBe(plan.others.length)

    const target = plan.candidates[plan.candidates.length - 1]!.host
    await page.locator(`[data-testid="host-candidate"][data-host-name="${target.name}"]`).click()
    await page.getByTestId('strategy-select').click()
    await page
      .locator('.n-base-select-option')
      .filter({ hasText: /^auto-converge$/ })
      .click()
    await page.getByTestId('downtime-input').locator('input').fill('1.5')
    await expect
      .poll(() => page.getByTestId('field-downtime').textContent())
      .toContain('whole number of milliseconds')
    expect(await page.getByTestId('migrate-submit').isDisabled()).toBe(true)
    await page.getByTestId('downtime-input').locator('input').fill('500')
    await expect.poll(() => page.getByTestId('migrate-submit').isDisabled()).toBe(false)
    await expect.poll(() => page.getByTestId('field-downtime').textContent()).toContain('The longest pause')
    const body = JSON.parse((await page.getByTestId('request-json').textContent())!) as unknown
    expect(body).toEqual({ migrateVm: { hostUuid: target.uuid, strategy: 'auto-converge', downTime: 500 } })
    expect(await page.getByTestId('request-curl').textContent()).toContain(
      `/zstack/v1/vm-instances/${vm.uuid}/actions`
    )
    await screenshot(page, 'migrate-dialog')

    // Submit once: a double click and then Enter send one migration.
    await page.getByTestId('migrate-submit').dblclick()
    await page.keyboard.press('Enter')

    await page.setViewportSize({ width: 1440, height: 900 })
    await page.locator('[data-testid="observed-state"][data-state="Migrating"]').waitFor()
    expect(await page.getByTestId('progress-route').textContent()).toBe(
      `From ${plan.current.hostName} to ${target.name}`
    )
    await expect.poll(() => page.getByTestId('activity-badge').textContent()).toContain('1')
    await screenshot(page, 'migrate-progress')

    await page.locator('[data-testid="migration-progress"][data-state="succeeded"]').waitFor()
    expect(await page.getByTestId('result-host').textContent()).toBe(target.name)
    const compare = page.getByTestId('compare-host')
    expect(await compare.getByTestId('before').textContent()).toBe(plan.current.hostName)
    expect(await compare.getByTestId('after').textContent()).toContain(target.name)
    expect(await page.getByTestId('compare-lastHost').getByTestId('after').textContent()).toContain(
      plan.current.hostName
    )
    expect(await page.getByTestId('result-duration').textContent()).toMatch(/Time taken: \d+(\.\d)? s/)
    await expect.poll(() => dialog.getByTestId('current-host').textContent()).toBe(target.name)
    await page
      .locator('.n-notification')
      .filter({ hasText: `${vm.name} migrated` })
      .waitFor()
    await screenshot(page, 'migrate-result')

    expect(sim.vm(vm.uuid)?.hostUuid).toBe(target.uuid)
    expect(submissionsFor(vm.uuid)).toHaveLength(1)
    expect(submissionsFor(vm.uuid)[0]!.hostUuid).toBe(target.uuid)
    const records = await host.runtime.guarded.api.listMigrations({ profileId: DEMO })
    expect(records.ok && records.data.find((r) => r.vmUuid === vm.uuid)?.params).toEqual({
      hostUuid: target.uuid,
      strategy: 'auto-converge',
      downTime: 500
    })

    // The list refreshed behind the dialog; the inspector opens on the full inventory.
    await page.getByTestId('migrate-open-inspector').click()
    await page.getByTestId('inspector').waitFor()
    await expect.poll(() => page.getByTestId('inspector-host').textContent()).toBe(target.name)
    const row = page
      .getByTestId('vm-row')
      .filter({ has: page.getByTestId('vm-name').getByText(vm.name, { exact: true }) })
    await expect.poll(() => row.getByTestId('vm-host').textContent()).toContain(target.name)
    expect(problems).toEqual([])
    await context.close()
  })

  it('lets ZStack choose the host: no hostUuid is sent and the VM lands elsewhere', async () => {
    const { vm, plan } = await migratableVm()
    const { page, problems, context } = await openApp(browser, host.url)
    await openMigrate(page, vm.name)
    await page.getByTestId('host-auto').click()
    await expect
      .poll(async () => JSON.parse((await page.getByTestId('request-json').textContent())!) as unknown)
      .toEqual({ migrateVm: {} })
    await page.getByTestId('migrate-submit').click()
    await page.locator('[data-testid="migration-progress"][data-state="succeeded"]').waitFor()
    const landed = sim.vm(vm.uuid)!.hostUuid!
    expect(landed).not.toBe(plan.current.hostUuid)
    expect(plan.candidates.map((o) => o.host.uuid)).toContain(landed)
    expect(await page.getByTestId('result-host').textContent()).toBe(
      plan.candidates.find((o) => o.host.uuid === landed)!.host.name
    )
    expect(await page.getByTestId('progress-route').textContent()).toContain(plan.current.hostName!)
    const submissions = submissionsFor(vm.uuid)
    expect(submissions).toHaveLength(1)
    expect(submissions[0]!.hostUuid).toBeUndefined()
    expect(problems).toEqual([])
    await context.close()
  })

  it('does not offer Migrate for a stopped VM, and explains a VM stopped since the list was loaded', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    const stopped = sim.findVms((vm) => vm.type === 'UserVm' && vm.state === 'Stopped')[0]!
    const row = await findRow(page, stopped.name)
    expect(await row.getByTestId('vm-action-migrate').isDisabled()).toBe(true)
    await row.getByTestId('vm-migrate-blocked').hover()
    await page.getByText(`this one is Stopped`).waitFor()

    // Someone else stops a VM after this window listed it as Running.
    const { vm } = await migratableVm()
    const running = await findRow(page, vm.name)
    expect(await running.getByTestId('state-tag').getAttribute('data-state')).toBe('Running')
    const stop = await host.runtime.guarded.api.stopVm({ profileId: DEMO, vmUuid: vm.uuid })
    expect(stop.ok).toBe(true)
    await expect.poll(() => sim.vm(vm.uuid)?.state, { timeout: 10_000 }).toBe('Stopped')
    await running.getByTestId('vm-action-migrate').click()
    const blocked = page.getByTestId('migrate-blocked')
    await blocked.waitFor()
    expect(await blocked.getByTestId('error-code').textContent()).toBe('VM.1008')
    expect(await blocked.getByTestId('error-advice').textContent()).toContain('Start or resume the VM first')
    expect(await page.getByTestId('migrate-block-reason').textContent()).toContain('cannot be migrated now')
    expect(await page.getByTestId('migrate-submit').isDisabled()).toBe(true)
    expect(submissionsFor(vm.uuid)).toHaveLength(0)
    await page.getByTestId('migrate-cancel').click()
    expect(problems).toEqual([])
    await context.close()
  })

  it('keeps every migration in the Activity panel, filterable, with the details of each', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('activity-button').click()
    // The two migrations made above, and beside them the stop the previous test asked for (starts and stops are kept too).
    const rows = page.locator('[data-testid="activity-row"][data-kind="migrate"]')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await page.locator('[data-testid="activity-row"][data-kind="stop"]').count()).toBe(1)
    expect(await rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-state')))).toEqual([
      'succeeded',
      'succeeded'
    ])
    await settledDrawer(page)
    await screenshot(page, 'activity-panel')

    const first = (await rows.last().getAttribute('data-vm'))!
    await page.getByTestId('activity-filter-vm').locator('input').fill(first)
    await expect.poll(() => rows.count()).toBe(1)
    await page.getByTestId('activity-filter-state').click()
    await page
      .locator('.n-base-select-option')
      .filter({ hasText: /^Failed$/ })
      .click()
    await expect.poll(() => rows.count()).toBe(0)
    await page.getByTestId('activity-filter-state').click()
    await page
      .locator('.n-base-select-option')
      .filter({ hasText: /^Succeeded$/ })
      .click()
    await rows.first().click()
    const details = page.getByTestId('migration-details')
    await details.waitFor()
    const params = (await page.getByTestId('details-params').textContent())!
    expect(params).toContain('auto-converge')
    expect(params).toContain('500')
    expect(await page.getByTestId('details-job').textContent()).toMatch(/^[0-9a-f]{32}$/)
    await page.getByTestId('placement-comparison').waitFor()
    await screenshot(page, 'activity-details')
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the dialog in the dark theme', async () => {
    const { vm } = await migratableVm()
    const { page, problems, context } = await openApp(browser, host.url, { colorScheme: 'dark' })
    await openMigrate(page, vm.name)
    await page.locator('[data-testid="host-candidate"]').first().click()
    const background = await page
      .getByTestId('migrate-dialog')
      .evaluate((el) => getComputedStyle(el).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number))
    expect(background.reduce((a, b) => a + b, 0)).toBeLessThan(200)
    await screenshot(page, 'migrate-dialog-dark')
    await page.getByTestId('migrate-cancel').click()
    await page.getByTestId('migrate-dialog').waitFor({ state: 'detached' })
    expect(submissionsFor(vm.uuid)).toHaveLength(0)
    expect(problems).toEqual([])
    await context.close()
  })
})
