// A tiny HTTPS front for the simulator: it presents the given certificate and passes every request through,
// so the server at the other end answers exactly like ZStack.
import { request } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { KeyPair } from './test-certificates'

export interface TlsFront {
  port: number
  stop(): Promise<void>
}

export async function startTlsFront(pair: KeyPair, target: string): Promise<TlsFront> {
  const upstream = new URL(target)
  const server = createServer({ key: pair.key, cert: pair.cert }, (req, res) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host }
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(res)
      }
    )
    out.on('error', () => res.destroy())
    req.pipe(out)
  })
  // Refused handshakes are the point of these servers; they must not surface as errors.
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
