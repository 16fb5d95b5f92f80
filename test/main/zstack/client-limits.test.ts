// What a node (or something posing as one) may send: each answer has a deadline, a decoded size and a depth limit.
import { randomBytes } from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGzip } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import { failureOf } from './support/failure-of'
import type { VmInventory } from '../../../src/shared/zstack-types'
import { profileFor } from './support/profiles'
import { plainlyMigratableOn } from '../../support/plain-migratable'

const SESSION = 'a'.repeat(32)
const MB = 1024 * 1024

interface Hostile {
  url: string
  close(): Promise<void>
}

async function startHostile(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Hostile> {
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Runs `work` while sampling RSS; returns its outcome, the RSS growth peak and the time taken. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; rssGrowth: number; ms: number }> {
  const before = process.memoryUsage.rss()
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5)
  const started = Date.now()
  try {
    const result = await work()
    return { result, rssGrowth: Math.max(peak, process.memoryUsage.rss()) - before, ms: Date.now() - started }
  } finally {
    clearInterval(sampler)
  }
}

/** About 1 GB of JSON-looking text gzipped to well under 2 MB. */
async function gzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 })
  const parts: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => parts.push(chunk))
  const done = new Promise((resolve) => gzip.on('end', resolve))
  gzip.write('{"inventories":["')
  const zeros = Buffer.alloc(MB, 0x30)
  for (let i = 0; i < 1024; i++) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve))
  }
  gzip.end('"]}')
  await done
  return Buffer.concat(parts)
}

