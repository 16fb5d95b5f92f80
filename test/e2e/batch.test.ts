/// <reference lib="dom" />
// Fleet operations in Chromium through the web host against the simulator: multi-select, the plan with an
// unplaceable row, the queue with progress and a cancel, a host drain with its report, maintenance in and out.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSimulator, type RunningSimulator, type VmInventory } from '../../src/simulator'
import { simulatorProfile } from '../main/desk/support/desk-fixture'
import { createMemorySecretStore } from '../main/desk/support/memory-secret-store'
import { isPlainlyMigratable } from '../support/plain-migratable'
import { seriousViolations } from './support/axe'
import { launchBrowser, settledScreenshot } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { signInProfile } from './support/fleet-host'
import { enterMaintenance, runDrainToEmpty } from './support/drain'
import { openAppOn } from './support/vm-list'

describe('migrate many VMs and drain a host, in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let sim: RunningSimulator
  let profileId: string

  beforeAll(async () => {
    sim = await startSimulator({ vms: 40, seed: 11, migrationDurationMs: 6000, progressReports: 4 })
    host = await startAppHost({
      secretStore: createMemorySecretStore(),
      clientOptions: { pollBackoff: { initialMs: 200, maxMs: 400 } }
    })
    profileId = await signInProfile(host.runtime.guarded.api, simulatorProfile(sim, 'Lab'), false)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await sim?.stop()
  })

  async function openOnLab(locale?: string) {
    const opened = await openAppOn(browser, host.url, profileId, { locale })
    await opened.page.getByTestId('vm-row').first().waitFor()
    return opened
  }

  /** Saves the open batch report as CSV; its lines. */
  async function exportedCsv(page: Page): Promise<string[]> {
    const download = page.waitForEvent('download')
    await page.getByTestId('report-export-csv').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^migrations-.*\.csv$/)
    return readFileSync((await file.path())!, 'utf8')
      .trim()
      .split('\r\n')
  }

  /** Finds one VM by name in the list and ticks its checkbox (the search changes, the picks stay). */
  async function pick(page: Page, vm: VmInventory): Promise<void> {
    await page.getByTestId('vm-search').fill(vm.name)
    const row = page.locator(`[data-testid="vm-row"][data-vm-uuid="${vm.uuid}"]`)
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(1)
    await row.waitFor()
    // The keyboard way: focus the checkbox and press Space.
    await row.getByTestId('vm-select').focus()
    await page.keyboard.press('Space')
    await expect.poll(() => row.getAttribute('data-picked')).toBe('true')
  }

  const submissions = (vmUuid: string): number =>
    sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vmUuid).length

  it('picks VMs, plans them with an unplaceable row, runs the queue with progress and a cancel', async () => {
    const running = sim.findVms(isPlainlyMigratable).slice(0, 3)
    const stopped = sim.findVms((vm) => vm.type === 'UserVm' && vm.state === 'Stopped')[0]!
    expect(running).toHaveLength(3)
    const { page, problems, context } = await openOnLab()

    for (const vm of [...running, stopped]) await pick(page, vm)
    expect(await page.getByTestId('batch-selected-count').textContent()).toBe('4 VMs selected')
    await settledScreenshot(page, 'batch-multi-select')
    // The rows with their checkboxes and the selection bar (the pager below is the list's own, checked elsewhere).
    expect([
      ...(await seriousViolations(page, 'multi-select rows', '[data-testid="vm-table"] .data-grid')),
      ...(await seriousViolations(page, 'selection bar', '[data-testid="batch-selection"]'))
    ]).toEqual([])

    await page.getByTestId('batch-migrate').click()
    await page.getByTestId('batch-plan').waitFor()
    const rows = page.getByTestId('plan-row')
    await expect.poll(() => rows.count()).toBe(4)
    const unplaceable = page.locator(`[data-testid="plan-row"][data-unplaceable="true"]`)
    expect(await unplaceable.getAttribute('data-vm-uuid')).toBe(stopped.uuid)
    expect(await unplaceable.getByTestId('plan-why').textContent()).toContain('Not migratable')
    expect(await page.getByTestId('batch-run').textContent()).toContain('Run 3 migrations')
    await settledScreenshot(page, 'batch-plan-unplaceable')
    expect(await seriousViolations(page, 'plan', '[data-testid="batch-dialog"]')).toEqual([])

    // One at a time, so a queued row is there to cancel while the first one shows its progress.
    await page.getByTestId('batch-concurrency').locator('input').fill('1')
    await page.getByTestId('batch-concurrency').locator('input').blur()
    await page.getByTestId('batch-run').click()
    await page.getByTestId('batch-queue').waitFor()
    const progress = page.getByTestId('queue-progress')
    await expect
      .poll(async () => Number((await progress.count()) && (await progress.getAttribute('data-percent'))), {
        timeout: 30_000
      })
      .toBeGreaterThan(0)
    expect(await page.getByTestId('queue-status').textContent()).toContain('at most 1')

    const last = page.locator(`[data-testid="queue-row"][data-vm-uuid="${running[2]!.uuid}"]`)
    expect(await last.getAttribute('data-state')).toBe('queued')
    await last.getByTestId('queue-cancel').click()
    await page.locator('.n-dialog').getByRole('button', { name: 'Cancel migration' }).click()
    await expect.poll(() => last.getAttribute('data-state')).toBe('canceled')
    await settledScreenshot(page, 'batch-queue-progress-cancel')
    expect(await seriousViolations(page, 'queue', '[data-testid="batch-dialog"]')).toEqual([])

    await page.getByTestId('batch-report').waitFor({ timeout: 60_000 })
    const outcomes = await page
      .getByTestId('report-row')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('data-vm-uuid'), el.getAttribute('data-state')]))
    expect(Object.fromEntries(outcomes)).toEqual({
      [running[0]!.uuid]: 'succeeded',
      [running[1]!.uuid]: 'succeeded',
      [running[2]!.uuid]: 'canceled'
    })
    // Each migrated VM sent once and now on the host the report says; the canceled and the Stopped one never sent.
    for (const vm of running.slice(0, 2)) {
      expect(submissions(vm.uuid)).toBe(1)
      const row = page.locator(`[data-testid="report-row"][data-vm-uuid="${vm.uuid}"]`)
      expect(await row.getByTestId('report-to').textContent()).toBe(
        sim.host(sim.vm(vm.uuid)!.hostUuid!)!.name
      )
      expect(sim.vm(vm.uuid)!.state).toBe('Running')
    }
    expect(submissions(running[2]!.uuid)).toBe(0)
    expect(submissions(stopped.uuid)).toBe(0)

    // The report as a file: each reason in the window's language, its kind beside it for scripts.
    const canceled = (lines: string[]): string => lines.find((line) => line.includes(running[2]!.uuid)) ?? ''
    const english = await exportedCsv(page)
    expect(english[0]).toBe('vm,vmUuid,from,to,outcome,durationSeconds,reasonKind,reason')
    expect(english).toHaveLength(4)
    expect(canceled(english)).toContain(',canceled,,batchRowCanceled,The migration of ')
    expect(problems).toEqual([])
    await context.close()

    const zh = await openOnLab('zh-CN')
    await zh.page.getByTestId('activity-button').click()
    await zh.page.getByTestId('activity-batch-open').first().click()
    await zh.page.getByTestId('batch-report').waitFor()
    const chinese = await exportedCsv(zh.page)
    expect(chinese[0]).toBe(english[0])
    expect(canceled(chinese)).toMatch(/,canceled,,batchRowCanceled,[^,]*\p{Script=Han}/u)
    expect(canceled(chinese)).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/)
    expect(zh.problems).toEqual([])
    await zh.context.close()
  })

  it("picks VMs in the fleet view within one cluster: the other clusters' rows cannot be picked then", async () => {
    const { page, problems, context } = await openOnLab()
    await page.getByTestId('fleet-open-view').click()
    await page.getByTestId('fleet-row').first().waitFor()
    // Both clusters answer in the merged list: Lab and the built-in Demo.
    await expect
      .poll(
        async () =>
          new Set(
            await page
              .getByTestId('fleet-row')
              .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-profile')))
          ).size
      )
      .toBe(2)
    const lab = page.locator(`[data-testid="fleet-row"][data-profile="${profileId}"]`)
    const others = page.locator(`[data-testid="fleet-row"]:not([data-profile="${profileId}"])`)
    await lab.nth(0).getByTestId('fleet-select').focus()
    await page.keyboard.press('Space')
    await expect.poll(() => page.getByTestId('batch-selected-count').textContent()).toBe('1 VM selected')
    expect(await others.first().getByTestId('fleet-select').isDisabled()).toBe(true)
    expect(await lab.nth(0).getByTestId('fleet-select').isChecked()).toBe(true)
    await settledScreenshot(page, 'batch-fleet-select')
    expect(await seriousViolations(page, 'fleet select', '[data-testid="fleet-table"] .data-grid')).toEqual(
      []
    )
    await page.getByTestId('batch-clear').click()
    await expect.poll(() => others.first().getByTestId('fleet-select').isDisabled()).toBe(false)
    expect(problems).toEqual([])
    await context.close()
  })

  it('drains a host from the host filter, reports it empty, enters and exits maintenance', async () => {
    // A connected, enabled host whose VMs are all plain running user VMs: the drain can empty it.
    const hosts = new Map<string, VmInventory[]>()
    for (const vm of sim.findVms((v) => !!v.hostUuid))
      hosts.set(vm.hostUuid!, [...(hosts.get(vm.hostUuid!) ?? []), vm])
    const [drainedUuid, onHost] = [...hosts].find(
      ([uuid, vms]) =>
        sim.host(uuid)?.state === 'Enabled' &&
        sim.host(uuid)?.status === 'Connected' &&
        vms.length >= 2 &&
        vms.every(isPlainlyMigratable) &&
        vms.every((vm) => submissions(vm.uuid) === 0)
    )!
    const drained = sim.host(drainedUuid)!
    const { page, problems, context } = await openOnLab()

    await page.getByTestId('vm-filter-host').click()
    await page.keyboard.type(drained.name)
    await page.locator('.n-base-select-option', { hasText: drained.name }).first().click()
    await page.getByTestId('drain-host').click()
    await runDrainToEmpty(page, drained.name, onHost.length)
    for (const vm of onHost) {
      const now = sim.vm(vm.uuid)!
      // Moved, never stopped.
      expect([now.state, now.hostUuid === drainedUuid]).toEqual(['Running', false])
      expect(submissions(vm.uuid)).toBe(1)
    }
    await settledScreenshot(page, 'drain-report')
    expect(await seriousViolations(page, 'drain report', '[data-testid="batch-dialog"]')).toEqual([])

    await enterMaintenance(page, sim, drainedUuid)
    await settledScreenshot(page, 'drain-maintenance-entered')

    await page.getByTestId('host-exit-maintenance').click()
    await page.locator('.n-dialog').getByRole('button', { name: 'Exit maintenance' }).click()
    await expect.poll(() => page.getByTestId('drain-host-state').getAttribute('data-state')).toBe('Enabled')
    expect(sim.host(drainedUuid)!.state).toBe('Enabled')
    await settledScreenshot(page, 'drain-maintenance-exited')
    expect(await seriousViolations(page, 'maintenance', '[data-testid="batch-dialog"]')).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })
})
