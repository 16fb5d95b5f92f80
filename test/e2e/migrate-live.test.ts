/// <reference lib="dom" />
// Migrations as long jobs, in Chromium through the web host: progress with an estimate, Cancel (too early and
// too late), Retry of a failed one, the requested destination, and Activity's honest rows (a stop too) and CSV export.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { MigrationPlan, MigrationRecord, VmInventory } from '../../src/shared/api'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { isPlainlyMigratable } from '../support/plain-migratable'
import { launchBrowser, openApp, screenshot } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { signInProfile } from './support/fleet-host'
import { simulatorProfile } from '../main/desk/support/desk-fixture'
import { openAppOn, pickMigratable, submitMigration } from './support/vm-list'

const AXE = readFileSync(join('node_modules', 'axe-core', 'axe.min.js'), 'utf8')

describe('migrations you can watch, stop and retry (own simulator with long jobs)', () => {
  let browser: Browser
  let host: AppHost
  let sim: RunningSimulator
  let profileId: string
  const dataDir = mkdtempSync(join(tmpdir(), 'zstack-desk-live-'))
  const used = new Set<string>()
  /** Every VM picked has this memory size, so each finished migration counts for the next one's estimate. */
  let memorySize = 0

  const options = {
    clientOptions: { pollBackoff: { initialMs: 200, maxMs: 400 } },
    migrationTiming: { retryDelayMs: 300, vmStateEveryPolls: 1 },
    dataDir
  }

  beforeAll(async () => {
    sim = await startSimulator({
      vms: 80,
      seed: 11,
      migrationDurationMs: 4000,
      progressReports: 4,
      switchOverMs: 3000
    })
    host = await startAppHost(options)
    profileId = await signInProfile(
      host.runtime.guarded.api,
      { ...simulatorProfile(sim, 'Lab'), timeoutMs: 30_000 },
      false
    )
    const sizes = new Map<number, number>()
    for (const vm of sim.findVms(isPlainlyMigratable))
      sizes.set(vm.memorySize, (sizes.get(vm.memorySize) ?? 0) + 1)
    memorySize = [...sizes].sort((a, b) => b[1] - a[1])[0]![0]
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await sim?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const migratableVm = () =>
    pickMigratable(
      host.runtime.guarded.api,
      profileId,
      sim.findVms((vm) => isPlainlyMigratable(vm) && vm.memorySize === memorySize),
      used
    )

  const submissionsFor = (vmUuid: string) =>
    sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vmUuid)

  async function records(): Promise<MigrationRecord[]> {
    const listed = await host.runtime.guarded.api.listMigrations({ profileId })
    if (!listed.ok) throw new Error(listed.error.message)
    return listed.data
  }

  const openOnLab = () => openAppOn(browser, host.url, profileId)

  /** Opens the app on Lab and submits a migration of `vm` to its first candidate through the dialog. */
  async function startMigration(vm: VmInventory, plan: MigrationPlan) {
    const opened = await openOnLab()
    const { page } = opened
    await page.setViewportSize({ width: 1440, height: 1200 })
    const target = plan.candidates[0]!.host
    await submitMigration(page, vm.name, target.name)
    await page.getByTestId('live-progress').waitFor()
    return { ...opened, target }
  }

  /** Serious and critical axe violations inside `selector` (what this feature draws), with their elements. */
  async function axeSerious(page: Page, selector: string): Promise<string[]> {
    // Fades and slides change colours while they run: check the settled screen.
    await page.waitForFunction(() =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)
    )
    // Evaluated through the debugging protocol: the app's CSP (script-src 'self') refuses an inline <script>.
    await page.evaluate(AXE)
    return page.evaluate(async (include) => {
      interface Violation {
        id: string
        impact: string
        nodes: { target: string[] }[]
      }
      const axe = (
        window as unknown as { axe: { run(context: unknown): Promise<{ violations: Violation[] }> } }
      ).axe
      // State tags (StateTag.vue, naive's n-tag) use the theme's state colours, shared by every screen: issue 18.
      const result = await axe.run({ include: [include], exclude: ['.state-tag', '.n-tag'] })
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
    }, selector)
  }

  async function confirmCancel(page: Page): Promise<void> {
    await page.getByTestId('migration-cancel').click()
    const confirm = page.locator('.n-dialog')
    await confirm.waitFor()
    expect(await confirm.textContent()).toContain(
      'Cancelling cannot undo a switch-over that has already happened'
    )
    await confirm.getByRole('button', { name: 'Cancel migration' }).click()
  }

  it('shows a failed migration with the destination asked, then retries it in one click as a new migration', async () => {
    const { vm, plan } = await migratableVm()
    sim.failNextMigration({
      code: 'HOST.1009',
      description: 'Failed to migrate the VM on the hypervisor',
      details: 'operation failed: migration job: unexpectedly failed'
    })
    const { page, problems, context, target } = await startMigration(vm, plan)
    await page.locator('[data-testid="migration-progress"][data-state="failed"]').waitFor()
    // The route is the one asked, not the VM's placement read after the failure.
    expect(await page.getByTestId('progress-route').textContent()).toBe(
      `From ${plan.current.hostName} to ${target.name}`
    )
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(plan.current.hostUuid)
    await screenshot(page, 'live-failed-requested-destination')

    await page.getByTestId('migration-retry').click()
    await page
      .locator('[data-testid="migration-progress"][data-state="succeeded"]')
      .waitFor({ timeout: 30_000 })
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(target.uuid)
    // One submission for the failed migration, one for its retry: never more.
    expect(submissionsFor(vm.uuid)).toHaveLength(2)
    const mine = (await records()).filter((r) => r.vmUuid === vm.uuid)
    expect(mine.map((r) => r.state).sort()).toEqual(['failed', 'succeeded'])
    expect(mine.find((r) => r.state === 'succeeded')?.retryOf).toBe(
      mine.find((r) => r.state === 'failed')?.id
    )
    expect(await page.getByTestId('compare-vmState').textContent()).toContain('Running')
    await screenshot(page, 'live-retried')
    expect(problems).toEqual([])
    await context.close()
  })

  it('cancels a migration during the transfer: Canceled, the VM still on its source host', async () => {
    const { vm, plan } = await migratableVm()
    const { page, problems, context } = await startMigration(vm, plan)
    await page.getByTestId('migration-cancel').waitFor()
    await confirmCancel(page)
    await page
      .locator('[data-testid="migration-progress"][data-state="canceled"]')
      .waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('migration-canceled').textContent()).toContain(
      `the VM stayed on ${plan.current.hostName}`
    )
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(plan.current.hostUuid)
    expect(sim.vm(vm.uuid)?.state).toBe('Running')
    expect(submissionsFor(vm.uuid)).toHaveLength(1)
    await page.getByTestId('migration-retry').waitFor()
    await screenshot(page, 'live-canceled')
    expect(problems).toEqual([])
    await context.close()
  })

  it('a cancel after the switch-over comes too late: the migration ends Succeeded on the destination', async () => {
    const { vm, plan } = await migratableVm()
    const { page, problems, context, target } = await startMigration(vm, plan)
    await page.locator('[data-testid="progress-bar"][data-percent="90"]').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('progress-stage').textContent()).toContain('switching over')
    await confirmCancel(page)
    await page
      .locator('[data-testid="migration-progress"][data-state="succeeded"]')
      .waitFor({ timeout: 30_000 })
    await page.getByTestId('cancel-too-late').waitFor()
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(target.uuid)
    expect(submissionsFor(vm.uuid)).toHaveLength(1)
    await screenshot(page, 'live-cancel-too-late')
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the percentage, the stage and an estimate from earlier migrations of similar memory; no polls', async () => {
    const { vm, plan } = await migratableVm()
    const { page, problems, context } = await startMigration(vm, plan)
    const bar = page.locator('[data-testid="progress-bar"]:not([data-percent="0"])')
    await bar.waitFor({ timeout: 30_000 })
    const percent = Number(await bar.getAttribute('data-percent'))
    expect(percent).toBeGreaterThan(0)
    expect(await page.getByTestId('progress-stage').textContent()).toContain(`${percent} %`)
    // Two migrations of this memory size succeeded above (the retry and the late cancel).
    expect(await page.getByTestId('progress-estimate').textContent()).toMatch(
      /left, going by 2 earlier migrations on this cluster of VMs with similar memory/
    )
    expect(await page.getByTestId('migration-progress').textContent()).not.toMatch(/poll/i)
    expect(await axeSerious(page, '[data-testid="live-progress"]')).toEqual([])
    await screenshot(page, 'live-progress-estimate')
    await page
      .locator('[data-testid="migration-progress"][data-state="succeeded"]')
      .waitFor({ timeout: 30_000 })
    expect(submissionsFor(vm.uuid)).toHaveLength(1)
    expect(problems).toEqual([])
    await context.close()
  })

  it('records a stop in Activity: the job state and the VM state before and after, labelled', async () => {
    const vm = sim.findVms((v) => isPlainlyMigratable(v) && !used.has(v.uuid))[0]!
    used.add(vm.uuid)
    const { page, problems, context } = await openOnLab()
    await page.setViewportSize({ width: 1440, height: 1200 })
    await page.getByTestId('vm-search').fill(vm.uuid)
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(1)
    const row = page.getByTestId('vm-row')
    await row.getByTestId('vm-action-stop').click()
    await page.getByRole('button', { name: 'Stop', exact: true }).last().click()
    await expect
      .poll(() => row.getByTestId('state-tag').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('Stopped')
    expect(sim.vm(vm.uuid)?.state).toBe('Stopped')

    await page.getByTestId('activity-button').click()
    const stop = page.locator(`[data-testid="activity-row"][data-kind="stop"][data-vm="${vm.name}"]`)
    await expect.poll(() => stop.getAttribute('data-state'), { timeout: 10_000 }).toBe('succeeded')
    expect(await stop.textContent()).toMatch(/Stop\s*Succeeded/)
    expect(await stop.getByTestId('row-vm-state').textContent()).toMatch(/VM\s*Running.*Stopped/)
    expect(await stop.getByTestId('row-route').textContent()).toContain('Lab · on ')
    // The state filter treats it as any record: a succeeded stop is not among the failed ones.
    await page.getByTestId('activity-filter-state').click()
    await page.locator('.n-base-select-option').getByText('Failed', { exact: true }).click()
    await expect.poll(() => stop.count()).toBe(0)
    await page.getByTestId('activity-filter-state').click()
    await page.locator('.n-base-select-option').getByText('All states', { exact: true }).click()
    await stop.waitFor()
    expect(await axeSerious(page, '.n-drawer')).toEqual([])
    await screenshot(page, 'live-activity-stop')
    const logged = await host.runtime.guarded.api.listVmActions({ profileId })
    if (!logged.ok) throw new Error(logged.error.message)
    expect(logged.data).toEqual([
      expect.objectContaining({ action: 'stop', vmUuid: vm.uuid, state: 'succeeded' })
    ])
    expect(problems).toEqual([])
    await context.close()
  })

  it('exports what Activity shows as CSV, with labelled job and VM states', async () => {
    const { page, problems, context } = await openOnLab()
    await page.getByTestId('activity-button').click()
    const rows = page.getByTestId('activity-row')
    // Five migrations and the stop above.
    await expect.poll(() => rows.count()).toBe(6)
    expect(
      await page
        .locator('[data-testid="activity-row"][data-kind="migrate"][data-state="succeeded"]')
        .first()
        .textContent()
    ).toMatch(/Migration\s*Succeeded.*VM\s*Running/)
    const download = page.waitForEvent('download')
    await page.getByTestId('activity-export-csv').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^zstack-desk-migrations-.*\.csv$/)
    const lines = readFileSync((await file.path())!, 'utf8')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'id,action,cluster,vm,vmUuid,state,fromHost,requestedHost,requestedHostUuid,hostAfter,vmStateBefore,vmStateAfter,createdAt,submittedAt,finishedAt,durationSeconds,jobUuid,errorCode,error'
    )
    expect(lines).toHaveLength(7)
    const cells = lines.slice(1).map((line) => line.split(','))
    // The migrations' states (column 5), and one stop.
    expect(
      cells
        .filter((c) => c[1] === 'migrate')
        .map((c) => c[5])
        .sort()
    ).toEqual(['canceled', 'failed', 'succeeded', 'succeeded', 'succeeded'])
    expect(lines.filter((l) => l.split(',')[1] === 'stop')).toEqual([
      expect.stringMatching(/,stop,Lab,.*,succeeded,.*,Running,Stopped,/)
    ])
    expect(lines.find((l) => l.includes(',failed,'))).toContain('HOST.1009')
    expect(await axeSerious(page, '.n-drawer')).toEqual([])
    await screenshot(page, 'live-activity-export')
    expect(problems).toEqual([])
    await context.close()
  })

  it('after a restart without a stored session, Activity says the migration waits for sign-in; a stopped back end is reported', async () => {
    const { vm, plan } = await migratableVm()
    sim.setOptions({ migrationDurationMs: 120_000 })
    const started = await host.runtime.guarded.api.migrateVm({
      profileId,
      vmUuid: vm.uuid,
      params: { hostUuid: plan.candidates[0]!.host.uuid }
    })
    if (!started.ok) throw new Error(started.error.message)
    await expect.poll(() => submissionsFor(vm.uuid).length).toBe(1)
    const signedOut = await host.runtime.guarded.api.signOut({ profileId })
    if (!signedOut.ok) throw new Error(signedOut.error.message)
    await host.close()
    host = await startAppHost(options)

    // Not opened on Lab: that would ask for its sign-in at once; Activity is where the admin finds it.
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('activity-button').click()
    const row = page.locator(`[data-testid="activity-row"][data-vm="${vm.name}"]`)
    await row.getByTestId('row-waiting-sign-in').waitFor({ timeout: 20_000 })
    expect(await row.getByTestId('row-waiting-sign-in').textContent()).toContain('Waiting for sign-in to Lab')
    expect(await row.getByTestId('row-timing').textContent()).toBe('not being followed')
    await screenshot(page, 'live-activity-waiting-sign-in')
    await row.getByTestId('row-sign-in').click()
    await page.getByTestId('sign-in-dialog').waitFor()
    await page.keyboard.press('Escape')

    // The web host goes away: the page says so within seconds.
    const stoppedAt = Date.now()
    await host.web.close()
    await page.getByTestId('backend-lost').waitFor({ timeout: 10_000 })
    expect(Date.now() - stoppedAt).toBeLessThan(10_000)
    expect(await row.getByTestId('row-timing').textContent()).toMatch(/state unknown since/)
    await screenshot(page, 'live-backend-lost')
    // The browser's failed reconnects are console errors of their own; the page itself threw nothing.
    expect(problems.filter((p) => p.startsWith('page:'))).toEqual([])
    await context.close()
    expect(submissionsFor(vm.uuid)).toHaveLength(1)
  })
})
