/// <reference lib="dom" />
// axe-core on every screen, light and dark: no serious or critical violation; inspector tabs by keyboard;
// the mark of a profile that does not verify TLS (issue 17.8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { signInProfile } from './support/fleet-host'
import { seriousViolations } from './support/axe'
import { walkScreens } from './support/walk-screens'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { simulatorProfile } from '../main/desk/support/desk-fixture'
import { startFrontServer, type FrontServer } from '../main/zstack/support/front-server'
import { makeTestCerts, type TestCerts } from '../main/zstack/support/tls-certs'

describe('accessibility (axe-core) in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let insecureId = ''
  let sim: RunningSimulator
  let certs: TestCerts
  let front: FrontServer

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: 30 } })
    // A signed-in profile that opts out of TLS verification, behind a self-signed HTTPS front: its sidebar entry and
    // its list header carry the insecure mark.
    sim = await startSimulator({ vms: 6, seed: 18 })
    certs = makeTestCerts()
    front = await startFrontServer({ target: sim.url, tls: certs.selfSigned })
    const api = host.runtime.guarded.api
    const base = simulatorProfile(sim, 'Lab without TLS checks')
    insecureId = await signInProfile(
      api,
      { ...base, endpoint: { ...base.endpoint, scheme: 'https', port: front.port }, tls: { verify: false } },
      false
    )
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await front?.close()
    await sim?.stop()
    certs?.dispose()
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(
      `whole screens have no serious or critical violation: list, inspector, migrate, batch, profile form, Activity, fleet, fleet health, drain plan, sign-in (${scheme})`,
      { timeout: 180_000 },
      async () => {
        const { page, problems, context } = await openApp(browser, host.url, { colorScheme: scheme })
        await page.getByTestId('insecure-mark').first().waitFor()
        // The whole page each time (html): sidebar, header, list and pager count, not only the part that changed;
        // measured after the settled screenshot, so no fade is caught half-way.
        const found = await walkScreens(page, `a11y-${scheme}`, (screen) => seriousViolations(page, screen))
        expect(found).toEqual([])
        expect(problems).toEqual([])
        await context.close()
      }
    )
  }

  it('reaches the inspector tabs with Tab and moves between them with the arrow keys', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('vm-action-inspect').first().click()
    await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
    const focusedTab = () =>
      page.evaluate(() =>
        document.activeElement?.getAttribute('role') === 'tab'
          ? document.activeElement.getAttribute('data-tab')
          : null
      )
    // Tab from the drawer's first control until a tab takes the focus: the selected one, the strip's only stop.
    await page.locator('[data-testid="inspector"] button').first().focus()
    await expect
      .poll(async () => {
        const current = await focusedTab()
        if (!current) await page.keyboard.press('Tab')
        return current
      })
      .toBe('overview')
    await page.keyboard.press('ArrowRight')
    expect(await focusedTab()).toBe('nics')
    expect(await page.locator('[role="tab"][data-tab="nics"]').getAttribute('aria-selected')).toBe('true')
    await page.getByTestId('inspector-nic').first().waitFor()
    await page.keyboard.press('End')
    expect(await focusedTab()).toBe('metrics')
    await page.keyboard.press('ArrowRight')
    expect(await focusedTab()).toBe('overview')
    // The focused tab shows a ring.
    const outline = await page
      .locator('[role="tab"][data-tab="overview"]')
      .evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline).toBe('solid')
    await snap(page, 'a11y-inspector-tab-focus')
    expect(problems).toEqual([])
    await context.close()
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`Tab reaches Activity and "+ Add", each with a visible focus ring (${scheme})`, async () => {
      const { page, problems, context } = await openApp(browser, host.url, { colorScheme: scheme })
      await page.getByTestId('vm-row').first().waitFor()
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)
      // Only the keyboard: Tab on from the top of the page until each control, in page order, takes the focus.
      for (const target of ['activity-button', 'profile-add']) {
        await expect
          .poll(
            async () => {
              const current = await focused()
              if (current !== target) await page.keyboard.press('Tab')
              return current
            },
            { timeout: 15_000 }
          )
          .toBe(target)
        const ring = await page.getByTestId(target).evaluate((el) => {
          const style = getComputedStyle(el)
          return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor }
        })
        expect(ring.style, target).toBe('solid')
        expect(ring.width, target).toBe('2px')
        expect(ring.color, target).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/)
        await snap(page, `a11y-focus-${target}-${scheme}`)
      }
      expect(problems).toEqual([])
      await context.close()
    })
  }

  for (const [locale, text] of [
    ['en-US', 'TLS not verified'],
    ['zh-CN', '未验证 TLS']
  ] as const) {
    it(`marks a profile that does not verify TLS, icon and text, in its sidebar entry and the list header (${locale})`, async () => {
      const { page, problems, context } = await openApp(browser, host.url, { locale })
      const entry = page.locator(`[data-testid="profile-item"][data-profile-id="${insecureId}"]`)
      const mark = entry.getByTestId('insecure-mark')
      await mark.waitFor()
      expect(await mark.getByTestId('insecure-mark-label').textContent()).toBe(text)
      expect(await mark.locator('svg').count()).toBe(1)
      // The verified demo cloud carries no mark.
      expect(
        await page
          .locator('[data-testid="profile-item"][data-profile-id="demo"] [data-testid="insecure-mark"]')
          .count()
      ).toBe(0)

      // Chosen from the keyboard: the entry's own button takes Enter.
      await entry.getByTestId('profile-item-button').focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => page.getByTestId('vm-list').getAttribute('data-profile-id')).toBe(insecureId)
      const header = page.getByTestId('vm-list-toolbar').getByTestId('insecure-mark')
      await header.waitFor()
      expect(await header.getByTestId('insecure-mark-label').textContent()).toBe(text)
      expect(await header.locator('svg').count()).toBe(1)
      await snap(page, `insecure-mark-${locale}`)
      expect(await seriousViolations(page, 'insecure profile')).toEqual([])
      expect(problems).toEqual([])
      await context.close()
    })
  }
})
