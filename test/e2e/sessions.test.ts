/// <reference lib="dom" />
// Sessions as a user meets them: one that expires on the server, and a cluster that stops answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSimulator } from '../../src/simulator'
import type { RunningSimulator } from '../../src/simulator'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

describe('sessions in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let sim: RunningSimulator
  let simStopped = false

  beforeAll(async () => {
    sim = await startSimulator({ vms: 80, seed: 11 })
    host = await startAppHost({ demoSimulator: { vms: 20 } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    if (!simStopped) await sim?.stop()
  })

  async function addAndSignIn(page: Page, name: string): Promise<string> {
    await page.getByTestId('profile-add').click()
    await page.getByTestId('profile-name').fill(name)
    await page.getByTestId('profile-host').fill('127.0.0.1')
    await page.getByTestId('profile-port').fill(String(sim.port))
    await page.getByTestId('profile-save').click()
    await page.getByTestId('sign-in-password').fill('password')
    await page.getByTestId('sign-in-submit').click()
    await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' })
    const item = page.getByTestId('profile-item').filter({ hasText: name })
    const id = (await item.getAttribute('data-profile-id'))!
    await expect.poll(() => page.getByTestId('vm-list').getAttribute('data-profile-id')).toBe(id)
    await page.getByTestId('vm-row').first().waitFor()
    return id
  }

  /** The admin clicks a Sign in button (by test id) and signs in through the dialog it opens. */
  async function signInFrom(page: Page, button: string): Promise<void> {
    await page.getByTestId(button).click()
    await page.getByTestId('sign-in-password').fill('password')
    await page.getByTestId('sign-in-submit').click()
    await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' })
  }

  const status = (page: Page, id: string) =>
    page.locator(`[data-testid="profile-item"][data-profile-id="${id}"]`).getAttribute('data-session-status')

  it('an expired session shows a banner; the password is asked on the Sign in click; page and filters stay', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const id = await addAndSignIn(page, 'Expiring')

    // The user's place: a state filter and page 2.
    await page.getByTestId('vm-filter-state').click()
    await page.locator('.n-base-select-option', { hasText: /^Running$/ }).click()
    await page.keyboard.press('Escape')
    await page.locator('.n-pagination-item', { hasText: /^2$/ }).click()
    // Page 2 is marked at once; its rows are there once the list is no longer busy (read in that order).
    await expect
      .poll(
        async () =>
          `${await page.locator('.n-pagination-item--active').textContent()} ${await page.getByTestId('vm-refresh').getAttribute('aria-busy')}`
      )
      .toBe('2 false')
    const pageTwo = await page.getByTestId('vm-name').allTextContents()

    sim.expireSessions()
    await page.getByTestId('vm-refresh').click()
    await page.getByTestId('vm-list-expired').waitFor()
    await expect.poll(() => status(page, id)).toBe('expired')
    // A background answer never opens a dialog; the rows on screen stay under the banner.
    expect(await page.getByTestId('sign-in-dialog').count()).toBe(0)
    expect(await page.getByTestId('vm-name').allTextContents()).toEqual(pageTwo)
    await snap(page, 'session-expired-banner')

    await page.getByTestId('vm-list-sign-in-again').click()
    await page.getByTestId('sign-in-expired').waitFor()
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('sign-in-password')
    await snap(page, 'session-expired')

    await page.getByTestId('sign-in-password').fill('password')
    await page.getByTestId('sign-in-submit').click()
    await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' })
    await page.getByTestId('vm-list-expired').waitFor({ state: 'detached' })
    await expect.poll(() => status(page, id)).toBe('signed-in')
    expect(await page.locator('.n-pagination-item--active').textContent()).toBe('2')
    expect(await page.getByTestId('vm-filter-state').textContent()).toContain('Running')
    expect(await page.getByTestId('vm-name').allTextContents()).toEqual(pageTwo)
    const states = await page
      .getByTestId('state-tag')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-state')))
    expect(new Set(states)).toEqual(new Set(['Running']))
    expect(problems).toEqual([])
    await context.close()
  })

  it('typing continues into the search box while the session expires', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const id = await addAndSignIn(page, 'Typing')
    const search = page.getByTestId('vm-search')
    await search.click()
    await page.keyboard.type('vm-')

    sim.expireSessions()
    // Each keystroke's search is answered SESSION_EXPIRED while the admin keeps typing.
    await page.keyboard.type('no-such', { delay: 40 })
    await page.getByTestId('vm-list-expired').waitFor()
    await expect.poll(() => status(page, id)).toBe('expired')
    await page.keyboard.type('-name')
    await page.keyboard.press('Enter')

    expect(await search.inputValue()).toBe('vm-no-such-name')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('vm-search')
    expect(await page.getByTestId('sign-in-dialog').count()).toBe(0)
    await snap(page, 'session-expired-while-typing')

    // The dialog opens on the admin's click, and takes the keyboard only then.
    await signInFrom(page, 'vm-list-sign-in-again')
    await expect.poll(() => status(page, id)).toBe('signed-in')
    expect(await search.inputValue()).toBe('vm-no-such-name')

    // In the inspector (whose drawer hides the list's banner) the same: a Sign in button, no dialog by itself.
    await search.fill('')
    const row = page.getByTestId('vm-row').first()
    await row.waitFor()
    sim.expireSessions()
    await row.getByTestId('vm-action-inspect').click()
    await page.getByTestId('inspector-sign-in').waitFor()
    expect(await page.getByTestId('sign-in-dialog').count()).toBe(0)
    await snap(page, 'session-expired-inspector')
    await signInFrom(page, 'inspector-sign-in')
    // Signed in again, the inspector reads the VM without another click.
    await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
    expect(await page.getByTestId('inspector-error').count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it('a cluster that stops answering keeps its last rows, marked stale, with a Retry', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const id = await addAndSignIn(page, 'Going away')
    const before = await page.getByTestId('vm-name').allTextContents()

    await sim.stop()
    simStopped = true
    await page.getByTestId('vm-refresh').click()
    const stale = page.getByTestId('vm-list-stale')
    await stale.waitFor()
    expect(await stale.textContent()).toMatch(/Showing data from \d{1,2}:\d{2}( [AP]M)?, cluster unreachable/)
    expect(await page.getByTestId('vm-name').allTextContents()).toEqual(before)
    await expect.poll(() => status(page, id)).toBe('unreachable')
    await snap(page, 'vm-list-stale')

    // Retry while it is still down: still stale, nothing lost.
    await page.getByTestId('vm-list-retry').click()
    await expect.poll(() => page.getByTestId('vm-refresh').getAttribute('class')).not.toContain('loading')
    await stale.waitFor()
    expect(await page.getByTestId('vm-name').allTextContents()).toEqual(before)
    expect(problems).toEqual([])
    await context.close()
  })
})
