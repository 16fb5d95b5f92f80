// Opens every screen of the app in turn (list, each inspector tab, migrate dialog, batch dialog, profile form,
// Activity, fleet view, fleet health), each settled and photographed, and hands it to `check`: the accessibility and
// language walks share it.
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
  return found
}
