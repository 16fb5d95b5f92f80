// A pass-through HTTP proxy in front of a simulator: it classifies the simulator's injected faults as they go by,
// and can lose the answer to a migrate request AFTER the server received it (the case a resubmission would double).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Random } from './arg-mutator'

export interface FaultCounts {
  error503: number
  html502: number
  drop: number
  truncate: number
  /** Migrate requests the server accepted whose 202 answer the proxy threw away. */
  lostAnswer: number
}

export interface FaultProxy {
  port: number
  counts: FaultCounts
  /** X-Job-UUID of every migrate request whose accepted answer was lost. */
  lostJobs: Set<string>
  stop(): Promise<void>
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
    stream.on('aborted', () => reject(new Error('aborted')))
  })
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** What went through, for tests that read the server's side (e.g. the session ids a login handed out). */
export type ExchangeObserver = (
  request: { method: string; url: string; body: string },
  answer: { status: number; body: string }
) => void

export async function startFaultProxy(
  target: string,
  lostAnswerRate: number,
  random: Random,
  observe?: ExchangeObserver
): Promise<FaultProxy> {
  const upstream = new URL(target)
  const counts: FaultCounts = { error503: 0, html502: 0, drop: 0, truncate: 0, lostAnswer: 0 }
  const lostJobs = new Set<string>()

  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readAll(req)
    const answer = await new Promise<
      { status: number; headers: IncomingMessage['headers']; body: Buffer } | undefined
    >((resolve) => {
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: upstream.host, connection: 'close' }
        },
        (reply) => {
          readAll(reply).then(
            (data) => resolve({ status: reply.statusCode ?? 0, headers: reply.headers, body: data }),
            () => resolve(undefined)
          )
        }
      )
      out.on('error', () => resolve(undefined))
      out.end(body)
    })
    if (!answer) {
      counts.drop += 1
      req.socket.destroy()
      return
    }
    const text = answer.body.toString('utf8')
    observe?.(
      { method: req.method ?? '', url: req.url ?? '', body: body.toString('utf8') },
      { status: answer.status, body: text }
    )
    if (answer.status === 502 && text.includes('<html')) counts.html502 += 1
    else if (answer.status === 503 && text.includes('simulated fault')) counts.error503 += 1
    else if (answer.status === 200 && !isJson(text)) counts.truncate += 1
    // The plain action, or the same migration submitted as a long job.
    const isMigrate =
      (req.method === 'PUT' &&
        req.url?.endsWith('/actions') &&
        body.toString('utf8').includes('"migrateVm"')) ||
      (req.method === 'POST' &&
        req.url?.endsWith('/v1/longjobs') &&
        body.toString('utf8').includes('APIMigrateVmMsg'))
    if (isMigrate && answer.status === 202 && random.next() < lostAnswerRate) {
      counts.lostAnswer += 1
      const jobUuid = req.headers['x-job-uuid']
      if (typeof jobUuid === 'string') lostJobs.add(jobUuid)
      req.socket.destroy()
      return
    }
    const headers = { ...answer.headers }
    delete headers['transfer-encoding']
    delete headers.connection
    res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length })
    res.end(answer.body)
  }

  const server = createServer((req, res) => {
    forward(req, res).catch(() => req.socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    lostJobs,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
