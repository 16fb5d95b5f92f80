// The whole app as a browser sees it: the DeskApi runtime and the web host, on a throw-away data folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { composeDesk, type ComposeOptions, type DeskRuntime } from '../../../src/main/compose'
import { startWebHost, type WebHost } from '../../../src/main/web-host/server'

export interface AppHost {
  /** A fresh one-time address at every read: each opened page trades its own link for a tab token. */
  readonly url: string
  dataDir: string
  runtime: DeskRuntime
  web: WebHost
  close(): Promise<void>
}

export async function startAppHost(options: Partial<ComposeOptions> = {}): Promise<AppHost> {
  const staticDir = resolve('out/renderer')
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build:app` first (npm test does it).')
  }
  const ownDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'zstack-desk-e2e-'))
  const runtime = await composeDesk({ transport: 'web', version: 'test', ...options, dataDir })
  const web = await startWebHost({
    guarded: runtime.guarded,
    events: runtime.events,
    staticDir,
    logger: runtime.logger
  })
  return {
    get url() {
      return web.newLink()
    },
    dataDir,
    runtime,
    web,
    async close() {
      await web.close()
      await runtime.dispose()
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
