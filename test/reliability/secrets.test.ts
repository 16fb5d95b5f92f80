// Issue 8.4: a whole session through the web host, as the renderer drives it, against the real Secret Service;
// afterwards neither the data folder, the log, nor anything the renderer received holds a secret, and the keychain
// entry is gone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import { createKeytarSecretStore } from '../../src/main/secrets/keytar-secret-store'
import { startWebHost, type WebHost } from '../../src/main/web-host/server'
import type { MigrationPlan, MigrationRecord, Result, SessionState } from '../../src/shared/api'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { seededRandom } from './support/arg-mutator'
import { listFiles } from './support/data-dir'
import { startFaultProxy, type FaultProxy } from './support/fault-proxy'
import { createWebClient, type WebClient } from './support/web-client'

const hasSecretService = process.env.DESK_SECRET_SERVICE === '1'
const PASSWORD = `Desk-${randomBytes(12).toString('hex')}-pw`
const PASSWORD_HASH = createHash('sha512').update(PASSWORD, 'utf8').digest('hex')

/** Every spelling of a secret that would still give it away. */
function spellings(secret: string): string[] {
  const forms = new Set([secret, secret.toUpperCase(), secret.toLowerCase()])
  if (/^[0-9a-f]{32}$/i.test(secret)) {
    forms.add(secret.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'))
  }
  forms.add(Buffer.from(secret).toString('base64'))
  return [...forms]
}

describe('secrets never leave the keychain (issue 8.4)', () => {
  let sim: RunningSimulator
  let proxy: FaultProxy
  let runtime: DeskRuntime
  let host: WebHost
  let web: WebClient
  let dataDir: string
  const received: string[] = []
  const sessionUuids = new Set<string>()

  beforeAll(async () => {
    // Without a Secret Service the test itself fails, saying how to run it (below).
    if (!hasSecretService) return
    sim = await startSimulator({ vms: 30, seed: 84, accounts: { admin: PASSWORD }, migrationDurationMs: 500 })
    // A recording pass-through: the simulator's side of every login tells which session ids exist.
    proxy = await startFaultProxy(sim.url, 0, seededRandom(1), (request, answer) => {
      if (request.url.includes('/accounts/login') && answer.status === 200) {
        const uuid = (JSON.parse(answer.body) as { inventory?: { uuid?: string } }).inventory?.uuid
        if (uuid) sessionUuids.add(uuid)
      }
    })
    dataDir = mkdtempSync(join(tmpdir(), 'desk-secrets-'))
    runtime = await composeDesk({
      transport: 'web',
      dataDir,
      version: 'secrets',
      clientOptions: { pollBackoff: { initialMs: 100, maxMs: 300 } }
    })
    const built = resolve('out/renderer')
    // The API is what matters here; the built page is served when there is one.
    const staticDir = existsSync(join(built, 'index.html'))
      ? built
      : mkdtempSync(join(tmpdir(), 'desk-secrets-page-'))
    if (staticDir !== built)
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>secrets</title>')
    host = await startWebHost({ guarded: runtime.guarded, events: runtime.events, staticDir })
    web = createWebClient(host)
  })

  afterAll(async () => {
    web?.close()
    await host?.close()
    await runtime?.dispose()
    await proxy?.stop()
    await sim?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it(
    'keeps the password, its hash and the session id out of files, logs and everything sent to the renderer',
    { timeout: 60_000 },
    async () => {
      expect(
        hasSecretService,
        'This test needs the real Secret Service: run it as `node scripts/with-keyring.mjs npx vitest run test/reliability/secrets.test.ts` (npm test does).'
      ).toBe(true)
      const events = await web.listen()
      /** A renderer call over HTTP; every answer body is kept for the search. */
      const call = async <T>(method: string, arg?: unknown): Promise<Result<T>> => {
        const reply = await web.post(method, arg === undefined ? '' : JSON.stringify(arg))
        received.push(reply.body)
        return JSON.parse(reply.body) as Result<T>
      }
      const data = async <T>(method: string, arg?: unknown): Promise<T> => {
        const result = await call<T>(method, arg)
        if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
        return result.data
      }

      await data('getAppInfo')
      await data('listProfiles')
      const profileInput = {
        name: 'Secrets lab',
        endpoint: { scheme: 'http', host: '127.0.0.1', port: proxy.port, path: 'zstack' },
        accountName: 'admin',
        tls: { verify: true },
        timeoutMs: 10_000
      }
      await data('testConnection', { profile: profileInput })
      const profile = await data<{ id: string }>('saveProfile', profileInput)
      const profileId = profile.id
      const keychain = createKeytarSecretStore()

      // A wrong password first: its error must not echo what was typed either.
      const wrong = await call('signIn', {
        profileId,
        accountName: 'admin',
        password: `${PASSWORD}x`,
        rememberPassword: true
      })
      expect(wrong).toMatchObject({ ok: false })
      const signedIn = await data<SessionState>('signIn', {
        profileId,
        accountName: 'admin',
        password: PASSWORD,
        rememberPassword: true
      })
      expect(signedIn).toMatchObject({ status: 'signed-in', rememberPassword: true, storage: 'keychain' })
      const entry = await keychain.get(profileId)
      expect(entry, 'the keychain entry after sign-in').toBeDefined()
      expect(entry).toContain(PASSWORD)
      const stored = JSON.parse(entry!) as { sessionUuid: string }
      sessionUuids.add(stored.sessionUuid)

      await data('getSessions')
      const page = await data<{ items: { uuid: string; state: string; type: string }[] }>('queryVms', {
        profileId,
        states: ['Running'],
        start: 0,
        limit: 20,
        replyWithCount: true
      })
      const vm = page.items.find((v) => v.type === 'UserVm')!
      await data('queryVms', { profileId, search: vm.uuid.slice(0, 8), start: 0, limit: 10 })
      await data('getVm', { profileId, vmUuid: vm.uuid })
      await data('getTopology', { profileId })

      // The server drops the session: the remembered password signs in again silently, with a new session id.
      sim.expireSessions()
      const plan = await data<MigrationPlan>('getMigrationPlan', { profileId, vmUuid: vm.uuid })
      const renewed = JSON.parse((await keychain.get(profileId))!) as { sessionUuid: string }
      sessionUuids.add(renewed.sessionUuid)
      expect(plan.candidates.length).toBeGreaterThan(0)
      const record = await data<MigrationRecord>('migrateVm', {
        profileId,
        vmUuid: vm.uuid,
        params: { hostUuid: plan.candidates[0]!.host.uuid }
      })
      let finished: MigrationRecord | undefined
      for (let i = 0; i < 100 && !finished; i++) {
        await new Promise((r) => setTimeout(r, 100))
        const list = await data<MigrationRecord[]>('listMigrations', { profileId })
        finished = list.find((r) => r.id === record.id && (r.state === 'succeeded' || r.state === 'failed'))
      }
      expect(finished?.state).toBe('succeeded')
      await data('exportProfiles', { format: 'json' })
      await data('exportProfiles', { format: 'yaml' })
      await data('getSessions')

      const signedOut = await data<SessionState>('signOut', { profileId })
      expect(signedOut.status).toBe('signed-out')
      expect(await keychain.get(profileId), 'the keychain entry after sign-out').toBeUndefined()
      await data('getSessions')
      await data('listProfiles')
      // The events are searched too: wait for the last one this flow causes (the sign-out) before closing.
      await vi.waitFor(
        () => expect(events.received.join('')).toMatch(/session:changed\ndata: .*"signed-out"/),
        {
          timeout: 10_000
        }
      )
      events.close()
      await runtime.dispose()

      // What was searched is not empty: a search of nothing finds nothing.
      const files = listFiles(dataDir)
      const logFile = files.find((f) => f.endsWith(join('logs', 'desk.log')))
      expect(logFile, 'the log file').toBeDefined()
      expect(statSync(logFile!).size).toBeGreaterThan(200)
      expect(events.received.join('')).toContain('migration:update')
      expect(sessionUuids.size).toBeGreaterThanOrEqual(2)

      const haystacks = [
        ...files.map((file) => ({
          where: relative(dataDir, file),
          text: readFileSync(file).toString('latin1')
        })),
        ...received.map((text, i) => ({ where: `HTTP answer ${i}`, text })),
        { where: 'SSE events', text: events.received.join('') }
      ]
      // The search reads real content: the profile's name is on disk and the VM's id came back over HTTP.
      expect(haystacks.filter((h) => h.text.includes('Secrets lab')).map((h) => h.where)).toContain(
        'profiles.json'
      )
      expect(haystacks.some((h) => h.where.startsWith('HTTP') && h.text.includes(vm.uuid))).toBe(true)
      const secrets = [
        { name: 'password', value: PASSWORD },
        { name: 'password SHA-512', value: PASSWORD_HASH },
        ...[...sessionUuids].map((uuid, i) => ({ name: `session id ${i + 1}`, value: uuid }))
      ]
      const matches: string[] = []
      for (const secret of secrets) {
        for (const form of spellings(secret.value)) {
          for (const haystack of haystacks)
            if (haystack.text.includes(form)) matches.push(`${secret.name} in ${haystack.where}`)
        }
      }
      console.log(
        `secrets: searched ${files.length} files (${statSync(logFile!).size} log bytes), ${received.length} HTTP answers, ` +
          `${events.received.length} SSE chunks for ${secrets.length} secrets (${sessionUuids.size} session ids): ${matches.length} matches`
      )
      expect(matches).toEqual([])
    }
  )
})
