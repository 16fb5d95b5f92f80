/// <reference lib="dom" />
// Cluster profiles as a user handles them: add one for a test simulator, test it, sign in and out; a closed port.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSimulator } from '../../src/simulator'
import type { RunningSimulator } from '../../src/simulator'
import { importProfilesYaml, launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function addProfile(page: Page, name: string, port: number, folder?: string): Promise<void> {
  await page.getByTestId('profile-add').click()
  await page.getByTestId('profile-name').fill(name)
  if (folder) await page.getByTestId('profile-folder').fill(folder)
  await page.getByTestId('profile-host').fill('127.0.0.1')
  await page.getByTestId('profile-port').fill(String(port))
}

const profileItem = (page: Page, name: string) =>
  page
    .getByTestId('profile-item')
    .filter({ has: page.getByTestId('profile-item-name').getByText(name, { exact: true }) })

describe('cluster profiles in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let sim: RunningSimulator

  beforeAll(async () => {
    sim = await startSimulator({ vms: 60, seed: 7, actionDurationMs: 100 })
    host = await startAppHost({ demoSimulator: { vms: 40 } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    await sim?.stop()
  })

  it('adds a cluster for a test simulator, tests the connection, signs in, sees its VMs and signs out', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    // First launch: the Demo cluster is open and already listing VMs.
    await expect.poll(() => page.getByTestId('vm-list-title').textContent()).toBe('Demo cluster')
    await page.getByTestId('vm-row').first().waitFor()

    await addProfile(page, 'Test lab', sim.port, 'Lab')
    // Bad input is caught before anything is sent.
    await page.getByTestId('profile-port').fill('70000')
    await page.getByTestId('profile-save').click()
    await page.getByText('Enter a port from 1 to 65535.').waitFor()
    await page.getByTestId('profile-port').fill(String(sim.port))
    await page.getByTestId('profile-name').click()
    await expect.poll(() => page.getByText('Enter a port from 1 to 65535.').count()).toBe(0)

    await page.getByTestId('profile-test').click()
    const report = page.getByTestId('connection-report')
    await report.waitFor()
    expect(await report.getAttribute('data-reachable')).toBe('true')
    expect(await page.getByTestId('connection-tls').textContent()).toBe('Plain HTTP, not encrypted')
    expect(await page.getByTestId('connection-latency').textContent()).toMatch(/^\d+ ms$/)
    await snap(page, 'cluster-form')

    await page.getByTestId('profile-save').click()
    await page.getByTestId('profile-form').waitFor({ state: 'detached' })
    const item = profileItem(page, 'Test lab')
    await item.waitFor()
    expect(await page.getByTestId('profile-group-folder').allTextContents()).toContain('Lab')
    expect(await item.getAttribute('data-session-status')).toBe('signed-out')

    // A new profile opens the sign-in dialog at once.
    const dialog = page.getByTestId('sign-in-dialog')
    await dialog.waitFor()
    await expect.poll(() => page.getByTestId('sign-in-account').inputValue()).toBe('admin')
    await page.getByTestId('sign-in-password').fill('wrong-password')
    await page.getByTestId('sign-in-submit').click()
    await page.getByTestId('sign-in-error').waitFor()
    expect(await page.getByTestId('sign-in-error').textContent()).toContain('ID.1000')
    expect(await page.getByTestId('sign-in-password').inputValue()).toBe('')
    await page.getByTestId('sign-in-password').fill('password')
    await snap(page, 'sign-in')
    await page.getByTestId('sign-in-submit').click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByText('Signed in to Test lab.').waitFor()

    const profileId = await item.getAttribute('data-profile-id')
    await expect.poll(() => page.getByTestId('vm-list').getAttribute('data-profile-id')).toBe(profileId)
    await expect.poll(() => item.getAttribute('data-session-status')).toBe('signed-in')
    await page.getByTestId('vm-row').first().waitFor()
    const userVms = sim.findVms((vm) => vm.type === 'UserVm').length
    await expect.poll(() => page.locator('.n-pagination-prefix').textContent()).toBe(`${userVms} VMs`)
    // Host names come from the topology, not uuids (a short uuid shows until the topology has loaded).
    await expect.poll(() => page.getByTestId('vm-host').first().textContent()).toMatch(/host-|last on host-/)

    await page.getByTestId('vm-sign-out').click()
    await page.getByTestId('workspace-signed-out').waitFor()
    await expect.poll(() => item.getAttribute('data-session-status')).toBe('signed-out')
    expect(problems).toEqual([])
    await context.close()
  })

  it('a cluster behind a closed port says so in the connection test and at sign-in', async () => {
    const port = await closedPort()
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    await addProfile(page, 'Closed port', port)
    // The unsafe switch is red and explains itself; it only applies to HTTPS.
    await page.getByTestId('profile-scheme-https').click()
    await page.getByTestId('profile-insecure').click()
    await page.getByTestId('profile-insecure-warning').waitFor()
    await snap(page, 'cluster-form-insecure')
    await page.getByTestId('profile-insecure').click()
    await page.getByTestId('profile-insecure-warning').waitFor({ state: 'detached' })
    await page.getByTestId('profile-scheme-http').click()
    await page.getByTestId('profile-test').click()
    const report = page.getByTestId('connection-report')
    await report.waitFor()
    expect(await report.getAttribute('data-reachable')).toBe('false')
    expect(await page.getByTestId('connection-error').textContent()).toMatch(/\S/)
    await page.getByTestId('profile-save').click()
    await page.getByTestId('sign-in-dialog').waitFor()
    await page.getByTestId('sign-in-password').fill('password')
    await page.getByTestId('sign-in-submit').click()
    const error = page.getByTestId('sign-in-error')
    await error.waitFor()
    expect(await error.textContent()).toContain(String(port))
    await snap(page, 'cluster-unreachable')
    await page.getByTestId('sign-in-cancel').click()
    const item = profileItem(page, 'Closed port')
    expect(await item.getAttribute('data-session-status')).toBe('signed-out')
    await page.getByTestId('workspace-signed-out').waitFor()
    expect(problems).toEqual([])
    await context.close()
  })

  it('exports the profiles to a file and imports a file with a report of each entry', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('profiles-menu').click()
    const download = page.waitForEvent('download')
    await page.getByTestId('profiles-export-json').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('zstack-desk-profiles.json')
    const exported = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
      version: number
      profiles: { name: string }[]
    }
    expect(exported.profiles.map((p) => p.name)).toContain('Test lab')
    expect(JSON.stringify(exported)).not.toMatch(/password|sessionUuid/i)

    const yaml = [
      `version: ${exported.version}`,
      'profiles:',
      '  - name: Imported lab',
      '    endpoint: { scheme: http, host: 10.0.0.7, port: 8080, path: zstack }',
      '    accountName: admin',
      '    tls: { verify: true }',
      '    timeoutMs: 30000',
      '  - name: Broken port',
      '    endpoint: { scheme: http, host: 10.0.0.8, port: 70000, path: zstack }',
      '    accountName: admin',
      '    tls: { verify: true }',
      '    timeoutMs: 30000',
      ''
    ].join('\n')
    const rejected = await importProfilesYaml(page, yaml)
    expect(await page.getByTestId('import-added').textContent()).toBe('1 added')
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1 rejected')
    expect(await rejected.textContent()).toContain('Broken port')
    expect(await rejected.textContent()).toContain('endpoint.port')
    expect(await rejected.textContent()).toMatch(/line 9/)
    await snap(page, 'profiles-import-report')
    await page.getByTestId('import-report-close').click()
    await profileItem(page, 'Imported lab').waitFor()
    expect(await profileItem(page, 'Broken port').count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it('duplicates, edits and removes a profile', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const item = profileItem(page, 'Test lab')
    await item.getByTestId('profile-actions').click()
    await page.getByTestId('profile-action-duplicate').click()
    await expect.poll(() => page.getByTestId('profile-name').inputValue()).toBe('Test lab (copy)')
    await page.getByTestId('profile-save').click()
    await page.getByTestId('profile-form').waitFor({ state: 'detached' })
    await page.getByTestId('sign-in-cancel').click()
    const copy = profileItem(page, 'Test lab (copy)')
    await copy.waitFor()

    await copy.getByTestId('profile-actions').click()
    await page.getByTestId('profile-action-edit').click()
    await page.getByTestId('profile-name').fill('Test lab B')
    await page.getByTestId('profile-save').click()
    await profileItem(page, 'Test lab B').waitFor()

    await profileItem(page, 'Test lab B').getByTestId('profile-actions').click()
    await page.getByTestId('profile-action-remove').click()
    await page.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => profileItem(page, 'Test lab B').count()).toBe(0)
    expect(await profileItem(page, 'Test lab').count()).toBe(1)
    expect(problems).toEqual([])
    await context.close()
  })
})
