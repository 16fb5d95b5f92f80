// The DeskApi as the browser reaches it: every call over the web host's HTTP API, as JSON, with the tab token.
import type { DeskApi } from '../../../src/shared/api'
import type { DeskRuntime } from '../../../src/main/compose'
import { startWebHost, type WebHost } from '../../../src/main/web-host/server'
import { createWebClient, type WebClient } from './web-client'

export function webDeskApi(client: WebClient): DeskApi {
  return new Proxy({} as DeskApi, {
    // 'then' must stay undefined, or awaiting the api would call it.
    get: (_target, method) =>
      typeof method === 'string' && method !== 'then'
        ? (arg?: unknown) => client.call(method, arg)
        : undefined
  })
}

/** Starts a web host in front of `runtime` and returns the DeskApi over it. */
export async function serveOverHttp(
  runtime: DeskRuntime,
  staticDir: string
): Promise<{ api: DeskApi; web: WebHost; close(): Promise<void> }> {
  const web = await startWebHost({ guarded: runtime.guarded, events: runtime.events, staticDir })
  const client = createWebClient(web)
  return {
    api: webDeskApi(client),
    web,
    async close() {
      client.close()
      await web.close()
    }
  }
}
