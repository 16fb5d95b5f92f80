/// <reference lib="dom" />
// Issue 18.5 in Chromium: a whole IP finds only that address (10.11.0.13 is not 10.11.0.130); ending it in * or a
// dot asks for every address that starts so; a dashed UUID is found; a short hex fragment says it was a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { RunningSimulator } from '../../src/simulator'
import { launchBrowser, openApp, settledScreenshot as snap } from './support/browser'
import { startAppHost, type AppHost } from './support/app-host'

describe('IP search in Chromium', () => {
  let browser: Browser
  let host: AppHost
  let demo: RunningSimulator

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: 800, seed: 3 } })
    await host.runtime.demo.ensure()
    demo = host.runtime.demo.running()!
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  it('matches a whole address exactly, and by prefix only when it ends in * or a dot', async () => {
    const userVms = demo.findVms((vm) => vm.type === 'UserVm')
    const ipsOf = (vm: (typeof userVms)[number]) => (vm.vmNics ?? []).map((nic) => nic.ip ?? '')
    const having = (test: (ip: string) => boolean) =>
      userVms.filter((vm) => ipsOf(vm).some(test)).map((vm) => vm.name)
    // An address that is also the start of another VM's address (800 VMs reach .11 and .110 in one subnet).
    const ip = userVms
      .flatMap(ipsOf)
      .find((candidate) => having((other) => other !== candidate && other.startsWith(candidate)).length > 0)
    expect(ip, 'no address in this demo cloud starts another: pick another seed').toBeDefined()
    const exact = having((other) => other === ip).sort()
    const startingWith = having((other) => other.startsWith(ip!)).sort()
    expect(startingWith.length).toBeGreaterThan(exact.length)

    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const names = async () => (await page.getByTestId('vm-name').allTextContents()).sort()
    const search = page.getByTestId('vm-search')
    await search.fill(ip!)
    await expect.poll(names).toEqual(exact)
    await snap(page, 'search-ip-exact')
    await search.fill(`${ip}*`)
    await expect.poll(names).toEqual(startingWith)
    await snap(page, 'search-ip-prefix')
    const dotted = ip!.slice(0, ip!.lastIndexOf('.') + 1)
    await search.fill(dotted)
    await expect
      .poll(() => page.locator('.n-pagination-prefix').textContent())
      .toBe(`${having((other) => other.startsWith(dotted)).length} VMs`)
    expect(problems).toEqual([])
    await context.close()
  })

  it('finds a UUID pasted with dashes, and says a short hex fragment was searched as a name', async () => {
    const { page, problems, context } = await openApp(browser, host.url)
    await page.getByTestId('vm-row').first().waitFor()
    const names = () => page.getByTestId('vm-name').allTextContents()
    const search = page.getByTestId('vm-search')
    const vm = demo.findVms((one) => one.type === 'UserVm')[7]!
    const u = vm.uuid
    const dashed = `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`
    await search.fill(dashed.toUpperCase())
    await expect.poll(names).toEqual([vm.name])
    // Its dashed start is a UUID prefix too.
    await search.fill(dashed.slice(0, 11))
    await expect.poll(async () => (await names()).includes(vm.name)).toBe(true)

    // Four hex characters no VM name contains: searched as a name, and the list says a UUID needs 8.
    const users = demo.findVms((one) => one.type === 'UserVm')
    const fragment = ['ab12', 'fe09', 'c0de', 'beef', 'd00d'].find((hex) =>
      users.every((one) => !one.name.toLowerCase().includes(hex))
    )!
    expect(fragment, 'every candidate fragment is in some VM name').toBeDefined()
    await search.fill(fragment)
    const empty = page.getByTestId('vm-list-empty')
    await expect
      .poll(() => empty.textContent())
      .toContain(
        `No VM name contains “${fragment}”. To find a VM by its UUID, type at least its first 8 characters.`
      )
    await snap(page, 'search-hex-fragment')
    await page.getByTestId('locale-select').click()
    await page.locator('.n-base-select-option', { hasText: '简体中文' }).click()
    await expect.poll(() => empty.textContent()).toContain(`没有名称包含“${fragment}”的云主机。`)
    expect(problems).toEqual([])
    await context.close()
  })
})
