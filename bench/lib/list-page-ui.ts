// Shared setup of the UI benchmarks: the app on its cluster with 100 rows a page, and the baseline page beside it.
import type { BenchContext } from './context'
import { newBenchPage, type BenchPage } from './bench-page'
import type { BenchApp } from './app-host'
import type { RawSession } from './raw-zstack'
import type { VmInventory, VmQuery } from '../../src/shared/api'
import { choosePageSize, lastQuery, openAppPage, profileItem, vmQueryPath, waitForRows } from './app-ui'

export interface ListUi {
  app: BenchApp
  profileId: string
  otherProfileId: string
  raw: RawSession
  appSide: BenchPage
  baseSide: BenchPage
  /** The query the renderer sends for the first page at this size. */
  query: VmQuery
  path: string
  /** The same page, fetched by the baseline's session. */
  rows: VmInventory[]
  close(): Promise<void>
}

export async function openListUi(ctx: BenchContext, pageSize: number): Promise<ListUi> {
  const { app, profileId, otherProfileId } = await ctx.app()
  const raw = await ctx.raw()
  const baseServer = await ctx.baselineServer()
  const browser = await ctx.browser()
  const appSide = await newBenchPage(browser)
  const baseSide = await newBenchPage(browser)
  try {
    const page = appSide.page
    await openAppPage(page, app, profileId)
    await profileItem(page, profileId).click()
    await waitForRows(page, profileId, 20)
    if (pageSize !== 20) {
      await choosePageSize(page, pageSize)
      await waitForRows(page, profileId, pageSize)
    }
    const query = lastQuery(app, profileId, (q) => q.limit === pageSize && q.start === 0 && !q.search)
    const path = vmQueryPath(query)
    const rows = ((await raw.get(path)) as { inventories: VmInventory[] }).inventories
    await baseSide.page.goto(baseServer.url)
    return {
      app,
      profileId,
      otherProfileId,
      raw,
      appSide,
      baseSide,
      query,
      path,
      rows,
      async close() {
        await appSide.close()
        await baseSide.close()
      }
    }
  } catch (error) {
    await appSide.close()
    await baseSide.close()
    throw error
  }
}