describe('answer limits', () => {
  let bomb: Buffer

  beforeAll(async () => {
    bomb = await gzipBomb()
  }, 60_000)

  it('refuses a gzip bomb once the decoded page passes its cap, without the memory', async () => {
    expect(bomb.length).toBeLessThan(2 * MB)
    const server = await startHostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      res.end(bomb)
    })
    try {
      const client = createZStackClient(profileFor(server.url, { timeoutMs: 10_000 }))
      const { result, rssGrowth, ms } = await measured(() => failureOf(client.queryHosts(SESSION)))
      expect(result.code).toBe('ANSWER_LIMIT')
      expect(result.message).toMatch(/larger than 32 MB/)
      expect(rssGrowth).toBeLessThan(100 * MB)
      expect(ms).toBeLessThan(10_000)
      console.log(
        `gzip bomb ${bomb.length} B: ${result.code} in ${ms} ms, RSS +${Math.round(rssGrowth / MB)} MB`
      )
    } finally {
      await server.close()
    }
  })

  it('refuses an endless fast body at the cap, and an endless slow one at the deadline', async () => {
    const chunk = Buffer.from(`{"uuid":"${'f'.repeat(32)}","name":"vm"},`.repeat(2000))
    const server = await startHostile((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"inventories":[')
      if (req.url?.includes('slow')) {
        const timer = setInterval(() => res.write('{"uuid":"x"},'), 200)
        res.on('close', () => clearInterval(timer))
        return
      }
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    })
    try {
      // The cap, not the deadline, ends it: a loaded machine may need seconds to read 32 MB, so the deadline is wide.
      const client = createZStackClient(profileFor(server.url, { timeoutMs: 15_000 }))
      const fast = await measured(() => failureOf(client.queryHosts(SESSION)))
      expect(fast.result.code).toBe('ANSWER_LIMIT')
      expect(fast.rssGrowth).toBeLessThan(100 * MB)
      expect(fast.ms).toBeLessThan(15_000)
      console.log(
        `endless body: ${fast.result.code} in ${fast.ms} ms, RSS +${Math.round(fast.rssGrowth / MB)} MB`
      )

      const slowClient = createZStackClient(
        profileFor(server.url, {
          timeoutMs: 1500,
          endpoint: { ...profileFor(server.url).endpoint, path: 'slow' }
        })
      )
      const slow = await measured(() => failureOf(slowClient.queryHosts(SESSION)))
      expect(slow.result.code).toBe('TIMEOUT')
      expect(slow.result.message).toMatch(/within 1.5 s/)
      expect(slow.result.kind).toBe('noAnswerInTime')
      expect(slow.ms).toBeLessThan(1500 + 1000)
      console.log(`endless slow body: ${slow.result.code} in ${slow.ms} ms`)
    } finally {
      await server.close()
    }
  })

  it('refuses JSON nested deeper than the limit, small or big, without parsing it', async () => {
    const small = Buffer.from(`{"inventories":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    const big = Buffer.from(`{"inventories":${'['.repeat(15 * MB)}${']'.repeat(15 * MB)}}`)
    const server = await startHostile((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(req.url?.includes('big') ? big : small)
    })
    try {
      const client = createZStackClient(profileFor(server.url, { timeoutMs: 10_000 }))
      const smallError = await failureOf(client.queryHosts(SESSION))
      expect(smallError.code).toBe('ANSWER_LIMIT')
      expect(smallError.message).toMatch(/nested more than 64 levels/)
      const bigClient = createZStackClient(
        profileFor(server.url, {
          timeoutMs: 10_000,
          endpoint: { ...profileFor(server.url).endpoint, path: 'big' }
        })
      )
      const gaps = eventLoopGaps()
      const { result, ms } = await measured(() => failureOf(bigClient.queryHosts(SESSION)))
      const worstGap = gaps.stop()
      expect(result.code).toBe('ANSWER_LIMIT')
      expect(worstGap).toBeLessThan(1000)
      console.log(`30 MB nested JSON: ${result.code} in ${ms} ms, worst event-loop gap ${worstGap} ms`)
    } finally {
      await server.close()
    }
  })

  it('parses a big valid page off the event loop', async () => {
    const vm = { uuid: 'e'.repeat(32), name: 'vm', description: 'x'.repeat(400), allVolumes: [{ size: 1 }] }
    const text = JSON.stringify({ inventories: Array.from({ length: 40_000 }, () => vm), total: 40_000 })
    const page = Buffer.from(text)
    const server = await startHostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(page)
    })
    try {
      const client = createZStackClient(profileFor(server.url, { timeoutMs: 10_000 }))
      const syncStart = Date.now()
      JSON.parse(text)
      const syncMs = Date.now() - syncStart
      const gaps = eventLoopGaps()
      const result = await client.queryHosts(SESSION)
      const worstGap = gaps.stop()
      expect(result.items).toHaveLength(40_000)
      console.log(
        `${Math.round(page.length / MB)} MB page: parsed on the main thread takes ${syncMs} ms; worst event-loop gap through the client ${worstGap} ms`
      )
      expect(worstGap).toBeLessThan(Math.max(syncMs, 200))
    } finally {
      await server.close()
    }
  })
})

describe('a malformed login answer', () => {
  it('refuses a session id that is not shaped like one, so it never reaches the keychain', async () => {
    const forged = ['x\r\nSet-Cookie: a=b', 'short', 'a'.repeat(65), '../../etc', '{"$ne":1}']
    let next = 0
    const server = await startHostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ inventory: { uuid: forged[next++] } }))
    })
    try {
      const client = createZStackClient(profileFor(server.url))
      for (const id of forged) {
        const error = await failureOf(client.login('admin', 'password'))
        expect(error.code, id).toBe('HTTP')
        expect(error.message).toMatch(/did not contain a well-formed session id/)
      }
    } finally {
      await server.close()
    }
  })
})

/** The longest the event loop went without running a 5 ms timer, from now until stop(). */
function eventLoopGaps(): { stop(): number } {
  let last = Date.now()
  let worst = 0
  const timer = setInterval(() => {
    const now = Date.now()
    worst = Math.max(worst, now - last)
    last = now
  }, 5)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(worst, Date.now() - last)
    }
  }
}

describe('a trickled job poll', () => {
  let sim: RunningSimulator
  let front: Hostile
  let trickled = 0

  beforeAll(async () => {
    sim = await startSimulator({ vms: 60, seed: 17, migrationDurationMs: 300, actionDurationMs: 100 })
    const target = new URL(sim.url)
    // Passes everything through; the first two job polls come back one byte every 100 ms.
    front = await startHostile((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers
          },
          (answer) => {
            const slow = req.url?.includes('/api-jobs/') && trickled < 2
            if (slow) trickled++
            const { 'content-length': _length, ...headers } = answer.headers
            res.writeHead(answer.statusCode ?? 502, headers)
            if (!slow) return void answer.pipe(res)
            const body: Buffer[] = []
            answer.on('data', (c: Buffer) => body.push(c))
            answer.on('end', () => {
              const all = Buffer.concat(body)
              let at = 0
              const timer = setInterval(() => {
                if (res.destroyed || at >= all.length) {
                  clearInterval(timer)
                  return void res.end()
                }
                res.write(all.subarray(at, ++at))
              }, 100)
            })
          }
        )
        upstream.end(Buffer.concat(chunks))
      })
    })
  })

  afterAll(async () => {
    await front?.close()
    await sim?.stop()
  })

  it('gives up on a trickled poll at the deadline and follows the migration to its end', async () => {
    const client = createZStackClient(profileFor(front.url, { timeoutMs: 1500 }), {
      pollBackoff: { initialMs: 50, maxMs: 200 }
    })
    const session = (await client.login('admin', 'password')).sessionUuid
    const vm = sim.findVms(plainlyMigratableOn(sim))[0]
    if (!vm) throw new Error('no migratable VM')
    const target = (await client.getMigrationCandidates(session, vm.uuid))[0]?.uuid
    if (!target) throw new Error('no candidate host')
    const started = Date.now()
    const submission = await client.submitVmAction(
      session,
      vm.uuid,
      'migrateVm',
      { hostUuid: target },
      {
        jobUuid: randomBytes(16).toString('hex')
      }
    )
    const body = await client.waitForJob(session, submission)
    const ms = Date.now() - started
    expect(trickled).toBe(2)
    expect((body.inventory as VmInventory).hostUuid).toBe(target)
    expect(sim.vm(vm.uuid)?.hostUuid).toBe(target)
    expect(ms).toBeLessThan(8000)
    console.log(`trickled poll: migration followed to its end in ${ms} ms after 2 trickled polls`)
  }, 30_000)
})
