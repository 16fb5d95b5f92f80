/// <reference lib="dom" />
// What a real node may do to the app: refuse an optional query (ID.1002), sit behind a wrong context path, or
// not be ZStack at all. Names, filters and migration keep working; Test connection says what answered.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { RunningSimulator } from '../../src/simulator'
import { plainlyMigratableOn } from '../support/plain-migratable'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

const DEMO = 'demo'

describe('a node that refuses primary storage, and Test connection', () => {
  let browser: Browser
  let host: AppHost
  let sim: RunningSimulator
  let web: Server
  let webPort = 0

  beforeAll(async () => {
    host = await startAppHost({
      demoSimulator: { migrationDurationMs: 800, deniedQueries: ['primary-storage'] },
      clientOptions: { pollBackoff: { initialMs: 200, maxMs: 400 } }
    })
    await host.runtime.demo.ensure()
    sim = host.runtime.demo.running()!
    web = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' })
      response.end('<!doctype html><html><head><title>Intranet portal</title></head><body>Hi</body></html>')
    })
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve))
    webPort = (web.address() as { port: number }).port
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await new Promise((resolve) => web?.close(resolve))
  })

  it('still shows host names and filters, says storage is missing, and migrates to a chosen host once', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.setViewportSize({ width: 1440, height: 1100 })
    await page.getByTestId('vm-row').first().waitFor()
    const gap = page.locator('[data-testid="topology-gap"][data-part="primaryStorage"]')
    await gap.waitFor()
    expect(await gap.textContent()).toContain('ID.1002')
    expect(await page.getByTestId('topology-gap').count()).toBe(1)
    await expect.poll(() => page.getByTestId('vm-host').first().textContent()).toMatch(/host-/)
    await page.getByTestId('vm-filter-host').click()
    await expect.poll(() => page.locator('.n-base-select-option').count()).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await snap(page, 'real-node-denied-storage-list')

    // A VM ZStack offers at least one host for.
    let chosen: { uuid: string; name: string; target: { uuid: string; name: string } } | undefined
    for (const vm of sim.findVms(plainlyMigratableOn(sim))) {
      const plan = await host.runtime.guarded.api.getMigrationPlan({ profileId: DEMO, vmUuid: vm.uuid })
      const target = plan.ok ? plan.data.candidates[0]?.host : undefined
      if (target) {
        chosen = { uuid: vm.uuid, name: vm.name, target }
        break
      }
    }
    expect(chosen).toBeDefined()
    const { uuid, name, target } = chosen!
    await page.getByTestId('vm-search').fill(name)
    const row = page
      .getByTestId('vm-row')
      .filter({ has: page.getByTestId('vm-name').getByText(name, { exact: true }) })
    await row.waitFor()
    await row.getByTestId('vm-action-migrate').click()
    await page.getByTestId('host-picker').waitFor()
    const dialog = page.getByTestId('migrate-dialog')
    await dialog.locator('[data-testid="topology-gap"][data-part="primaryStorage"]').waitFor()
    expect(await page.getByTestId('migrate-plan-error').count()).toBe(0)
    await page.locator(`[data-testid="host-candidate"][data-host-name="${target.name}"]`).click()
    await snap(page, 'real-node-denied-storage-migrate')
    await page.getByTestId('migrate-submit').click()
    await page.locator('[data-testid="migration-progress"][data-state="succeeded"]').waitFor()
    expect(await page.getByTestId('result-host').textContent()).toBe(target.name)
    expect(sim.vm(uuid)?.hostUuid).toBe(target.uuid)
    const submissions = sim.stats().migrationSubmissions.filter((s) => s.vmUuid === uuid)
    expect(submissions).toHaveLength(1)
    expect(submissions[0]!.hostUuid).toBe(target.uuid)
    expect(problems).toEqual([])
    await context.close()
  })

  async function testProfile(page: Page, port: number, path: string): Promise<string> {
    await page.getByTestId('profile-add').click()
    await page.getByTestId('profile-name').fill(`Probe ${port} ${path}`)
    await page.getByTestId('profile-host').fill('127.0.0.1')
    await page.getByTestId('profile-port').fill(String(port))
    await page.getByTestId('profile-path').fill(path)
    await page.getByTestId('profile-test').click()
    const report = page.getByTestId('connection-report')
    await report.waitFor()
    const verdict = (await report.getAttribute('data-verdict')) ?? ''
    return verdict
  }

  /** The report's text stays inside its box: nothing wider than the alert. */
  async function fitsInBox(page: Page): Promise<string[]> {
    return page.getByTestId('connection-report').evaluate((box) => {
      const right = box.getBoundingClientRect().right
      return [...box.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > right + 1)
        .map((el) => `${el.tagName}.${el.className} reaches ${Math.round(el.getBoundingClientRect().right)}`)
    })
  }

  it('Test connection: a right profile, a wrong context path and a web page get three different verdicts', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()

    expect(await testProfile(page, sim.port, 'zstack')).toBe('zstack')
    expect(await page.getByTestId('connection-title').textContent()).toBe('ZStack 5.2.1 answered')
    expect(await page.getByTestId('connection-version').textContent()).toBe('5.2.1')
    expect(await page.getByTestId('connection-error').count()).toBe(0)
    expect(await fitsInBox(page)).toEqual([])
    await snap(page, 'connection-zstack')

    await page.getByTestId('profile-path').fill('zstack-wrong')
    await page.getByTestId('profile-test').click()
    const report = page.getByTestId('connection-report')
    await expect.poll(() => report.getAttribute('data-verdict')).toBe('wrong-path')
    expect(await page.getByTestId('connection-title').textContent()).toContain(
      'no ZStack API at this context path'
    )
    expect(await page.getByTestId('connection-advice').textContent()).toContain('context path')
    expect(await page.getByTestId('connection-version').count()).toBe(0)
    await snap(page, 'connection-wrong-path')
    expect(await fitsInBox(page)).toEqual([])

    await page.getByTestId('profile-port').fill(String(webPort))
    await page.getByTestId('profile-path').fill('zstack')
    await page.getByTestId('profile-test').click()
    await expect.poll(() => report.getAttribute('data-verdict')).toBe('not-zstack')
    expect(await page.getByTestId('connection-title').textContent()).toBe(
      'This is not a ZStack management node: it answered a web page titled “Intranet portal”'
    )
    await snap(page, 'connection-web-page')
    expect(await fitsInBox(page)).toEqual([])
    await page.getByTestId('profile-cancel').click()
    expect(problems).toEqual([])
    await context.close()
  })
})
