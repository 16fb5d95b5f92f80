// A pass-through proxy that writes down what the app sends, so a baseline can replay the very same request.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path and query as sent, e.g. `/zstack/v1/vm-instances?q=...`. */
  url: string
}

export interface RequestRecorder {
  port: number
  requests: RecordedRequest[]
  close(): Promise<void>
}

export async function startRecorder(targetUrl: string): Promise<RequestRecorder> {
  const target = new URL(targetUrl)
  const requests: RecordedRequest[] = []
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' })
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host }
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}
