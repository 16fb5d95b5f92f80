// The app as the benchmarks run it: composeDesk + the web host on a temp data folder, with every DeskApi call noted.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import { startWebHost, type WebHost } from '../../src/main/web-host/server'
import type { GuardedApi } from '../../src/main/api-guard'
import type { DeskApi } from '../../src/shared/api'

export interface NotedCall {
  method: string
  arg: unknown
  /** performance.now() in the bench process when the call arrived and when it resolved. */
  at: number
  ms?: number
}

export interface BenchApp {
  runtime: DeskRuntime
  /** The guarded api, as in-process callers (and the renderer, through the host) use it. */
  api: DeskApi
  web: WebHost
  /** Calls that came in through the web host, i.e. from the renderer. */
  calls: NotedCall[]
  close(): Promise<void>
}

function noting(guarded: GuardedApi, calls: NotedCall[]): GuardedApi {
  return {
    api: guarded.api,
    async call(method, arg) {
      const entry: NotedCall = { method: String(method), arg, at: performance.now() }
      calls.push(entry)
      if (calls.length > 2000) calls.splice(0, 1000)
      const result = await guarded.call(method, arg)
      entry.ms = performance.now() - entry.at
      return result
    }
  }
}

export async function startBenchApp(): Promise<BenchApp> {
  // BENCH_STATIC_DIR measures another build of the renderer (e.g. a proposed fix built elsewhere).
  const staticDir = resolve(process.env.BENCH_STATIC_DIR ?? 'out/renderer')
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(
      'out/renderer is missing: run `npm run bench` (it builds first) or `npx electron-vite build`.'
    )
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'zstack-desk-bench-'))
  const runtime = await composeDesk({ transport: 'web', dataDir, version: 'bench' })
  const calls: NotedCall[] = []
  const web = await startWebHost({
    guarded: noting(runtime.guarded, calls),
    events: runtime.events,
    staticDir
  })
  return {
    runtime,
    api: runtime.guarded.api,
    web,
    calls,
    async close() {
      await web.close()
      await runtime.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
