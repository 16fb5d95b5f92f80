// The only module that knows the transport: Electron's preload bridge, or the web host over HTTP + SSE.
import {
  DESK_API_METHODS,
  type AppError,
  type DeskBridge,
  type DeskEventName,
  type DeskEvents,
  type Result
} from '../../shared/api'
import { streamFailed, streamOpened } from './backend-health'

export type Transport = 'electron' | 'web'

const unreachable: AppError = {
  code: 'NETWORK',
  message:
    'The ZStack Desk web host is not answering. Start it again with `npm run web` and reload this page.'
}

async function post(method: string, arg: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Request': '1' },
      body: arg === undefined ? '' : JSON.stringify(arg)
    })
    if (response.status === 403) {
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: 'The web host refused this page. Open the address it printed, with its token.'
        }
      }
    }
    return (await response.json()) as Result<unknown>
  } catch {
    return { ok: false, error: unreachable }
  }
}

function createWebBridge(): DeskBridge {
  const listeners = new Map<DeskEventName, Set<(payload: unknown) => void>>()
  let source: EventSource | undefined

  function connect(): void {
    if (source || typeof EventSource === 'undefined') return
    source = new EventSource('/api/events', { withCredentials: true })
    source.onopen = streamOpened
    source.onerror = () => void streamFailed(async () => (await post('getAppInfo', undefined)).ok)
    for (const name of listeners.keys()) attach(name)
  }

  function attach(name: DeskEventName): void {
    source?.addEventListener(name, (message) => {
      const payload = JSON.parse((message as MessageEvent<string>).data) as unknown
      for (const listener of listeners.get(name) ?? []) listener(payload)
    })
  }

  const methods = Object.fromEntries(DESK_API_METHODS.map((m) => [m, (arg?: unknown) => post(m, arg)]))
  return {
    ...methods,
    on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void) {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
        attach(event)
      }
      set.add(listener as (payload: unknown) => void)
      connect()
      return () => set.delete(listener as (payload: unknown) => void)
    }
  } as unknown as DeskBridge
}

export const transport: Transport = window.zstack ? 'electron' : 'web'

export const api: DeskBridge = window.zstack ?? createWebBridge()
