// Talks to the web host as the renderer's web transport does: cookie token, request header, JSON bodies, SSE events.
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

export function createWebClient(host: WebHost): WebClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const headers = {
    cookie: `desk_token=${host.token}`,
    'x-desk-request': '1',
    'content-type': 'application/json'
  }
  const post = (method: string, body: string): Promise<WebReply> =>
    new Promise((resolve, reject) => {
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
  return {
    post,
    async call(method, arg) {
      const reply = await post(method, arg === undefined ? '' : JSON.stringify(arg))
      return JSON.parse(reply.body) as unknown
    },
    listen() {
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
