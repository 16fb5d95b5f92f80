// A pass-through HTTP proxy that notes when each request arrived and when its answer was sent, to count round trips.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TimedRequest {
  method: string
  url: string
  start: number
  end: number
}

export interface RequestTimeline {
  url: string
  port: number
  requests: TimedRequest[]
  close(): Promise<void>
}

export async function startRequestTimeline(target: string): Promise<RequestTimeline> {
  const to = new URL(target)
  const requests: TimedRequest[] = []
  const agent = new http.Agent({ keepAlive: true })
  const server = http.createServer((request, response) => {
    const timed: TimedRequest = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      start: performance.now(),
      end: Number.NaN
    }
    const upstream = http.request(
      {
        host: to.hostname,
        port: to.port,
        method: timed.method,
        path: timed.url,
        headers: { ...request.headers, host: to.host },
        agent
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    upstream.on('error', (error) => response.destroy(error))
    response.on('finish', () => {
      timed.end = performance.now()
      requests.push(timed)
    })
    request.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/**
 * How many round trips had to follow one another: a request that started after another's answer was sent
 * may have waited for it. With a server latency well above scheduling noise, parallel requests never chain.
 */
export function sequentialRounds(requests: readonly TimedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.start - b.start)
  const depth: number[] = []
  sorted.forEach((request, i) => {
    let before = 0
    for (let j = 0; j < i; j++) if (sorted[j]!.end <= request.start) before = Math.max(before, depth[j]!)
    depth.push(before + 1)
  })
  return Math.max(0, ...depth)
}
