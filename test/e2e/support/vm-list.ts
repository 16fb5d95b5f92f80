// The VM list as the migration tests use it: a VM picked by its plan, the app opened on one cluster, the VM found by
// its name, a migration submitted.
import { expect } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import type { DeskApi, MigrationPlan } from '../../../src/shared/api'
import { openApp, type OpenedApp } from './browser'

/**
 * The first of `vms` not in `used` whose migration plan `fits` (by default: it has a candidate), with that plan; it
 * is added to `used`, so each test of a file moves a VM of its own.
 */
export async function pickMigratable<Vm extends { uuid: string }>(
  api: DeskApi,
  profileId: string,
  vms: Vm[],
  used: Set<string>,
  fits: (plan: MigrationPlan) => boolean = (plan) => plan.candidates.length >= 1
): Promise<{ vm: Vm; plan: MigrationPlan }> {
  for (const vm of vms.filter((v) => !used.has(v.uuid))) {
    const plan = await api.getMigrationPlan({ profileId, vmUuid: vm.uuid })
    if (plan.ok && fits(plan.data)) {
      used.add(vm.uuid)
      return { vm, plan: plan.data }
    }
  }
  throw new Error(`No VM of ${profileId} left whose migration plan fits (${vms.length} looked at).`)
}

/** Opens the app on the cluster `profileId`, as a user who used it last time. */
export async function openAppOn(
  browser: Browser,
  url: string,
  profileId: string,
  options: Parameters<typeof openApp>[2] = {}
): Promise<OpenedApp> {
  const opened = await openApp(browser, 'about:blank', options)
  await opened.context.addInitScript((id) => {
    localStorage.setItem('zstack-desk.clusters', JSON.stringify({ selectedProfileId: id }))
  }, profileId)
  await opened.page.goto(url)
  return opened
}

/** Searches the list for `name` and gives the row of the VM so named. */
export async function findVmRow(page: Page, name: string): Promise<Locator> {
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

/** Opens the migrate dialog on the VM `vmName`, chooses the host `targetName` and submits. */
export async function submitMigration(page: Page, vmName: string, targetName: string): Promise<void> {
  const row = await findVmRow(page, vmName)
  await row.getByTestId('vm-action-migrate').click()
  await page.locator(`[data-testid="host-candidate"][data-host-name="${targetName}"]`).click()
  await page.getByTestId('migrate-submit').click()
}
