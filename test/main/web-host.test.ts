import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import { startWebHost, type WebHost } from '../../src/main/web-host/server'

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
  let cookie: string

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-web-'))
    const staticDir = join(dir, 'renderer')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
    writeFileSync(join(dir, 'secret.txt'), 'outside')
    runtime = await composeDesk({ transport: 'web', dataDir: dir, version: '9.9.9' })
    host = await startWebHost({ guarded: runtime.guarded, events: runtime.events, staticDir })
    cookie = `desk_token=${host.token}`
  })

  afterAll(async () => {
    await host.close()
    await runtime.dispose()
  })

  it('listens on loopback only', () => {
    expect(host.url.startsWith('http://127.0.0.1:')).toBe(true)
  })

  it('refuses a request without the token', async () => {
    expect((await raw(host.port, '/')).status).toBe(403)
    expect(
      (await raw(host.port, '/api/getAppInfo', { method: 'POST', headers: { 'x-desk-request': '1' } })).status
    ).toBe(403)
    expect((await raw(host.port, '/?token=wrong')).status).toBe(403)
  })

  it('trades the token in the address for an HttpOnly cookie', async () => {
    const res = await raw(host.port, `/?token=${host.token}`)
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/')
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly')
  })

  it('serves the page with a strict CSP and answers the API with the cookie and request header', async () => {
    const page = await raw(host.port, '/', { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval')
    const info = await raw(host.port, '/api/getAppInfo', {
      method: 'POST',
      headers: { cookie, 'x-desk-request': '1' }
    })
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, data: { version: '9.9.9', transport: 'web' } })
  })

  it('refuses cross-site style requests: no request header, a foreign Host, a GET on the API', async () => {
    expect((await raw(host.port, '/api/getAppInfo', { method: 'POST', headers: { cookie } })).status).toBe(
      403
    )
    expect((await raw(host.port, '/', { headers: { cookie, host: 'evil.example:80' } })).status).toBe(403)
    expect((await raw(host.port, '/api/getAppInfo', { headers: { cookie } })).status).toBe(405)
  })

  it('validates API arguments and rejects bodies that are not JSON', async () => {
    const headers = { cookie, 'x-desk-request': '1' }
    const bad = await raw(host.port, '/api/getVm', { method: 'POST', headers, body: '{"profileId":1}' })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const notJson = await raw(host.port, '/api/getVm', { method: 'POST', headers, body: '<html>' })
    expect(notJson.status).toBe(400)
    const unknown = await raw(host.port, '/api/__proto__', { method: 'POST', headers, body: '{}' })
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('never serves files outside the renderer folder', async () => {
    const res = await raw(host.port, '/../secret.txt', { headers: { cookie } })
    expect(res.body).not.toContain('outside')
    const encoded = await raw(host.port, '/%2e%2e/secret.txt', { headers: { cookie } })
    expect(encoded.body).not.toContain('outside')
  })

  it('streams events to a signed-in page', async () => {
    let connected!: () => void
    const subscribed = new Promise<void>((resolve) => (connected = resolve))
    const received = new Promise<string>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/events', headers: { cookie } },
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
    runtime.events.emit('notice', { level: 'info', message: 'hello' })
    expect(await received).toContain('"message":"hello"')
  })
})
