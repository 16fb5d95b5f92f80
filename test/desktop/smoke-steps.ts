/// <reference lib="dom" />
// The smoke test's walk through the app, as a user clicks it: the same steps in Electron or in Chromium.
import type { Page } from 'playwright-core'

const DEMO = 'demo'
const STEP_TIMEOUT_MS = 60_000

export interface SmokeReport {
  vmName: string
  target: string
  curl: string
}

function step(log: (line: string) => void, name: string): void {
  log(`smoke: ${name}`)
}

/** Signs in to the Demo when asked (a fresh data folder signs in by itself), and waits for its VM rows. */
async function demoRows(page: Page, log: (line: string) => void): Promise<void> {
  step(log, 'sign in to the Demo cluster')
  const demo = page.locator(`[data-testid="profile-item"][data-profile-id="${DEMO}"]`)
  await demo.waitFor({ timeout: STEP_TIMEOUT_MS })
  if ((await demo.getAttribute('data-session-status')) !== 'signed-in') {
    await demo.click()
    await page.getByTestId('sign-in-password').fill('password')
    await page.getByTestId('sign-in-submit').click()
    await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS })
  }
  await page
    .locator(`[data-testid="profile-item"][data-profile-id="${DEMO}"][data-session-status="signed-in"]`)
    .waitFor({ timeout: STEP_TIMEOUT_MS })
  step(log, 'list VMs')
  await demo.click()
  await page
    .locator(`[data-testid="vm-list"][data-profile-id="${DEMO}"]`)
    .waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.getByTestId('vm-row').first().waitFor({ timeout: STEP_TIMEOUT_MS })
}

async function inspectFirst(page: Page, log: (line: string) => void): Promise<void> {
  step(log, 'open the inspector')
  const row = page.getByTestId('vm-row').first()
  const name = (await row.getByTestId('vm-name').textContent())?.trim()
  await row.getByTestId('vm-action-inspect').click()
  await page
    .locator('[data-testid="inspector-body"][data-loaded="true"]')
    .waitFor({ timeout: STEP_TIMEOUT_MS })
  const title = (await page.getByTestId('inspector-title').textContent())?.trim()
  if (!name || !title?.startsWith(name))
    throw new Error(`the inspector shows "${title}", not the VM "${name}"`)
  await page.keyboard.press('Escape')
  await page.getByTestId('inspector').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS })
}

/** Opens the migrate dialog of the first VM that has a host to go to; closes the others' dialogs again. */
async function openMigratable(page: Page): Promise<string> {
  const buttons = page.locator('[data-testid="vm-action-migrate"]:not([disabled])')
  const count = await buttons.count()
  for (let i = 0; i < count; i++) {
    const row = page
      .getByTestId('vm-row')
      .filter({ has: page.locator('[data-testid="vm-action-migrate"]:not([disabled])') })
      .nth(i)
    const name = (await row.getByTestId('vm-name').textContent())?.trim() ?? ''
    await row.getByTestId('vm-action-migrate').click()
    const dialog = page.getByTestId('migrate-dialog')
    await dialog.waitFor({ timeout: STEP_TIMEOUT_MS })
    const ready = page.locator(
      '[data-testid="host-candidate"], [data-testid="migrate-blocked"], [data-testid="migrate-plan-error"], [data-testid="host-problem"]'
    )
    await ready.first().waitFor({ timeout: STEP_TIMEOUT_MS })
    if ((await page.getByTestId('host-candidate').count()) > 0) return name
    await page.getByTestId('migrate-cancel').click()
    await dialog.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS })
  }
  throw new Error(`none of the ${count} VMs on the first page has a host to migrate to`)
}

/** The walk; `readClipboard` reads the system clipboard the copy button wrote to. */
export async function walkTheApp(
  page: Page,
  readClipboard: () => Promise<string>,
  log: (line: string) => void = console.log
): Promise<SmokeReport> {
  await demoRows(page, log)
  await inspectFirst(page, log)

  step(log, 'migrate one VM')
  const vmName = await openMigratable(page)
  const candidate = page.getByTestId('host-candidate').first()
  const target = (await candidate.getAttribute('data-host-name')) ?? ''
  await candidate.click()
  await page.locator('[data-testid="migrate-submit"]:not([disabled])').waitFor({ timeout: STEP_TIMEOUT_MS })

  step(log, 'copy the request as cURL')
  const shown = (await page.getByTestId('request-curl').textContent()) ?? ''
  await page.getByTestId('copy-curl').click()
  let curl = ''
  for (const started = Date.now(); curl !== shown;) {
    if (Date.now() - started > 10_000)
      throw new Error(`the clipboard holds "${curl.slice(0, 80)}", not the cURL command shown in the dialog`)
    curl = await readClipboard()
    if (curl !== shown) await page.waitForTimeout(100)
  }
  if (!/^curl /.test(curl) || !curl.includes('/v1/vm-instances/'))
    throw new Error(`the copied text is not the migrate request: ${curl.slice(0, 120)}`)

  await page.getByTestId('migrate-submit').click()
  step(log, `follow the migration of ${vmName} to ${target} to its end`)
  const progress = page.locator(
    '[data-testid="migration-progress"][data-state="succeeded"], [data-testid="migration-progress"][data-state="failed"]'
  )
  await progress.waitFor({ timeout: 180_000 })
  if ((await progress.getAttribute('data-state')) !== 'succeeded') {
    const why = await page
      .getByTestId('migration-failure')
      .textContent()
      .catch(() => '')
    throw new Error(`the migration of ${vmName} failed: ${why}`)
  }
  const landed = (await page.getByTestId('result-host').textContent())?.trim()
  if (landed !== target) throw new Error(`the VM landed on "${landed}", not on the chosen host "${target}"`)
  return { vmName, target, curl }
}
