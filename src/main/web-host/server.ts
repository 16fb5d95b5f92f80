// Serves the built renderer and the guarded DeskApi on loopback, for browsers and tests where Electron cannot run.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { appError } from '../../shared/error-kinds'
import type { GuardedApi } from '../api-guard'
import type { DeskEventBus } from '../event-bus'
import type { Logger } from '../log/logger'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy'
import { readStatic } from './static-files'

export const REQUEST_HEADER = 'x-desk-request'
/** The tab's API token, sent as a header on every call: a cookie would go to every server on 127.0.0.1. */
export const TOKEN_HEADER = 'x-desk-token'
/** The one-time token of a printed link, traded once for a tab token. */
export const LINK_HEADER = 'x-desk-link'
const MAX_BODY_BYTES = 6 * 1024 * 1024
const LOOPBACK = '127.0.0.1'
/** Connections that have shown no tab token yet; past this many the oldest idle one is closed. */
export const MAX_UNPROVEN_CONNECTIONS = 64
/** A connection must send its request headers within this time. */
const HEADERS_TIMEOUT_MS = 5000
/** Event streams open at once; one more closes the oldest (a tab that went away without saying so). */
export const MAX_EVENT_STREAMS = 8
/** Event bytes a stream may leave unread before it is taken as stalled and closed. */
export const MAX_STREAM_BUFFER_BYTES = 1024 * 1024
/** Tab tokens kept, one per link opened; the oldest is forgotten first. */
const MAX_TAB_TOKENS = 32
/** Refused requests written to the log per minute; the rest are only counted. */
const REFUSALS_LOGGED_PER_MINUTE = 20

export interface WebHostOptions {
  guarded: GuardedApi
  events: DeskEventBus
  /** The built renderer (out/renderer). */
  staticDir: string
  /** 0 picks a free port. */
  port?: number
  /** Where refused requests are noted (reason, remote port; never a token). */
  logger?: Logger
}

export interface WebHost {
  port: number
  /** The address to open: its token (in the fragment, never sent to a server) works for one page, once. */
  url: string
  /** Another one-time address, for another browser tab or test. */
  newLink(): string
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store'
}

