// The drain dialog, once opened for a host: its plan has a row per VM on it, runs, and reports the host empty.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'

export async function runDrainToEmpty(page: Page, hostName: string, vmsOnHost: number): Promise<void> {
  await page.getByTestId('drain-plan').waitFor()
  await expect.poll(() => page.getByTestId('plan-row').count()).toBe(vmsOnHost)
  expect(await page.getByTestId('batch-dialog').getByTestId('dialog-title').textContent()).toContain(
    `Drain host ${hostName}`
  )
  await page.getByTestId('batch-run').click()
  await page.getByTestId('batch-report').waitFor({ timeout: 90_000 })
  await expect.poll(() => page.getByTestId('drain-outcome').getAttribute('data-empty')).toBe('true')
}
