// Serves the built renderer and the guarded DeskApi on loopback, for browsers and tests where Electron cannot run.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { appError } from '../../shared/error-kinds'
import type { GuardedApi } from '../api-guard'
import type { DeskEventBus } from '../event-bus'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy'
import { readStatic } from './static-files'

export const TOKEN_COOKIE = 'desk_token'
export const REQUEST_HEADER = 'x-desk-request'
const MAX_BODY_BYTES = 6 * 1024 * 1024
const LOOPBACK = '127.0.0.1'

export interface WebHostOptions {
  guarded: GuardedApi
  events: DeskEventBus
  /** The built renderer (out/renderer). */
  staticDir: string
  /** 0 picks a free port. */
  port?: number
  /** Fixed token for tests; random otherwise. */
  token?: string
}

export interface WebHost {
  port: number
  token: string
  /** The address to open: it carries the token once, then a cookie does. */
  url: string
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

function sameSecret(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? ''
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === TOKEN_COOKIE) return rest.join('=')
  }
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

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const sseClients = new Set<ServerResponse>()
  let port = 0

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const client of sseClients) client.write(frame)
  })

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: appError('webHostFailure', {}) })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: only our own loopback origin may talk to us.
    const host = req.headers.host ?? ''
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      return send(res, 403, 'Forbidden: wrong host', 'text/plain; charset=utf-8')
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    const queryToken = url.searchParams.get('token') ?? undefined

    if (req.method === 'GET' && queryToken !== undefined) {
      if (!sameSecret(queryToken, token))
        return send(res, 403, 'Forbidden: bad token', 'text/plain; charset=utf-8')
      // Trade the token in the address for a cookie, so it leaves the address bar and history.
      url.searchParams.delete('token')
      return send(res, 303, '', 'text/plain', {
        Location: url.pathname + (url.search || ''),
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
      })
    }

    if (!sameSecret(cookieToken(req) ?? (req.headers['x-desk-token'] as string | undefined), token)) {
      return send(
        res,
        403,
        'Forbidden: open the address the web host printed (it carries the token).',
        'text/plain; charset=utf-8'
      )
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream',
        Connection: 'keep-alive'
      })
      res.write(': connected\n\n')
      sseClients.add(res)
      req.on('close', () => sseClients.delete(res))
      return
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8')
      // A custom header cannot be sent cross-site without a CORS preflight, which we never grant.
      if (req.headers[REQUEST_HEADER] !== '1')
        return send(res, 403, 'Forbidden: missing request header', 'text/plain; charset=utf-8')
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

  return {
    port,
    token,
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    async close() {
      clearInterval(heartbeat)
      unsubscribe()
      for (const client of sseClients) client.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
