/// <reference lib="dom" />
// Drives the app's renderer the way a user does: pick a cluster, choose a page size, read what it asked main for.
import type { Page } from 'playwright-core'
import type { VmQuery } from '../../src/shared/api'
import { vmQueryToResourceQuery } from '../../src/main/zstack/vm-search'
import { withQuery } from '../../src/main/zstack/query-string'
import type { BenchApp } from './app-host'

export const ROW = '[data-testid="vm-row"]'

export function profileItem(page: Page, profileId: string) {
  return page.locator(`[data-testid="profile-item"][data-profile-id="${profileId}"]`)
}

/** Opens the app and waits until the cluster list shows `profileId` signed in. */
export async function openAppPage(page: Page, app: BenchApp, profileId: string): Promise<void> {
  await page.goto(app.web.newLink())
  await page
    .locator(`[data-testid="profile-item"][data-profile-id="${profileId}"][data-session-status="signed-in"]`)
    .waitFor()
}

/** Waits for the list of `profileId` to hold `count` rows (fewer when virtualised) and no request in flight. */
export async function waitForRows(page: Page, profileId: string, count: number): Promise<void> {
  await page.locator(`[data-testid="vm-list"][data-profile-id="${profileId}"]`).waitFor()
  await page.waitForFunction(
    ([selector, n]) => {
      const rows = document.querySelectorAll(selector as string)
      const virtual = rows[0]?.closest('.v-vl') != null
      const enough = virtual ? rows.length >= Math.min(n as number, 5) : rows.length === n
      return (
        enough &&
        !document.querySelector(
          '[data-testid="vm-table"][aria-busy="true"], [data-testid="vm-table"] [aria-busy="true"]'
        )
      )
    },
    [ROW, count] as const,
    { polling: 50 }
  )
}

/** Picks a page size in the table's size picker, e.g. "100 / page". */
export async function choosePageSize(page: Page, size: number): Promise<void> {
  await page.locator('.n-pagination .n-select').click()
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: new RegExp(`^${size} / page$`) })
    .click()
}

/** The last queryVms the renderer sent for `profileId` that matches `pick`. */
export function lastQuery(
  app: BenchApp,
  profileId: string,
  pick: (q: VmQuery) => boolean = () => true
): VmQuery {
  for (let i = app.calls.length - 1; i >= 0; i--) {
    const call = app.calls[i]!
    if (call.method !== 'queryVms') continue
    const query = call.arg as VmQuery
    if (query.profileId === profileId && pick(query)) return query
  }
  throw new Error(`the renderer sent no matching queryVms for ${profileId}`)
}

/** The HTTP path and query the app's client sends for a VmQuery (same builder the client uses). */
export function vmQueryPath(query: VmQuery): string {
  const { profileId: _profileId, ...rest } = query
  return `/zstack/${withQuery('v1/vm-instances', vmQueryToResourceQuery(rest))}`
}

export interface BaselineWindow {
  bench: { nextPaths: string[] }
}

/** Tells the baseline page which request(s) its next action makes. */
export async function setBaselinePaths(page: Page, paths: string[]): Promise<void> {
  await page.evaluate((p) => {
    ;(window as unknown as BaselineWindow).bench.nextPaths = p
  }, paths)
}
