/// <reference lib="dom" />
// axe-core on the screens fixed so far, light and dark: no serious or critical violation; inspector tabs by keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { seriousViolations } from './support/axe'

describe('accessibility (axe-core) in Chromium', () => {
  let browser: Browser
  let host: AppHost

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: 30 } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`the list's toolbar and filters and every inspector tab have no serious or critical violation (${scheme})`, async () => {
      const { page, problems, context } = await openApp(browser, host.url, { colorScheme: scheme })
      const found: string[] = []
      await page.getByTestId('vm-row').first().waitFor()
      found.push(...(await seriousViolations(page, 'list toolbar', '[data-testid="vm-list-toolbar"]')))
      found.push(...(await seriousViolations(page, 'list filters', '[data-testid="vm-filters"]')))

      await page.getByTestId('vm-action-inspect').first().click()
      await page.locator('[data-testid="inspector-body"][data-loaded="true"]').waitFor()
      const tabs = page.locator('[data-testid="inspector"] [role="tab"]')
      expect(await tabs.count()).toBe(4)
      for (let i = 0; i < 4; i++) {
        await tabs.nth(i).click()
        await expect.poll(() => tabs.nth(i).getAttribute('aria-selected')).toBe('true')
        found.push(...(await seriousViolations(page, `inspector tab ${i + 1}`, '[data-testid="inspector"]')))
      }
      await snap(page, `a11y-inspector-${scheme}`)
      expect(found).toEqual([])
      expect(problems).toEqual([])
      await context.close()
    })
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
    expect(await focusedTab()).toBe('json')
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
})
