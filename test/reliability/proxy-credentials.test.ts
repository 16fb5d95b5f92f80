// Issue 17.3: a proxy's password lives in the keychain, never in profiles.json, answers, events or exports, and
// requests still go through a real loopback proxy that demands it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import { createKeytarSecretStore } from '../../src/main/secrets/keytar-secret-store'
import { proxyAccount } from '../../src/main/secrets/proxy-secrets'
import { startWebHost, type WebHost } from '../../src/main/web-host/server'
import type { Result } from '../../src/shared/api'
import type { ClusterProfile, ImportReport, ProfileListing } from '../../src/shared/profile-types'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { listFiles } from './support/data-dir'
import { createWebClient, type WebClient } from './support/web-client'

const hasSecretService = process.env.DESK_SECRET_SERVICE === '1'
const PROXY_USER = 'desk-proxy'
const PROXY_PASSWORD = `Proxy-${randomBytes(12).toString('hex')}-pw`
const ADMIN_PASSWORD = 'password'

interface AuthProxy {
  port: number
  /** Requests forwarded with the right Proxy-Authorization, and refused without it. */
  forwarded: number
  refused: number
  close(): Promise<void>
}

/** A forward HTTP proxy that answers 407 unless Proxy-Authorization carries PROXY_USER:PROXY_PASSWORD. */
async function startAuthProxy(): Promise<AuthProxy> {
  const expected = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`
  const state = { forwarded: 0, refused: 0 }
  const server = http.createServer((req, res) => {
    if (req.headers['proxy-authorization'] !== expected) {
      state.refused++
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"', Connection: 'close' }).end()
      return
    }
    state.forwarded++
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    const upstream = http.request(req.url!, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    port: (server.address() as AddressInfo).port,
    get forwarded() {
      return state.forwarded
    },
    get refused() {
      return state.refused
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      })
  }
}

describe('proxy credentials stay in the keychain (issue 17.3)', () => {
  let sim: RunningSimulator
  let proxy: AuthProxy
  let runtime: DeskRuntime | undefined
  let host: WebHost | undefined
  let web: WebClient | undefined
  let dataDir: string

  beforeAll(async () => {
    if (!hasSecretService) return
    sim = await startSimulator({ vms: 5, seed: 17, accounts: { admin: ADMIN_PASSWORD } })
    proxy = await startAuthProxy()
    dataDir = mkdtempSync(join(tmpdir(), 'desk-proxy-creds-'))
  })

  afterAll(async () => {
    web?.close()
    await host?.close()
    await runtime?.dispose()
    await proxy?.close()
    await sim?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it(
    'stores, lists, emits and exports the proxy without its password, and still sends it to the proxy',
    { timeout: 60_000 },
    async () => {
      expect(
        hasSecretService,
        'This test needs the real Secret Service: run it as `node scripts/with-keyring.mjs npx vitest run test/reliability/proxy-credentials.test.ts`.'
      ).toBe(true)
      const keychain = createKeytarSecretStore()
      const simPort = Number(new URL(sim.url).port)
      const received: string[] = []

      // An older profiles.json with the password in the URL: moved to the keychain when the app opens.
      writeFileSync(
        join(dataDir, 'profiles.json'),
        JSON.stringify({
          version: 1,
          profiles: [
            {
              id: 'legacy-proxy',
              name: 'Legacy proxy',
              endpoint: { scheme: 'http', host: '127.0.0.1', port: simPort, path: 'zstack' },
              accountName: 'admin',
              tls: { verify: true },
              proxyUrl: `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`,
              timeoutMs: 10_000
            }
          ]
        })
      )
      runtime = await composeDesk({ transport: 'web', dataDir, version: 'proxy-creds' })
      const staticDir = mkdtempSync(join(tmpdir(), 'desk-proxy-page-'))
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>proxy</title>')
      host = await startWebHost({ guarded: runtime.guarded, events: runtime.events, staticDir })
      web = createWebClient(host)
      const events = await web.listen()
      const data = async <T>(method: string, arg?: unknown): Promise<T> => {
        const reply = await web!.post(method, arg === undefined ? '' : JSON.stringify(arg))
        received.push(reply.body)
        const result = JSON.parse(reply.body) as Result<T>
        if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
        return result.data
      }

      expect(await keychain.get(proxyAccount('legacy-proxy')), 'the legacy password in the keychain').toBe(
        PROXY_PASSWORD
      )
      const endpoint = { scheme: 'http', host: '127.0.0.1', port: simPort, path: 'zstack' }
      // Typed into the URL: taken out of it and kept in the keychain.
      const inUrl = await data<ClusterProfile>('saveProfile', {
        name: 'Proxy in URL',
        endpoint,
        accountName: 'admin',
        tls: { verify: true },
        proxyUrl: `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`,
        timeoutMs: 10_000
      })
      expect(inUrl.proxyUrl).toBe(`http://${PROXY_USER}@127.0.0.1:${proxy.port}`)
      expect(inUrl.proxyPasswordStored).toBe(true)
      // Typed into the form's password field.
      const inField = await data<ClusterProfile>('saveProfile', {
        name: 'Proxy in field',
        endpoint,
        accountName: 'admin',
        tls: { verify: true },
        proxyUrl: `http://${PROXY_USER}@127.0.0.1:${proxy.port}`,
        proxyPassword: PROXY_PASSWORD,
        timeoutMs: 10_000
      })
      expect(await keychain.get(proxyAccount(inField.id))).toBe(PROXY_PASSWORD)
      expect(await keychain.get(proxyAccount(inUrl.id))).toBe(PROXY_PASSWORD)

      // Requests go through the proxy, which demands the credentials the client read from the keychain.
      const report = await data<{ reachable: boolean; version?: string }>('testConnection', {
        profile: { ...inField, proxyPasswordStored: undefined, builtIn: undefined, lastUsedAt: undefined }
      })
      expect(report.reachable).toBe(true)
      for (const profile of [inUrl, inField, { id: 'legacy-proxy' }]) {
        await data('signIn', {
          profileId: profile.id,
          accountName: 'admin',
          password: ADMIN_PASSWORD,
          rememberPassword: false
        })
        const page = await data<{ items: unknown[] }>('queryVms', {
          profileId: profile.id,
          start: 0,
          limit: 5
        })
        expect(page.items.length).toBeGreaterThan(0)
      }
      expect(proxy.forwarded).toBeGreaterThanOrEqual(7)
      expect(proxy.refused, 'requests the proxy refused for want of credentials').toBe(0)

      const listing = await data<ProfileListing>('listProfiles')
      expect(listing.profiles.find((p) => p.id === 'legacy-proxy')).toMatchObject({
        proxyUrl: `http://${PROXY_USER}@127.0.0.1:${proxy.port}`,
        proxyPasswordStored: true
      })
      const exported = await data<{ content: string }>('exportProfiles', { format: 'yaml' })
      await data('exportProfiles', { format: 'json' })
      expect(exported.content).toContain(`${PROXY_USER}@127.0.0.1:${proxy.port}`)

      // An imported file may carry a password in its URL: it is not taken, and the report asks for it.
      const imported = await data<ImportReport>('importProfiles', {
        fileName: 'shared.json',
        content: JSON.stringify({
          version: 1,
          profiles: [
            {
              name: 'Imported proxy',
              endpoint,
              accountName: 'admin',
              proxyUrl: `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`
            }
          ]
        })
      })
      const needing = imported.entries.filter((e) => e.needsProxyPassword).map((e) => e.name)
      expect(needing).toContain('Imported proxy')
      const importedId = imported.entries.find((e) => e.name === 'Imported proxy')!.profileId!
      expect(await keychain.get(proxyAccount(importedId))).toBeUndefined()

      // Deleting a profile forgets its proxy password.
      await data('deleteProfile', { profileId: inUrl.id })
      expect(await keychain.get(proxyAccount(inUrl.id))).toBeUndefined()
      await vi.waitFor(() => expect(events.received.join('')).toMatch(/profiles:changed/), {
        timeout: 10_000
      })
      await vi.waitFor(
        () =>
          expect(
            events.received.join('').match(/event: profiles:changed/g)?.length ?? 0
          ).toBeGreaterThanOrEqual(4),
        { timeout: 10_000 }
      )
      events.close()
      await runtime.dispose()
      runtime = undefined

      const files = listFiles(dataDir)
      const haystacks = [
        ...files.map((file) => ({
          where: relative(dataDir, file),
          text: readFileSync(file).toString('latin1')
        })),
        ...received.map((text, i) => ({ where: `HTTP answer ${i}`, text })),
        { where: 'SSE events', text: events.received.join('') }
      ]
      // The search reads real content: the proxy's user is in the file, the answers and the events.
      expect(haystacks.filter((h) => h.text.includes(`${PROXY_USER}@127.0.0.1`)).map((h) => h.where)).toEqual(
        expect.arrayContaining(['profiles.json', 'SSE events'])
      )
      const forms = [
        PROXY_PASSWORD,
        encodeURIComponent(PROXY_PASSWORD),
        Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')
      ]
      const matches = haystacks.flatMap((h) => forms.filter((f) => h.text.includes(f)).map(() => h.where))
      console.log(
        `proxy credentials: ${proxy.forwarded} requests through the authenticating proxy; searched ${files.length} files, ${received.length} answers, ${events.received.length} event chunks: ${matches.length} matches`
      )
      expect(matches).toEqual([])
      for (const id of ['legacy-proxy', inField.id]) await keychain.delete(proxyAccount(id))
    }
  )
})
