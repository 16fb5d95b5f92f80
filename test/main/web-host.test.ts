import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import {
  MAX_EVENT_STREAMS,
  MAX_STREAM_BUFFER_BYTES,
  startWebHost,
  type WebHost
} from '../../src/main/web-host/server'
import type { Logger } from '../../src/main/log/logger'
import { appError } from '../../src/shared/error-kinds'
import { openTab } from '../reliability/support/web-client'

/** A logger that keeps its lines, to read what the web host noted. */
function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const note = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)
  return {
    lines,
    debug: note('debug'),
    info: note('info'),
    warn: note('warn'),
    error: note('error'),
    addSecret: () => undefined,
    flush: async () => undefined,
    close: async () => undefined
  }
}

function raw(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {}
) {
  return new Promise<{
    status: number
    headers: Record<string, string | string[] | undefined>
    body: string
  }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

describe('web host', () => {
  let runtime: DeskRuntime
  let host: WebHost
  let token: string
  const logger = memoryLogger()

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-web-'))
    const staticDir = join(dir, 'renderer')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(dir, 'secret.txt'), 'outside')
    runtime = await composeDesk({ transport: 'web', dataDir: dir, version: '9.9.9' })
    host = await startWebHost({ guarded: runtime.guarded, events: runtime.events, staticDir, logger })
    token = await openTab(host.newLink())
  })

  afterAll(async () => {
    await host.close()
    await runtime.dispose()
  })

  it('listens on loopback only', () => {
    expect(host.url.startsWith('http://127.0.0.1:')).toBe(true)
  })

  it('refuses an API call without a valid tab token', async () => {
    const headers = { 'x-desk-request': '1' }
    expect((await raw(host.port, '/api/getAppInfo', { method: 'POST', headers })).status).toBe(403)
    const wrong = { ...headers, 'x-desk-token': 'wrong' }
    expect((await raw(host.port, '/api/getAppInfo', { method: 'POST', headers: wrong })).status).toBe(403)
    expect((await raw(host.port, '/api/events')).status).toBe(403)
  })

  it('prints a link whose token stays in the fragment and works once; no cookie is ever set', async () => {
    const link = host.newLink()
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/)
    const linkToken = new URL(link).hash.slice('#token='.length)
    const exchange = () =>
      raw(host.port, '/api/session', {
        method: 'POST',
        headers: { 'x-desk-request': '1', 'x-desk-link': linkToken }
      })
    const first = await exchange()
    expect(first.status).toBe(200)
    expect(first.headers['set-cookie']).toBeUndefined()
    const tab = (JSON.parse(first.body) as { token: string }).token
    expect(tab).not.toBe(linkToken)
    expect((await exchange()).status).toBe(403)
    // The link token itself never opens the API.
    const asTab = { 'x-desk-request': '1', 'x-desk-token': linkToken }
    expect((await raw(host.port, '/api/getAppInfo', { method: 'POST', headers: asTab })).status).toBe(403)
    const page = await raw(host.port, '/')
    expect(page.status).toBe(200)
    expect(page.headers['set-cookie']).toBeUndefined()
  })

  it('serves the page with a strict CSP and answers the API with the tab token and request header', async () => {
    const page = await raw(host.port, '/')
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval')
    const info = await raw(host.port, '/api/getAppInfo', {
      method: 'POST',
      headers: { 'x-desk-token': token, 'x-desk-request': '1' }
    })
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, data: { version: '9.9.9', transport: 'web' } })
  })

  it('refuses cross-site style requests: no request header, a foreign Host, a GET on the API', async () => {
    const tabHeader = { 'x-desk-token': token }
    expect((await raw(host.port, '/api/getAppInfo', { method: 'POST', headers: tabHeader })).status).toBe(403)
    expect((await raw(host.port, '/', { headers: { ...tabHeader, host: 'evil.example:80' } })).status).toBe(
      403
    )
    expect((await raw(host.port, '/api/getAppInfo', { headers: tabHeader })).status).toBe(405)
  })

  it('validates API arguments and rejects bodies that are not JSON', async () => {
    const headers = { 'x-desk-token': token, 'x-desk-request': '1' }
    const bad = await raw(host.port, '/api/getVm', { method: 'POST', headers, body: '{"profileId":1}' })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const notJson = await raw(host.port, '/api/getVm', { method: 'POST', headers, body: '<html>' })
    expect(notJson.status).toBe(400)
    const unknown = await raw(host.port, '/api/__proto__', { method: 'POST', headers, body: '{}' })
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('never serves files outside the renderer folder', async () => {
    const res = await raw(host.port, '/../secret.txt')
    expect(res.body).not.toContain('outside')
    const encoded = await raw(host.port, '/%2e%2e/secret.txt')
    expect(encoded.body).not.toContain('outside')
  })

  it('streams events to a signed-in page', async () => {
    let connected!: () => void
    const subscribed = new Promise<void>((resolve) => (connected = resolve))
    const received = new Promise<string>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: { 'x-desk-token': token } },
        (res) => {
          // The host registers the stream before it sends the headers: from here on no event is missed.
          connected()
          res.on('data', (chunk: Buffer) => {
            const text = chunk.toString()
            if (text.includes('event: notice')) {
              resolve(text)
              req.destroy()
            }
          })
        }
      )
      req.end()
    })
    await subscribed
    runtime.events.emit('notice', { level: 'info', error: appError('unexpected', {}, { details: 'hello' }) })
    expect(await received).toContain('"details":"hello"')
  })

  /** Opens an event stream; resolves once its headers came, with a promise for its end. */
  function openStream(options: { paused?: boolean } = {}) {
    return new Promise<{ ended: Promise<void>; close(): void }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: { 'x-desk-token': token } },
        (res) => {
          const ended = new Promise<void>((done) => res.once('close', () => done()))
          if (options.paused) res.pause()
          else res.resume()
          resolve({ ended, close: () => req.destroy() })
        }
      )
      req.on('error', reject)
      req.end()
    })
  }

  it(`keeps at most ${MAX_EVENT_STREAMS} event streams: one more closes the oldest`, async () => {
    const streams = []
    for (let i = 0; i <= MAX_EVENT_STREAMS; i++) streams.push(await openStream())
    await streams[0]?.ended
    const stillOpen = await Promise.race([
      streams[1]?.ended.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 200))
    ])
    expect(stillOpen).toBe(true)
    for (const stream of streams) stream.close()
  })

  it('closes a stream whose reader stopped reading once its buffer passes the limit', async () => {
    const stalled = await Promise.all([1, 2, 3, 4, 5].map(() => openStream({ paused: true })))
    const dropped = () => logger.lines.filter((line) => line.includes('stopped reading')).length
    const droppedBefore = dropped()
    const rssBefore = process.memoryUsage.rss()
    const message = 'x'.repeat(64 * 1024)
    const error = appError('unexpected', {}, { details: message })
    let sent = 0
    // 100 MB of events at most; a stalled reader must be dropped long before (the kernel buffers some MB first).
    while (dropped() - droppedBefore < 5 && sent < 100 * 1024 * 1024) {
      runtime.events.emit('notice', { level: 'info', error })
      sent += message.length
      await new Promise((resolve) => setImmediate(resolve))
    }
    const grown = process.memoryUsage.rss() - rssBefore
    for (const stream of stalled) stream.close()
    console.log(
      `5 stalled readers closed after ${Math.round(sent / 1024 / 1024)} MB of events each (buffer limit ${MAX_STREAM_BUFFER_BYTES / 1024} kB); RSS +${Math.round(grown / 1024 / 1024)} MB`
    )
    expect(dropped() - droppedBefore).toBe(5)
    expect(sent).toBeLessThan(40 * 1024 * 1024)
  })

  it('logs refused requests with the reason and remote port, rate-limited and without tokens', async () => {
    const before = logger.lines.length
    for (let i = 0; i < 40; i++) {
      await raw(host.port, '/api/getAppInfo', {
        method: 'POST',
        headers: { 'x-desk-request': '1', 'x-desk-token': `forged-${token}` }
      })
    }
    const lines = logger.lines.slice(before)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.length).toBeLessThanOrEqual(20)
    expect(lines[0]).toMatch(/refused a request: bad token/)
    expect(lines[0]).toMatch(/"remotePort":\d+/)
    expect(lines[0]).toMatch(/"path":"\/api\/getAppInfo"/)
    expect(lines.join('\n')).not.toContain(token)
  })
})
