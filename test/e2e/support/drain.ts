// The drain dialog, once opened for a host: its plan has a row per VM on it, runs, and reports the host empty;
// then maintenance, offered on the report of an emptied host.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningSimulator } from '../../../src/simulator'

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

/** From the report of an emptied host: enters maintenance, which the dialog and the simulator then both show. */
export async function enterMaintenance(page: Page, sim: RunningSimulator, hostUuid: string): Promise<void> {
  await page.getByTestId('host-enter-maintenance').click()
  await page.locator('.n-dialog').getByRole('button', { name: 'Enter maintenance' }).click()
  await expect.poll(() => page.getByTestId('drain-host-state').getAttribute('data-state')).toBe('Maintenance')
  expect(sim.host(hostUuid)!.state).toBe('Maintenance')
}
