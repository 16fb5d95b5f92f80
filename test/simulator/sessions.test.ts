// Login, logout, validate, renew, version, the Authorization header and session expiry (sync and through a poll).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { call, errorOf, jobPathOf, logIn, sha512, vmAction, waitForJob } from './sim-client'

const GSON_DATE = /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/
let sim: RunningSimulator
let url: string

beforeAll(async () => {
  sim = await startSimulator({
    vms: 60,
    migrationDurationMs: 200,
    accounts: { admin: 'password', ops: 's3cret!' }
  })
  url = sim.url
})
afterAll(() => sim.stop())

const login = (accountName: string, password: string, headers?: Record<string, string>) =>
  call(url, 'PUT', '/zstack/v1/accounts/login', {
    body: { logInByAccount: { accountName, password } },
    headers
  })

describe('login', () => {
  it('answers 200 with a session inventory for the SHA-512 hex of the password', async () => {
    const before = sim.stats().logins
    const result = await login('admin', sha512('password'))
    expect(result.status).toBe(200)
    const inventory = (result.json as { inventory: Record<string, string> }).inventory
    expect(inventory.uuid).toMatch(/^[0-9a-f]{32}$/)
    expect(inventory.accountUuid).toBe('36c27e8ff05c4780bf6d2fa65700f22e')
    expect(inventory.userUuid).toMatch(/^[0-9a-f]{32}$/)
    expect(inventory.expiredDate).toMatch(GSON_DATE)
    expect(inventory.createDate).toMatch(GSON_DATE)
    expect(sim.stats().logins).toBe(before + 1)
  })

  it('accepts other configured accounts', async () => {
    expect((await login('ops', sha512('s3cret!'))).status).toBe(200)
  })

  it.each([
    ['a wrong password', 'admin', sha512('wrong')],
    ['an unknown account', 'nobody', sha512('password')],
    ['the clear password', 'admin', 'password'],
    ['upper-case hex', 'admin', sha512('password').toUpperCase()]
  ])('answers 503 ID.1000 for %s', async (_case, name, password) => {
    const result = await login(name, password)
    expect(result.status).toBe(503)
    expect(errorOf(result).code).toBe('ID.1000')
  })

  it('ignores the request Content-Type', async () => {
    const result = await login('admin', sha512('password'), { 'Content-Type': 'text/plain' })
    expect(result.status).toBe(200)
  })

  it('answers 400 plain text for a body without the action key and for invalid JSON', async () => {
    const missing = await call(url, 'PUT', '/zstack/v1/accounts/login', { body: { loginByAccount: {} } })
    expect(missing.status).toBe(400)
    expect(missing.text).toBe("the body doesn't contain action mapping to the URL[/v1/accounts/login]")
    const broken = await call(url, 'PUT', '/zstack/v1/accounts/login', { rawBody: '{"logInByAccount": {' })
    expect(broken.status).toBe(400)
    expect(broken.json).toBeUndefined()
  })

  it('answers 400 when accountName is not a string', async () => {
    const result = await call(url, 'PUT', '/zstack/v1/accounts/login', {
      body: { logInByAccount: { accountName: 7, password: sha512('password') } }
    })
    expect(result.status).toBe(400)
  })
})

describe('validate and logout', () => {
  it('validates, logs out without an Authorization header, then reports the session invalid', async () => {
    const session = await logIn(url)
    const valid = await call(url, 'GET', `/zstack/v1/accounts/sessions/${session}/valid`)
    expect(valid).toMatchObject({ status: 200, json: { valid: true } })
    const out = await call(url, 'DELETE', `/zstack/v1/accounts/sessions/${session}`)
    expect(out).toMatchObject({ status: 200, json: {} })
    const after = await call(url, 'GET', `/zstack/v1/accounts/sessions/${session}/valid`)
    expect(after).toMatchObject({ status: 200, json: { valid: false } })
    const query = await call(url, 'GET', '/zstack/v1/zones', { session })
    expect(query.status).toBe(503)
    expect(errorOf(query).code).toBe('ID.1001')
  })

  it('reports an unknown session as invalid', async () => {
    const result = await call(url, 'GET', `/zstack/v1/accounts/sessions/${'0'.repeat(32)}/valid`)
    expect(result).toMatchObject({ status: 200, json: { valid: false } })
  })
})

