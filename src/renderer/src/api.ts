// The only module that knows the transport: Electron's preload bridge, or the web host over HTTP + an event stream.
import {
  DESK_API_METHODS,
  type AppError,
  type DeskBridge,
  type DeskEventName,
  type DeskEvents,
  type Result
} from '../../shared/api'
import { promiseTimeout } from '@vueuse/core'
import { streamFailed, streamOpened } from './backend-health'
import { appError } from '../../shared/error-kinds'

export type Transport = 'electron' | 'web'

const unreachable: AppError = appError('webHostGone', {})

/** This tab's web host token: only in sessionStorage, so it survives a reload and goes to no other server. */
const TOKEN_KEY = 'zstack-desk.web-token'
let tabToken: Promise<string | undefined> | undefined

/** Trades the one-time token in the address (#token=...) for this tab's own token, once per page load. */
async function readTabToken(): Promise<string | undefined> {
  const link = new URLSearchParams(location.hash.slice(1)).get('token')
  if (link) {
    // Out of the address bar and history: the link is spent either way.
    history.replaceState(null, '', location.pathname + location.search)
    try {
      const response = await fetch('/api/session', {
        method: 'POST',
        headers: { 'X-Desk-Request': '1', 'X-Desk-Link': link }
      })
      const answer = response.ok ? ((await response.json()) as { token?: unknown }) : {}
      if (typeof answer.token === 'string') sessionStorage.setItem(TOKEN_KEY, answer.token)
    } catch {
      // Unreachable: the first call says so.
    }
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined
}

/** The header once known: a call then reaches fetch in the same task, before Vue renders what the caller changed. */
let knownTokenHeader: Record<string, string> | undefined

async function tokenHeader(): Promise<Record<string, string>> {
  const token = await (tabToken ??= readTabToken())
  knownTokenHeader = token ? { 'X-Desk-Token': token } : {}
  return knownTokenHeader
}

async function post(method: string, arg: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      credentials: 'omit',
      headers: {
        'Content-Type': 'application/json',
        'X-Desk-Request': '1',
        ...(knownTokenHeader ?? (await tokenHeader()))
      },
      body: arg === undefined ? '' : JSON.stringify(arg)
    })
    if (response.status === 403) {
      return {
        ok: false,
        error: appError('webHostRefused', {})
      }
    }
    return (await response.json()) as Result<unknown>
  } catch {
    return { ok: false, error: unreachable }
  }
}

/** One server-sent event frame: `event:` and `data:` lines; comments (`:`) carry nothing. */
function parseFrame(frame: string): { event: string; data: string } | undefined {
  let event = 'message'
  const data: string[] = []
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
  }
  return data.length > 0 ? { event, data: data.join('\n') } : undefined
}

function createWebBridge(): DeskBridge {
  const listeners = new Map<DeskEventName, Set<(payload: unknown) => void>>()
  let streaming = false

  function dispatch(frame: string): void {
    const parsed = parseFrame(frame)
    if (!parsed) return
    const payload = JSON.parse(parsed.data) as unknown
    for (const listener of listeners.get(parsed.event as DeskEventName) ?? []) listener(payload)
  }

  // fetch, not EventSource: EventSource cannot send the token header.
  async function stream(): Promise<void> {
    for (let failures = 0; ; failures++) {
      try {
        const response = await fetch('/api/events', { credentials: 'omit', headers: await tokenHeader() })
        // Without a valid token no retry can succeed; the calls say what to do.
        if (response.status === 403) return
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`)
        failures = 0
        streamOpened()
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            dispatch(buffer.slice(0, end))
            buffer = buffer.slice(end + 2)
          }
        }
      } catch {
        // The host restarted or the network blinked: connect again below.
      }
      void streamFailed(async () => (await post('getAppInfo', undefined)).ok)
      await promiseTimeout(Math.min(1000 * 2 ** failures, 15_000))
    }
  }

  function connect(): void {
    if (streaming) return
    streaming = true
    void stream()
  }

  const methods = Object.fromEntries(DESK_API_METHODS.map((m) => [m, (arg?: unknown) => post(m, arg)]))
  return {
    ...methods,
    on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void) {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      set.add(listener as (payload: unknown) => void)
      connect()
      return () => set.delete(listener as (payload: unknown) => void)
    }
  } as unknown as DeskBridge
}

export const transport: Transport = window.zstack ? 'electron' : 'web'

export const api: DeskBridge = window.zstack ?? createWebBridge()
