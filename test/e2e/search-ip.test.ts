/// <reference lib="dom" />
// Issue 18.5 in Chromium: a whole IP finds only that address (10.11.0.13 is not 10.11.0.130); ending it in * or a
// dot asks for every address that starts so.
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
})
