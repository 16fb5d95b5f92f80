// Opens every screen of the app in turn (list, each inspector tab, migrate dialog, batch dialog, profile form,
// Activity, fleet view, fleet health with a cluster's hosts, a drain plan, the signed-out panel and the sign-in
// dialog), each settled and photographed, and hands it to `check`: the accessibility and language walks share it.
// It leaves the app as it found it: the cluster it signs out of is signed in again.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { settledScreenshot } from './browser'

export async function walkScreens(
  page: Page,
  name: string,
  check: (screen: string) => Promise<string[]>
): Promise<string[]> {
  const found: string[] = []
  const visit = async (screen: string, shot: string): Promise<void> => {
    await settledScreenshot(page, `${name}-${shot}`)
    found.push(...(await check(screen)))
  }
  await page.getByTestId('vm-row').first().waitFor()
  const listed = (await page.getByTestId('vm-list').getAttribute('data-profile-id'))!
  await visit('VM list', 'list')

  await page.getByTestId('vm-action-inspect').first().click()
  await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
  const tabs = page.locator('[data-testid="inspector"] [role="tab"]')
  // Overview, NICs, Volumes, Raw JSON, Metrics.
  expect(await tabs.count()).toBe(5)
  for (let i = 0; i < 5; i++) {
    await tabs.nth(i).click()
    await expect.poll(() => tabs.nth(i).getAttribute('aria-selected')).toBe('true')
    if (i === 4) await page.locator('[data-testid="metrics-charts"] [data-painted="true"]').first().waitFor()
    await visit(`inspector tab ${i + 1}`, `inspector-${i + 1}`)
  }
  await page.keyboard.press('Escape')
  await page.getByTestId('inspector').waitFor({ state: 'hidden' })

  const running = page
    .getByTestId('vm-row')
    .filter({ has: page.locator('[data-testid="state-tag"][data-state="Running"]') })
    .first()
  await running.getByTestId('vm-action-migrate').click()
  await page.getByTestId('host-picker').waitFor()
  // The host picker with its load sparklines drawn.
  await page.getByTestId('host-load').first().waitFor()
  await visit('migrate dialog', 'migrate')
  await page.getByTestId('migrate-dialog').getByTestId('dialog-close').click()
  await page.getByTestId('migrate-dialog').waitFor({ state: 'hidden' })

  // Two running VMs picked: the selection bar, then the batch dialog with its plan.
  const runningRows = page
    .getByTestId('vm-row')
    .filter({ has: page.locator('[data-testid="state-tag"][data-state="Running"]') })
  for (let i = 0; i < 2; i++) await runningRows.nth(i).getByTestId('vm-select').check()
  await page.getByTestId('batch-migrate').click()
  await page.getByTestId('batch-plan').getByTestId('plan-row').first().waitFor()
  await visit('batch dialog', 'batch')
  await page.getByTestId('batch-dialog').getByTestId('dialog-close').click()
  await page.getByTestId('batch-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('batch-clear').click()
  await page.getByTestId('batch-selection').waitFor({ state: 'hidden' })

  await page.getByTestId('profile-add').click()
  await page.getByTestId('profile-name').waitFor()
  await visit('profile form', 'profile-form')
  await page.getByTestId('profile-cancel').click()
  await page.getByTestId('profile-form').waitFor({ state: 'hidden' })

  await page.getByTestId('activity-button').click()
  await page.getByTestId('activity-filters').waitFor()
  await visit('Activity', 'activity')
  await page.keyboard.press('Escape')
  await page.getByTestId('activity-filters').waitFor({ state: 'hidden' })

  await page.getByTestId('fleet-open-view').click()
  await page.locator('[data-testid="fleet-view"][data-loading="false"]').waitFor()
  await page.getByTestId('fleet-row').first().waitFor()
  await visit('fleet view', 'fleet')

  await page.getByTestId('fleet-open-health').click()
  await page.locator('[data-testid="fleet-health"][data-loading="false"]').waitFor()
  await page.getByTestId('fleet-health-row').first().waitFor()
  await visit('fleet health', 'fleet-health')

  // The listed cluster's hosts, then the drain plan of the first host that can be drained.
  const health = page.locator(`[data-testid="fleet-health-row"][data-profile="${listed}"]`)
  await health.getByTestId('fleet-health-host-toggle').click()
  const hosts = page.locator(`[data-testid="fleet-hosts"][data-profile="${listed}"]`)
  await expect.poll(() => hosts.getAttribute('data-loading')).toBe('false')
  await hosts.getByTestId('fleet-host-row').first().waitFor()
  await visit('fleet health hosts', 'fleet-hosts')
  await hosts.locator('[data-testid="drain-host"]:not([disabled])').first().click()
  await page.getByTestId('drain-plan').waitFor()
  await visit('drain plan', 'drain-plan')
  await page.getByTestId('batch-dialog').getByTestId('dialog-close').click()
  await page.getByTestId('batch-dialog').waitFor({ state: 'hidden' })

  // Signed out of the listed cluster, then its sign-in dialog; signed in again.
  await page.locator(`[data-testid="profile-item"][data-profile-id="${listed}"]`).click()
  await page.getByTestId('vm-row').first().waitFor()
  await page.getByTestId('vm-sign-out').click()
  await page.getByTestId('workspace-signed-out').waitFor()
  await visit('signed out', 'signed-out')
  await page.getByTestId('workspace-sign-in').click()
  await page.getByTestId('sign-in-password').waitFor()
  await visit('sign-in dialog', 'sign-in')
  await page.getByTestId('sign-in-password').fill('password')
  await page.getByTestId('sign-in-submit').click()
  await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' })
  await page.getByTestId('vm-row').first().waitFor()
  return found
}
