/// <reference lib="dom" />
// Cluster profiles as a user handles them: add one for a test simulator, test it, sign in and out; a closed port.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSimulator } from '../../src/simulator'
import type { RunningSimulator } from '../../src/simulator'
import { importProfilesYaml, launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { seriousViolations } from './support/axe'

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

  it('a new profile: quiet until Save, host:port split, 443 for HTTPS, its own colour, then Password has the focus', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('profile-add').click()
    const form = page.getByTestId('profile-form')
    await form.waitFor()
    const port = page.getByTestId('profile-port')
    expect(await port.inputValue()).toBe('8080')
    await page.getByTestId('profile-scheme-https').click()
    await expect.poll(() => port.inputValue()).toBe('443')
    await page.getByTestId('profile-scheme-http').click()
    await expect.poll(() => port.inputValue()).toBe('8080')

    // Walking past empty fields is not a mistake: nothing says Required yet.
    await page.getByTestId('profile-name').focus()
    await page.keyboard.press('Tab')
    await page.getByTestId('profile-account').fill('')
    await page.getByTestId('profile-host').focus()
    expect(await form.getByText('Required.').count()).toBe(0)
    await snap(page, 'profile-form-before-save')
    expect(await seriousViolations(page, 'profile form', '[data-testid="profile-form"]')).toEqual([])
    await page.getByTestId('profile-save').click()
    await expect.poll(() => form.getByText('Required.').count()).toBe(3)
    await snap(page, 'profile-form-after-save-attempt')
    expect(await seriousViolations(page, 'profile form refused', '[data-testid="profile-form"]')).toEqual([])

    await page.getByTestId('profile-name').fill('Typed port')
    await page.getByTestId('profile-account').fill('admin')
    await page.getByTestId('profile-host').fill(`127.0.0.1:${sim.port}`)
    await page.getByTestId('profile-name').focus()
    await expect.poll(() => page.getByTestId('profile-host').inputValue()).toBe('127.0.0.1')
    expect(await port.inputValue()).toBe(String(sim.port))
    await expect.poll(() => form.getByText('Required.').count()).toBe(0)

    // The colour picked for it is one no other profile wears.
    const chosen = await form
      .locator('[role="radio"][aria-checked="true"]')
      .evaluate((el) => getComputedStyle(el).backgroundColor)
    const worn = await page
      .getByTestId('profile-item')
      .locator('.colour')
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor))
    expect(worn.length).toBeGreaterThan(1)
    expect(worn).not.toContain(chosen)

    await page.getByTestId('profile-save').click()
    await form.waitFor({ state: 'detached' })
    await page.getByTestId('sign-in-dialog').waitFor()
    // What the admin types next goes into Password, and Enter signs in.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('sign-in-password')
    await page.keyboard.type('password')
    expect(await page.getByTestId('sign-in-password').inputValue()).toBe('password')
    // The keychain works here: Remember password is offered.
    expect(await page.getByTestId('sign-in-remember').isEnabled()).toBe(true)
    expect(await page.getByTestId('sign-in-remember-unavailable').count()).toBe(0)
    expect(await seriousViolations(page, 'sign-in', '[data-testid="sign-in-dialog"]')).toEqual([])
    await page.keyboard.press('Enter')
    await page.getByTestId('sign-in-dialog').waitFor({ state: 'detached' })
    const item = profileItem(page, 'Typed port')
    await expect.poll(() => item.getAttribute('data-session-status')).toBe('signed-in')
    expect(await item.locator('.colour').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(chosen)
    expect(problems).toEqual([])
    await context.close()
  })

  it('imports a url: shorthand, leaves a password out with a warning, and names entry and line of a refusal', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const yaml = [
      'profiles:',
      '  - name: By address',
      `    url: http://127.0.0.1:${sim.port}/zstack`,
      '    accountName: admin',
      '    password: hunter2',
      '  - name: Bad port again',
      '    endpoint:',
      '      host: 10.0.0.9',
      '      port: 70000',
      '    accountName: admin',
      ''
    ].join('\n')
    await importProfilesYaml(page, yaml)
    const report = page.getByTestId('import-report')
    expect(await page.getByTestId('import-added').textContent()).toBe('1 added')
    expect(await page.getByTestId('import-rejected').textContent()).toBe('1 rejected')
    const added = page.locator('[data-testid="import-entry"][data-outcome="added"]')
    const warning = added.getByTestId('import-warning')
    expect(await warning.textContent()).toContain('password')
    expect(await warning.textContent()).toContain('line 5')
    expect(await warning.textContent()).toContain('ignored: a profiles file never carries passwords')
    const rejected = page.locator('[data-testid="import-entry"][data-outcome="rejected"]')
    const cells = await rejected.locator('td').allTextContents()
    expect(cells.slice(0, 3)).toEqual(['2', '6', 'Bad port again'])
    expect(cells[4]).toContain('endpoint.port')
    expect(cells[4]).toContain('line 9')
    expect(await report.textContent()).not.toContain('hunter2')
    await snap(page, 'profiles-import-url-password')
    expect(await seriousViolations(page, 'import report', '[data-testid="import-report"]')).toEqual([])
    await page.getByTestId('import-report-close').click()
    const item = profileItem(page, 'By address')
    await item.waitFor()
    await item.click()
    // The address became the endpoint: sign in to the simulator it names.
    await page.getByTestId('sign-in-dialog').waitFor()
    expect(await page.getByTestId('sign-in-dialog').textContent()).toContain(
      `http://127.0.0.1:${sim.port}/zstack`
    )
    await page.getByTestId('sign-in-cancel').click()
    expect(problems).toEqual([])
    await context.close()
  })
})