const newSecret = (): string => randomBytes(24).toString('base64url')

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The known token equal to `given`, compared in constant time. */
function findSecret(known: Iterable<string>, given: unknown): string | undefined {
  if (typeof given !== 'string' || given === '') return undefined
  for (const token of known) if (sameSecret(given, token)) return token
  return undefined
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {}
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8')
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Notes refusals in the log, at most REFUSALS_LOGGED_PER_MINUTE a minute, then how many more there were. */
function createRefusalLog(logger: Logger | undefined): (reason: string, req: IncomingMessage) => void {
  let windowStart = 0
  let logged = 0
  let skipped = 0
  return (reason, req) => {
    if (!logger) return
    const now = Date.now()
    if (now - windowStart >= 60_000) {
      if (skipped > 0)
        logger.warn(`Web host: ${skipped} more refused requests in the last minute, not logged`)
      windowStart = now
      logged = 0
      skipped = 0
    }
    if (logged >= REFUSALS_LOGGED_PER_MINUTE) {
      skipped++
      return
    }
    logged++
    // The path without its query, cut short: what was asked, never what was sent along.
    const path = (req.url ?? '').split(/[?#]/)[0]?.slice(0, 120) ?? ''
    logger.warn(`Web host refused a request: ${reason}`, {
      method: req.method,
      path,
      remotePort: req.socket.remotePort
    })
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const links = new Set<string>()
  const tabs = new Set<string>()
  const sseClients = new Set<ServerResponse>()
  /** Oldest first: a Set keeps insertion order. */
  const unproven = new Set<Socket>()
  const busy = new Set<Socket>()
  const noteRefusal = createRefusalLog(options.logger)
  let port = 0

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const client of sseClients) {
      // A reader that stopped reading would otherwise keep every event in memory.
      if (client.writableLength > MAX_STREAM_BUFFER_BYTES) {
        sseClients.delete(client)
        client.destroy()
        options.logger?.warn('Web host closed an event stream that stopped reading')
      } else client.write(frame)
    }
  })

  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: 30_000, connectionsCheckingInterval: 1000 },
    (req, res) => {
      busy.add(req.socket)
      res.on('close', () => busy.delete(req.socket))
      handle(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: appError('webHostFailure', {}) })
        else res.end()
      })
    }
  )

  server.on('connection', (socket: Socket) => {
    unproven.add(socket)
    socket.once('close', () => {
      unproven.delete(socket)
      busy.delete(socket)
    })
    if (unproven.size <= MAX_UNPROVEN_CONNECTIONS) return
    // Idle connections without a token are cheap to open and cost a file descriptor each: the oldest goes.
    for (const old of unproven) {
      if (old !== socket && !busy.has(old)) {
        unproven.delete(old)
        old.destroy()
        return
      }
    }
  })

  function refuse(req: IncomingMessage, res: ServerResponse, status: number, reason: string, text: string) {
    noteRefusal(reason, req)
    // Connection: close, so a refused client holds no socket.
    send(res, status, text, 'text/plain; charset=utf-8', { Connection: 'close' })
  }

  function openTab(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST' || req.headers[REQUEST_HEADER] !== '1')
      return refuse(req, res, 403, 'link exchange without the request header', 'Forbidden')
    const link = findSecret(links, req.headers[LINK_HEADER])
    if (!link)
      return refuse(
        req,
        res,
        403,
        'unknown or already used link',
        'Forbidden: this address was already used. Reload the tab that opened it, or restart the web host for a new one.'
      )
    links.delete(link)
    const tab = newSecret()
    tabs.add(tab)
    for (const old of tabs) {
      if (tabs.size <= MAX_TAB_TOKENS) break
      tabs.delete(old)
    }
    unproven.delete(req.socket)
    sendJson(res, 200, { token: tab })
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    for (const oldest of sseClients) {
      if (sseClients.size < MAX_EVENT_STREAMS) break
      sseClients.delete(oldest)
      oldest.end()
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      Connection: 'keep-alive'
    })
    res.write(': connected\n\n')
    sseClients.add(res)
    req.on('close', () => sseClients.delete(res))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: only our own loopback origin may talk to us.
    const host = req.headers.host ?? ''
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      return refuse(req, res, 403, 'wrong Host header', 'Forbidden: wrong host')
    }
    const url = new URL(req.url ?? '/', `http://${host}`)

    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/session') return openTab(req, res)
      const given = req.headers[TOKEN_HEADER]
      if (!findSecret(tabs, given)) {
        return refuse(
          req,
          res,
          403,
          given === undefined ? 'no token' : 'bad token',
          'Forbidden: open the address the web host printed (it carries the token).'
        )
      }
      unproven.delete(req.socket)
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res)
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8')
      // A custom header cannot be sent cross-site without a CORS preflight, which we never grant.
      if (req.headers[REQUEST_HEADER] !== '1')
        return refuse(req, res, 403, 'missing request header', 'Forbidden: missing request header')
      const raw = await readBody(req)
      if (raw === undefined)
        return sendJson(res, 413, {
          ok: false,
          error: appError('requestTooLarge', {})
        })
      let arg: unknown
      if (raw.trim() !== '') {
        try {
          arg = JSON.parse(raw)
        } catch {
          return sendJson(res, 400, {
            ok: false,
            error: appError('requestNotJson', {})
          })
        }
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length))
      return sendJson(res, 200, await options.guarded.call(method, arg))
    }

    // The page and its assets hold no secret: they load without a token and then ask for one.
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8')
    const file = await readStatic(options.staticDir, url.pathname)
    if (!file)
      return send(
        res,
        404,
        'Not found: build the renderer first (npm run build:app).',
        'text/plain; charset=utf-8'
      )
    return send(res, 200, file.body, file.type)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, LOOPBACK, () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': ping\n\n')
  }, 15_000)
  heartbeat.unref()

  const newLink = (): string => {
    const link = newSecret()
    links.add(link)
    return `http://${LOOPBACK}:${port}/#token=${link}`
  }

  return {
    port,
    url: newLink(),
    newLink,
    async close() {
      clearInterval(heartbeat)
      unsubscribe()
      for (const client of sseClients) client.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
