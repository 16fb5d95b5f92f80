/// <reference lib="dom" />
// The migrate workflow on the built-in Demo cluster, in Chromium through the web host, as a user clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { MigrationPlan } from '../../src/shared/api'
import type { RunningSimulator } from '../../src/simulator'
import { plainlyMigratableOn } from '../support/plain-migratable'
import { seriousViolations } from './support/axe'
import { launchBrowser, openApp, screenshot } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { findVmRow, pickMigratable } from './support/vm-list'

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
  const migratableVm = () =>
    pickMigratable(
      host.runtime.guarded.api,
      DEMO,
      sim.findVms(plainlyMigratableOn(sim)),
      used,
      (plan) => plan.candidates.length >= 2 && plan.others.length >= 1
    )

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

  async function openMigrate(page: Page, name: string): Promise<void> {
    const row = await findVmRow(page, name)
    await row.getByTestId('vm-action-migrate').click()
    await page.getByTestId('host-picker').waitFor()
  }

  /** Whether a click at the centre of the dialog's close button lands on it (nothing drawn over it). */
  function closeButtonUncovered(page: Page): Promise<boolean> {
    return page.getByTestId('dialog-close').evaluate((button) => {
      const box = button.getBoundingClientRect()
      const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
      return !!top && button.contains(top)
    })
  }

  /** The hosts of a list the dialog's search keeps: name, IP, uuid or cluster containing the text. */
  const matching = (options: MigrationPlan['candidates'], text: string) =>
    options.filter(({ host: h, clusterName }) =>
      [h.name, h.managementIp, h.uuid, clusterName ?? ''].some((v) => v.toLowerCase().includes(text))
    ).length

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
    // The dialog shows its own migration's result: no toast (it sat over the dialog's close button).
    expect(await page.locator('.n-notification').count()).toBe(0)
    expect(await closeButtonUncovered(page)).toBe(true)
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
    const row = await findVmRow(page, stopped.name)
    expect(await row.getByTestId('vm-action-migrate').isDisabled()).toBe(true)
    await row.getByTestId('vm-migrate-blocked').hover()
    await page.getByText(`this one is Stopped`).waitFor()

    // Someone else stops a VM after this window listed it as Running.
    const { vm } = await migratableVm()
    const running = await findVmRow(page, vm.name)
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

  it('gives the candidates the room, explains the bars and the excluded hosts, and counts what the search shows', async () => {
    const { vm, plan } = await migratableVm()
    const { page, problems, context } = await openApp(browser, host.url)
    await page.setViewportSize({ width: 1280, height: 860 })
    await openMigrate(page, vm.name)
    const dialog = page.getByTestId('migrate-dialog')
    // The height each table's rows may take before they scroll (the row group's bound).
    const bound = (testId: string) =>
      dialog
        .getByTestId(testId)
        .evaluate((grid) =>
          parseFloat(grid.querySelector<HTMLElement>('[style*="max-height"]')!.style.maxHeight)
        )
    const [candidatesRoom, excludedRoom] = [await bound('host-candidates'), await bound('host-others')]
    // 860 px of window: the candidates get what the frame leaves (360 px, 6 rows), the excluded hosts 150 px.
    expect(candidatesRoom).toBe(360)
    expect(excludedRoom).toBe(150)
    // Every candidate in that room is drawn whole, without scrolling the list.
    const whole = await dialog.getByTestId('host-candidates').evaluate((grid) => {
      const view = grid.querySelector('.body')!.getBoundingClientRect()
      return [...grid.querySelectorAll('[data-testid="host-candidate"]')].filter((row) => {
        const box = row.getBoundingClientRect()
        return box.top >= view.top - 1 && box.bottom <= view.bottom + 1
      }).length
    })
    expect(whole).toBe(Math.min(plan.candidates.length, Math.floor(candidatesRoom / 57)))

    const legend = dialog.getByTestId('capacity-legend')
    expect(await legend.locator('li').allTextContents()).toEqual([
      'in use',
      'this VM, fits',
      'this VM, does not fit',
      'free'
    ])
    expect(await dialog.getByTestId('host-others-hint').textContent()).toContain(
      `The other hosts of zone ${plan.current.zoneName}`
    )
    expect(await dialog.getByTestId('host-candidates-title').textContent()).toBe(
      `Candidate hosts (${plan.candidates.length})`
    )
    await screenshot(page, 'migrate-room-legend')
    expect(await seriousViolations(page, 'migrate-room-legend', '[data-testid="migrate-dialog"]')).toEqual([])

    const needle = plan.candidates[0]!.host.name.toLowerCase()
    await dialog.getByTestId('host-search').locator('input').fill(needle)
    const [shown, shownOthers] = [matching(plan.candidates, needle), matching(plan.others, needle)]
    await expect
      .poll(() => dialog.getByTestId('host-candidates-title').textContent())
      .toBe(`Candidate hosts (${shown} of ${plan.candidates.length} match)`)
    expect(await page.getByTestId('host-candidate').count()).toBe(shown)
    expect(await dialog.getByTestId('host-others-title').textContent()).toBe(
      `Hosts in the VM’s zone that cannot take it (${shownOthers} of ${plan.others.length} match)`
    )
    await page.getByTestId('migrate-cancel').click()
    await page.getByTestId('migrate-dialog').waitFor({ state: 'detached' })
    expect(problems).toEqual([])
    await context.close()
  })

  it('asks before Esc discards a filled form; Esc on the question keeps every choice', async () => {
    const { vm, plan } = await migratableVm()
    used.delete(vm.uuid)
    const { page, problems, context } = await openApp(browser, host.url)
    await openMigrate(page, vm.name)
    const target = plan.candidates[0]!.host
    await page.locator(`[data-testid="host-candidate"][data-host-name="${target.name}"]`).click()
    await page.getByTestId('downtime-input').locator('input').fill('800')
    await page.keyboard.press('Escape')
    const question = page.locator('.n-dialog').filter({ hasText: 'Discard this migration?' })
    await question.waitFor()
    // The question takes the focus, so Enter or Esc answers it, not the form under it.
    await expect.poll(() => question.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    await screenshot(page, 'migrate-discard-confirm')
    expect(await seriousViolations(page, 'migrate-discard-confirm', '.n-dialog')).toEqual([])

    await page.keyboard.press('Escape')
    await question.waitFor({ state: 'detached' })
    expect(await page.getByTestId('migrate-dialog').isVisible()).toBe(true)
    expect(JSON.parse((await page.getByTestId('request-json').textContent())!)).toEqual({
      migrateVm: { hostUuid: target.uuid, downTime: 800 }
    })

    await page.keyboard.press('Escape')
    await question.getByRole('button', { name: 'Discard' }).click()
    await page.getByTestId('migrate-dialog').waitFor({ state: 'detached' })
    expect(submissionsFor(vm.uuid)).toHaveLength(0)

    // An untouched form closes on Esc at once.
    await openMigrate(page, vm.name)
    await page.keyboard.press('Escape')
    await page.getByTestId('migrate-dialog').waitFor({ state: 'detached' })
    expect(await page.locator('.n-dialog').count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it("refuses, before submitting, a strategy the node's version does not accept (5.2.1: auto-converge only)", async () => {
    const { vm, plan } = await migratableVm()
    used.delete(vm.uuid)
    expect(plan.nodeVersion).toBe('5.2.1')
    const { page, problems, context } = await openApp(browser, host.url)
    await page.setViewportSize({ width: 1280, height: 1000 })
    await openMigrate(page, vm.name)
    const field = page.getByTestId('field-strategy')
    expect(await field.textContent()).toContain(
      'This node runs ZStack 5.2.1, which accepts no other strategy.'
    )
    await page
      .locator(`[data-testid="host-candidate"][data-host-name="${plan.candidates[0]!.host.name}"]`)
      .click()
    await page.getByTestId('strategy-select').click()
    await page.keyboard.type('no-converge')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => field.textContent())
      .toContain('This node runs ZStack 5.2.1, which accepts only auto-converge: choose it or the default.')
    expect(await page.getByTestId('migrate-submit').isDisabled()).toBe(true)
    expect(await page.getByTestId('migrate-block-reason').textContent()).toContain(
      'Fix the fields marked in red'
    )
    expect(JSON.parse((await page.getByTestId('request-json').textContent())!)).toEqual({
      migrateVm: { hostUuid: plan.candidates[0]!.host.uuid }
    })
    await page.getByTestId('request-json').scrollIntoViewIfNeeded()
    await screenshot(page, 'migrate-strategy-refused')
    expect(
      await seriousViolations(page, 'migrate-strategy-refused', '[data-testid="migrate-dialog"]')
    ).toEqual([])
    await page.getByTestId('strategy-select').click()
    await page
      .locator('.n-base-select-option')
      .filter({ hasText: /^auto-converge$/ })
      .click()
    await expect.poll(() => page.getByTestId('migrate-submit').isDisabled()).toBe(false)
    await page.getByTestId('migrate-cancel').click()
    await page.getByTestId('migrate-dialog').waitFor({ state: 'detached' })
    expect(submissionsFor(vm.uuid)).toHaveLength(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it('holds the success toast of another migration while the dialog is open, then shows it', async () => {
    const { vm } = await migratableVm()
    const other = await migratableVm()
    used.delete(vm.uuid)
    const { page, problems, context } = await openApp(browser, host.url)
    await page.setViewportSize({ width: 1280, height: 800 })
    await openMigrate(page, vm.name)
    const sent = await host.runtime.guarded.api.migrateVm({
      profileId: DEMO,
      vmUuid: other.vm.uuid,
      params: { hostUuid: other.plan.candidates[0]!.host.uuid }
    })
    expect(sent.ok).toBe(true)
    await expect
      .poll(() => page.getByTestId('activity-badge').textContent(), { timeout: 10_000 })
      .toContain('1')
    await expect
      .poll(() => sim.vm(other.vm.uuid)?.hostUuid, { timeout: 20_000 })
      .toBe(other.plan.candidates[0]!.host.uuid)
    await expect
      .poll(() => host.runtime.guarded.api.listMigrations({ profileId: DEMO }), { timeout: 20_000 })
      .toMatchObject({
        ok: true,
        data: expect.arrayContaining([expect.objectContaining({ vmUuid: other.vm.uuid, state: 'succeeded' })])
      })
    // The window heard of the end (nothing runs any more) and kept the toast back.
    await expect
      .poll(() => page.getByTestId('activity-badge').locator('.n-badge-sup').count(), { timeout: 20_000 })
      .toBe(0)
    expect(await page.locator('.n-notification').count()).toBe(0)
    expect(await closeButtonUncovered(page)).toBe(true)
    await page.getByTestId('migrate-cancel').click()
    await page
      .locator('.n-notification')
      .filter({ hasText: `${other.vm.name} migrated` })
      .waitFor()
    expect(submissionsFor(vm.uuid)).toHaveLength(0)
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