/** The web host as `npm run web` starts it, on a machine whose keychain cannot be reached (no session bus). */
async function startWithoutKeychain(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZSTACK_DESK_HOME: dataDir,
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dataDir, 'no-session-bus')}`
  }
  delete env.DESK_SECRET_SERVICE
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/web-host/cli.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const found = /ZStack Desk web host: (\S+)/.exec(output)
      if (found) resolve(found[1]!)
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`the web host exited (${code}): ${output}`)))
  })
  return { child, url }
}

describe('cluster profiles without a keychain', () => {
  let browser: Browser
  let dataDir: string
  let web: { child: ChildProcess; url: string } | undefined

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zstack-desk-no-keychain-'))
    web = await startWithoutKeychain(dataDir)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    if (web && web.child.exitCode === null) {
      const exited = new Promise((resolve) => web!.child.once('exit', resolve))
      web.child.kill('SIGTERM')
      await exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('says so once, keeps the banner dismissed, and does not offer to remember the password', async () => {
    const { page, problems, context } = await openApp(browser, web!.url)
    const banner = page
      .getByTestId('profiles-notice')
      .filter({ hasText: 'The system keychain is not available' })
    await banner.waitFor()
    await snap(page, 'no-keychain-banner')
    await banner.locator('.n-base-close').click()
    await banner.waitFor({ state: 'detached' })

    await addProfile(page, 'No keychain', 8080)
    await page.getByTestId('profile-host').fill('10.0.0.1')
    await page.getByTestId('profile-save').click()
    const dialog = page.getByTestId('sign-in-dialog')
    await dialog.waitFor()
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('sign-in-password')
    expect(await page.getByTestId('sign-in-remember').count()).toBe(0)
    expect(await page.getByTestId('sign-in-remember-unavailable').textContent()).toContain(
      'Not available: the system keychain cannot be used'
    )
    await snap(page, 'sign-in-no-keychain')
    expect(
      await seriousViolations(page, 'sign-in without keychain', '[data-testid="sign-in-dialog"]')
    ).toEqual([])
    await page.getByTestId('sign-in-cancel').click()
    await profileItem(page, 'No keychain').waitFor()
    // The new profile brought a fresh listing (with main's notices in it): the banner stays away, after a reload too.
    expect(await banner.count()).toBe(0)
    await page.reload()
    // The listing that draws the profiles carries main's notices too: once they are drawn, the banner had its chance.
    await profileItem(page, 'No keychain').waitFor()
    expect(await banner.count()).toBe(0)
    // The window still knows the keychain is missing (the notice arrived, only its banner is hidden).
    await profileItem(page, 'No keychain').click()
    await page.getByTestId('sign-in-remember-unavailable').waitFor()
    expect(await page.getByTestId('sign-in-remember').count()).toBe(0)
    expect(await banner.count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })
})
