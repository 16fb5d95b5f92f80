// Talks to the web host as the renderer's web transport does: a one-time link traded for a tab token sent as a
// header, the request header, JSON bodies, the event stream.
import { Agent, request } from 'node:http'
import type { WebHost } from '../../../src/main/web-host/server'

export interface WebReply {
  status: number
  body: string
}

export interface WebClient {
  /** POST /api/<method> with a raw body (JSON text, or '' for no argument). */
  post(method: string, body: string): Promise<WebReply>
  /** The parsed Result of a call with `arg` (JSON-encoded). */
  call(method: string, arg?: unknown): Promise<unknown>
  /** Opens the SSE stream; every chunk received is appended to `received`. */
  listen(): Promise<{ received: string[]; close(): void }>
  close(): void
}

/** Trades a one-time link of the host (`http://127.0.0.1:<port>/#token=<link>`) for a tab token. */
export async function openTab(link: string): Promise<string> {
  const url = new URL(link)
  const linkToken = new URLSearchParams(url.hash.slice(1)).get('token') ?? ''
  const response = await fetch(new URL('/api/session', url), {
    method: 'POST',
    headers: { 'x-desk-request': '1', 'x-desk-link': linkToken }
  })
  const answer = (await response.json()) as { token?: unknown }
  if (typeof answer.token !== 'string')
    throw new Error(`The web host refused the link: HTTP ${response.status}`)
  return answer.token
}

export function createWebClient(host: Pick<WebHost, 'port' | 'newLink'>): WebClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const tab = openTab(host.newLink())
  const headersOf = async () => ({
    'x-desk-token': await tab,
    'x-desk-request': '1',
    'content-type': 'application/json'
  })
  const post = async (method: string, body: string): Promise<WebReply> => {
    const headers = await headersOf()
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/api/${encodeURIComponent(method)}`,
          method: 'POST',
          headers,
          agent
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
          )
          res.on('error', reject)
        }
      )
      req.on('error', reject)
      req.end(body)
    })
  }
  return {
    post,
    async call(method, arg) {
      const reply = await post(method, arg === undefined ? '' : JSON.stringify(arg))
      return JSON.parse(reply.body) as unknown
    },
    async listen() {
      const headers = await headersOf()
      return new Promise((resolve, reject) => {
        const received: string[] = []
        const req = request({ host: '127.0.0.1', port: host.port, path: '/api/events', headers }, (res) => {
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => received.push(chunk))
          resolve({ received, close: () => req.destroy() })
        })
        req.on('error', (error) => (received.length === 0 ? reject(error) : undefined))
        req.end()
      })
    },
    close: () => agent.destroy()
  }
}
