// A small HTTP(S) server for tests: answers what `intercept` returns and passes everything else to `target`.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Interception {
  status: number
  body: string
  headers?: Record<string, string>
}

export interface FrontServer {
  url: string
  port: number
  requests: RecordedRequest[]
  close(): Promise<void>
}

export interface FrontServerOptions {
  /** Where requests that are not intercepted go, e.g. the simulator's url. */
  target?: string
  tls?: { key: string; cert: string }
  intercept?: (request: RecordedRequest) => Interception | undefined
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function forward(target: string, recorded: RecordedRequest, response: ServerResponse): void {
  const upstream = http.request(
    new URL(recorded.url, target),
    { method: recorded.method, headers: { ...recorded.headers, host: new URL(target).host } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    }
  )
  upstream.on('error', () => response.destroy())
  upstream.end(recorded.body)
}

export async function startFrontServer(options: FrontServerOptions): Promise<FrontServer> {
  const requests: RecordedRequest[] = []
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    void readBody(request).then((body) => {
      const recorded = {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body
      }
      requests.push(recorded)
      const answer = options.intercept?.(recorded)
      if (answer) {
        response.writeHead(answer.status, {
          'Content-Length': Buffer.byteLength(answer.body),
          ...answer.headers
        })
        response.end(answer.body)
      } else if (options.target) {
        forward(options.target, recorded, response)
      } else {
        response.writeHead(404)
        response.end('not intercepted')
      }
    })
  }
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