describe('renew', () => {
  it('renews a session for the given duration', async () => {
    const session = await logIn(url)
    const result = await call(url, 'PUT', `/zstack/v1/accounts/sessions/${session}/renew`, {
      session,
      body: { renewSession: { duration: 3600 } }
    })
    expect(result.status).toBe(200)
    const inventory = (result.json as { inventory: { uuid: string; expiredDate: string } }).inventory
    expect(inventory.uuid).toBe(session)
    expect(inventory.expiredDate).toMatch(GSON_DATE)
  })

  it('answers 503 SYS.1007 for a duration out of 60..31536000 and 400 for a string duration', async () => {
    const session = await logIn(url)
    const path = `/zstack/v1/accounts/sessions/${session}/renew`
    const short = await call(url, 'PUT', path, { session, body: { renewSession: { duration: 59 } } })
    expect(short.status).toBe(503)
    expect(errorOf(short).code).toBe('SYS.1007')
    const long = await call(url, 'PUT', path, { session, body: { renewSession: { duration: 31536001 } } })
    expect(errorOf(long).code).toBe('SYS.1007')
    const typed = await call(url, 'PUT', path, { session, body: { renewSession: { duration: '3600' } } })
    expect(typed.status).toBe(400)
  })

  it('answers 503 ID.1001 when the session to renew is unknown', async () => {
    const session = await logIn(url)
    const result = await call(url, 'PUT', `/zstack/v1/accounts/sessions/${'a'.repeat(32)}/renew`, {
      session,
      body: { renewSession: { duration: 600 } }
    })
    expect(result.status).toBe(503)
    expect(errorOf(result).code).toBe('ID.1001')
  })
})

describe('version', () => {
  it('answers 5.2.1 without a session', async () => {
    const result = await call(url, 'PUT', '/zstack/v1/management-nodes/actions', { body: { getVersion: {} } })
    expect(result).toMatchObject({ status: 200, json: { version: '5.2.1' } })
  })
})

describe('Authorization header', () => {
  it.each([
    ['missing', undefined],
    ['not OAuth', 'Bearer abc'],
    ['without a token', 'OAuth'],
    ['empty', '']
  ])('answers 400 plain text when the header is %s', async (_case, header) => {
    const headers = header === undefined ? undefined : { Authorization: header }
    const result = await call(url, 'GET', '/zstack/v1/vm-instances', { headers })
    expect(result.status).toBe(400)
    expect(result.json).toBeUndefined()
    expect(result.text.length).toBeGreaterThan(0)
  })

  it('answers 503 ID.1001 (never 401) for an unknown session on a sync call', async () => {
    const result = await call(url, 'GET', '/zstack/v1/vm-instances', { session: 'f'.repeat(32) })
    expect(result.status).toBe(503)
    expect(errorOf(result).code).toBe('ID.1001')
  })
})

describe('expired sessions', () => {
  it('fails sync calls with 503 ID.1001 and accepts async actions whose poll then answers ID.1001', async () => {
    const old = await logIn(url)
    const vm = sim.findVms((candidate) => candidate.state === 'Running' && candidate.type === 'UserVm')[0]
    expect(vm).toBeDefined()
    sim.expireSessions()
    const sync = await call(url, 'GET', '/zstack/v1/hosts', { session: old })
    expect(sync.status).toBe(503)
    expect(errorOf(sync).code).toBe('ID.1001')

    const submissions = sim.stats().migrationSubmissions.length
    const accepted = await vmAction(url, old, vm!.uuid, { migrateVm: {} })
    expect(accepted.status).toBe(202)
    expect(sim.stats().migrationSubmissions).toHaveLength(submissions + 1)
    const fresh = await logIn(url)
    const poll = await waitForJob(url, fresh, jobPathOf(accepted))
    expect(poll.status).toBe(503)
    expect(errorOf(poll).code).toBe('ID.1001')
    expect(sim.vm(vm!.uuid)?.hostUuid).toBe(vm!.hostUuid)
  })

  it('slides the timeout on every authenticated call and expires an idle session', async () => {
    sim.setOptions({ sessionTimeoutSec: 2 })
    // The simulator's clock (Date) moves only by hand: a slow machine cannot stretch a gap past the timeout.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const session = await logIn(url)
      // Four calls 600 ms apart outlive the 2 s timeout only because each one slides it.
      for (let i = 0; i < 4; i++) {
        vi.setSystemTime(Date.now() + 600)
        const result = await call(url, 'GET', '/zstack/v1/zones', { session })
        expect(result.status).toBe(200)
      }
      vi.setSystemTime(Date.now() + 2300)
      const idle = await call(url, 'GET', '/zstack/v1/zones', { session })
      expect(idle.status).toBe(503)
      expect(errorOf(idle).code).toBe('ID.1001')
      const valid = await call(url, 'GET', `/zstack/v1/accounts/sessions/${session}/valid`)
      expect(valid.json).toEqual({ valid: false })
    } finally {
      vi.useRealTimers()
      sim.setOptions({ sessionTimeoutSec: 7200 })
    }
  })
})
