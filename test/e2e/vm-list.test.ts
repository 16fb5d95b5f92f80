/// <reference lib="dom" />
// The VM list of the Demo cluster as a user works it: search by IP, sort by memory, page, stop and start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { RunningSimulator } from '../../src/simulator'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'
import { seriousViolations } from './support/axe'

const names = (page: Page) => page.getByTestId('vm-name').allTextContents()
const memoryBytes = (page: Page) =>
  page
    .getByTestId('vm-memory')
    .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-bytes'))))
const activePage = (page: Page) => page.locator('.n-pagination-item--active').textContent()
const rgbSum = (color: string) =>
  color
    .match(/\d+/g)!
    .slice(0, 3)
    .reduce((sum, n) => sum + Number(n), 0)
/** The colour a Running VM's state tag is drawn in. */
const runningColour = (page: Page) =>
  page
    .locator('[data-testid="vm-row"] [data-testid="state-tag"][data-state="Running"]')
    .first()
    .evaluate((tag) => getComputedStyle(tag).color)

describe('VM list in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let demo: RunningSimulator

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: 150, seed: 3, actionDurationMs: 150 } })
    await host.runtime.demo.ensure()
    demo = host.runtime.demo.running()!
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  it('searches by IP, sorts by memory on the server, and pages', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const userVms = demo.findVms((vm) => vm.type === 'UserVm')
    await expect.poll(() => page.locator('.n-pagination-prefix').textContent()).toBe(`${userVms.length} VMs`)
    expect(await page.getByTestId('vm-row').count()).toBe(20)
    await snap(page, 'vm-list-light')
    // The light success green darkened for contrast (4.5:1 as small text), and every column fits 1440 px without scrolling.
    expect(await runningColour(page)).toBe('rgb(11, 110, 61)')
    const scroller = page.locator('[data-testid="vm-table"] .scroller')
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)

    // A name cut short shows whole in a tooltip on hover.
    const cut = await page.getByTestId('vm-name').evaluateAll((cells) => {
      const index = cells.findIndex((cell) => cell.scrollWidth > cell.clientWidth)
      return { index, name: cells[index]?.textContent ?? '' }
    })
    expect(cut.index, 'no VM name is cut short on this page: use longer names').toBeGreaterThanOrEqual(0)
    await page.getByTestId('vm-name').nth(cut.index).hover()
    await page.locator('.n-tooltip', { hasText: cut.name }).waitFor()

    // Search by the IP of one VM: the debounced search reaches the server and narrows the list to it.
    // The search matches IPs by prefix: take an address no other VM's address starts with.
    const startingWith = (ip: string) =>
      userVms.filter((vm) => vm.vmNics?.some((nic) => nic.ip?.startsWith(ip)))
    const target = userVms.find((vm) => {
      const first = vm.vmNics?.[0]?.ip
      return first !== undefined && startingWith(first).length === 1
    })!
    const ip = target.vmNics![0]!.ip!
    await page.keyboard.press('/')
    await page.keyboard.type(ip)
    await expect.poll(() => names(page)).toEqual([target.name])
    expect(await page.getByTestId('vm-ip').first().textContent()).toContain(ip)
    expect(await page.locator('.n-pagination-prefix').textContent()).toBe('1 VM')
    await page.getByTestId('vm-search').fill('')
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(20)

    // Sort by memory: biggest first, then smallest first, across the whole cloud (the server sorts).
    const memories = userVms.map((vm) => vm.memorySize).sort((a, b) => a - b)
    const header = page.getByRole('columnheader', { name: 'Memory (GiB)' })
    expect(await header.getAttribute('aria-sort')).toBe('none')
    await header.click()
    await expect.poll(async () => (await memoryBytes(page))[0]).toBe(memories.at(-1))
    expect(await header.getAttribute('aria-sort')).toBe('descending')
    const descending = await memoryBytes(page)
    expect(descending).toEqual([...descending].sort((a, b) => b - a))
    await header.click()
    await expect.poll(async () => (await memoryBytes(page))[0]).toBe(memories[0])
    expect(await header.getAttribute('aria-sort')).toBe('ascending')
    const ascending = await memoryBytes(page)
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b))

    // Page 2 continues where page 1 ended; the rows are replaced, not added.
    const firstPage = await names(page)
    await page.locator('.n-pagination-item', { hasText: /^2$/ }).click()
    await expect.poll(() => activePage(page)).toBe('2')
    await expect.poll(async () => (await names(page))[0] !== firstPage[0]).toBe(true)
    expect(await page.getByTestId('vm-row').count()).toBe(20)
    expect((await memoryBytes(page))[0]).toBeGreaterThanOrEqual(ascending.at(-1)!)

    // 50 a page.
    await page.locator('.n-pagination .n-base-selection').click()
    await page.locator('.n-base-select-option', { hasText: '50 / page' }).click()
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(50)
    expect(await activePage(page)).toBe('1')

    // The arrow keys pick rows past the bottom of the window, which scrolls to keep the picked row in sight.
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown')
    const picked = page.locator('[data-testid="vm-row"][data-selected="true"]')
    const fortieth = await page.getByTestId('vm-row').nth(39).getAttribute('data-vm-uuid')
    await expect.poll(() => picked.getAttribute('data-vm-uuid')).toBe(fortieth)
    // The scroll follows on the next tick: poll it.
    const inSight = () =>
      picked.evaluate((row) => {
        const box = row.getBoundingClientRect()
        const view = row.closest('.scroller')!.getBoundingClientRect()
        return box.top >= view.top && box.bottom <= view.bottom + 1
      })
    await expect.poll(inSight).toBe(true)

    // Simplified Chinese: headings, states, totals and dates follow the language.
    await page.getByTestId('locale-select').click()
    await page.locator('.n-base-select-option', { hasText: '简体中文' }).click()
    await expect
      .poll(() => page.locator('.n-pagination-prefix').textContent())
      .toBe(`共 ${userVms.length} 台`)
    expect(await page.getByRole('columnheader', { name: '内存 (GiB)' }).count()).toBe(1)
    expect(await page.getByRole('table').getAttribute('aria-label')).toBe('云主机')
    expect(await page.getByTestId('vm-created').first().textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(await page.getByTestId('state-tag').allTextContents()).toContain('运行中')
    await snap(page, 'vm-list-zh')
    expect(problems).toEqual([])
    await context.close()
  })

  it('filters by state and host (names from the topology), and shows appliance VMs only when asked', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    await page.getByTestId('vm-filter-state').click()
    await page.locator('.n-base-select-option', { hasText: /^Stopped$/ }).click()
    await page.keyboard.press('Escape')
    const stopped = demo.findVms((vm) => vm.type === 'UserVm' && vm.state === 'Stopped').length
    await expect.poll(() => page.locator('.n-pagination-prefix').textContent()).toBe(`${stopped} VMs`)
    const states = await page
      .getByTestId('state-tag')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-state')))
    expect(new Set(states)).toEqual(new Set(['Stopped']))
    // Migrate is refused for a stopped VM, with the reason on hover.
    await expect.poll(() => page.getByTestId('vm-action-migrate').first().isDisabled()).toBe(true)
    await page.getByTestId('vm-migrate-blocked').first().hover()
    await page.getByText('Only a Running, Paused or Unknown VM can be live-migrated').waitFor()
    await page.getByTestId('vm-filter-clear').click()

    const withAppliances = demo.findVms(() => true).length
    await page.getByTestId('vm-filter-appliance').click()
    await expect.poll(() => page.locator('.n-pagination-prefix').textContent()).toBe(`${withAppliances} VMs`)

    const someHost = demo.findVms((vm) => vm.type === 'UserVm' && !!vm.hostUuid)[0]!
    const hostName = demo.host(someHost.hostUuid!)!.name
    await page.getByTestId('vm-filter-host').click()
    await page.keyboard.type(hostName)
    await page.locator('.n-base-select-option', { hasText: hostName }).first().click()
    const onHost = demo.findVms((vm) => vm.hostUuid === someHost.hostUuid).length
    await expect.poll(() => page.locator('.n-pagination-prefix').textContent()).toBe(`${onHost} VMs`)
    expect(new Set(await page.getByTestId('vm-host').allTextContents())).toEqual(new Set([hostName]))
    expect(problems).toEqual([])
    await context.close()
  })

  it('draws unsorted, descending and ascending apart; sorts host and cluster on the server; IP says why not', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const header = (name: string) => page.getByRole('columnheader', { name, exact: true })
    const iconOf = (name: string) => header(name).locator('.sort-icon path').getAttribute('d')
    const colourOf = (name: string) =>
      header(name)
        .locator('.sort-icon')
        .evaluate((icon) => `${getComputedStyle(icon).color} ${getComputedStyle(icon).opacity}`)
    await header('Memory (GiB)').click()
    await expect.poll(() => header('Memory (GiB)').getAttribute('aria-sort')).toBe('descending')
    await header('Name').getByRole('button').focus()
    await snap(page, 'vm-sort-arrows-descending')
    const unsorted = await iconOf('Name')
    const descending = await iconOf('Memory (GiB)')
    await header('Memory (GiB)').click()
    await expect.poll(() => header('Memory (GiB)').getAttribute('aria-sort')).toBe('ascending')
    const ascending = await iconOf('Memory (GiB)')
    expect(new Set([unsorted, descending, ascending]).size).toBe(3)
    // The sorted column's arrow is drawn in the primary colour at full strength; the others are dimmed.
    expect(await colourOf('Memory (GiB)')).not.toBe(await colourOf('Name'))
    expect(await header('Name').getAttribute('aria-sort')).toBe('none')
    await snap(page, 'vm-sort-arrows-ascending')

    // Host sorts by hostUuid on the server: the rows of one host come together across the whole cloud.
    const users = demo.findVms((vm) => vm.type === 'UserVm')
    const hostOrder = users.map((vm) => vm.hostUuid ?? '').sort()
    await header('Host').click()
    await expect.poll(() => header('Host').getAttribute('aria-sort')).toBe('ascending')
    const rowHosts = () =>
      page
        .getByTestId('vm-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-vm-uuid') ?? ''))
        .then((uuids) => uuids.map((uuid) => demo.vm(uuid)?.hostUuid ?? ''))
    await expect.poll(rowHosts).toEqual(hostOrder.slice(0, 20))
    // Its note (by uuid, not name) shows on keyboard focus and is the button's description.
    await header('Host').getByRole('button').focus()
    await page.locator('.n-tooltip', { hasText: 'not by name' }).waitFor()
    const describedBy = await header('Host').getByRole('button').getAttribute('aria-describedby')
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('by their UUID, not by name')
    await header('Cluster').click()
    await expect.poll(() => header('Cluster').getAttribute('aria-sort')).toBe('ascending')
    expect(await header('Host').getAttribute('aria-sort')).toBe('none')
    // IP does not sort (ZStack refuses vmNics.ip as a sort field): no aria-sort, and a note on hover.
    expect(await header('IP').getAttribute('aria-sort')).toBeNull()
    await header('IP').hover()
    await page.locator('.n-tooltip', { hasText: 'cannot sort VMs by IP' }).waitFor()
    await snap(page, 'vm-sort-ip-note')
    expect(problems).toEqual([])
    await context.close()
  })

  it('filters by host with, on request, the stopped VMs last on it', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const users = demo.findVms((vm) => vm.type === 'UserVm')
    const stoppedOn = (hostUuid: string) =>
      users.filter((vm) => !vm.hostUuid && vm.state === 'Stopped' && vm.lastHostUuid === hostUuid)
    const target = users.find((vm) => vm.hostUuid && stoppedOn(vm.hostUuid).length > 0)
    expect(target, 'no host has a stopped VM last on it: pick another seed').toBeDefined()
    const hostUuid = target!.hostUuid!
    const hostName = demo.host(hostUuid)!.name
    const onHost = users.filter((vm) => vm.hostUuid === hostUuid)
    const total = () => page.locator('.n-pagination-prefix').textContent()
    await page.getByTestId('vm-filter-host').click()
    await page.keyboard.type(hostName)
    await page.locator('.n-base-select-option', { hasText: hostName }).first().click()
    await expect.poll(total).toBe(`${onHost.length} VM${onHost.length === 1 ? '' : 's'}`)
    const both = onHost.length + stoppedOn(hostUuid).length
    await page.getByTestId('vm-filter-stopped-on-host').click()
    await expect.poll(total).toBe(`${both} VMs`)
    const shown = await page.getByTestId('vm-name').allTextContents()
    expect(new Set(shown)).toEqual(new Set([...onHost, ...stoppedOn(hostUuid)].map((vm) => vm.name)))
    expect(await page.getByTestId('vm-host').allTextContents()).toContain(`last on ${hostName}`)
    // Sorted by name on the server, the two kinds interleave in one order.
    await page.getByRole('columnheader', { name: 'Name', exact: true }).click()
    const sortedNames = [...shown].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    await expect.poll(() => page.getByTestId('vm-name').allTextContents()).toEqual(sortedNames)
    await snap(page, 'vm-filter-stopped-on-host')
    expect(problems).toEqual([])
    await context.close()
  })

  it('stops and starts a VM with a loading state, and follows the dark theme', async () => {
    const { page, problems, context } = await openApp(browser, host.url, { colorScheme: 'dark' })
    await page.getByTestId('vm-row').first().waitFor()
    const vm = demo.findVms((v) => v.type === 'UserVm' && v.state === 'Running')[0]!
    await page.getByTestId('vm-search').fill(vm.uuid)
    const row = page.locator(`[data-testid="vm-row"][data-vm-uuid="${vm.uuid}"]`)
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(1)
    await page.getByTestId('vm-search').fill('')
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(20)
    await snap(page, 'vm-list-dark')
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const [r, g, b] = background.match(/\d+/g)!.map(Number)
    expect(r! + g! + b!).toBeLessThan(150)
    // The table follows: a dark card, light text, naive-ui's dark success green.
    const table = page.getByTestId('vm-table')
    expect(
      rgbSum(await table.locator('.scroller').evaluate((el) => getComputedStyle(el).backgroundColor))
    ).toBeLessThan(150)
    expect(
      rgbSum(
        await page
          .getByTestId('vm-name')
          .first()
          .evaluate((el) => getComputedStyle(el).color)
      )
    ).toBeGreaterThan(500)
    expect(await runningColour(page)).toBe('rgb(99, 226, 183)')

    await page.getByTestId('vm-search').fill(vm.uuid)
    await expect.poll(() => page.getByTestId('vm-row').count()).toBe(1)
    await row.getByTestId('vm-action-stop').click()
    // The confirmation is a named dialog like every other (axe: aria-dialog-name).
    await page.getByRole('dialog', { name: /^Stop / }).waitFor()
    expect(await seriousViolations(page, 'stop confirmation', '.n-dialog')).toEqual([])
    await page.getByRole('button', { name: 'Stop', exact: true }).last().click()
    await expect.poll(() => row.getByTestId('state-tag').getAttribute('data-state')).toBe('Stopped')
    expect(demo.vm(vm.uuid)!.state).toBe('Stopped')
    await row.getByTestId('vm-action-start').click()
    await expect.poll(() => row.getByTestId('vm-action-start').getAttribute('class')).toContain('loading')
    await expect.poll(() => row.getByTestId('state-tag').getAttribute('data-state')).toBe('Running')
    expect(demo.vm(vm.uuid)!.state).toBe('Running')

    // Ctrl+R reloads the list in place instead of the page.
    await page.keyboard.press('Control+r')
    await expect.poll(() => page.getByTestId('vm-search').inputValue()).toBe(vm.uuid)
    expect(problems).toEqual([])
    await context.close()
  })
})
