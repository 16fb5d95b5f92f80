import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { DEMO_PROFILE_ID } from '../../../src/main/profiles/demo-profile'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { parseStoredSession } from '../../../src/main/secrets/secret-store'
import type { DeskApi, SessionState } from '../../../src/shared/api'
import {
  createBrokenSecretStore,
  createMemorySecretStore,
  type MemorySecretStore
} from '../desk/support/memory-secret-store'
import {
  failure,
  removeDir,
  serverSaysValid,
  simulatorProfile,
  startDesk,
  tempDataDir,
  unwrap,
  type DeskFixture
} from '../desk/support/desk-fixture'

let sim: RunningSimulator
const fixtures: DeskFixture[] = []
const dirs: string[] = []

beforeAll(async () => {
  sim = await startSimulator({ vms: 30, migrationDurationMs: 300, actionDurationMs: 100 })
})
afterAll(async () => {
  await sim.stop()
  for (const dir of dirs) removeDir(dir)
})
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.dispose()
  sim.setOptions({ sessionTimeoutSec: 7200 })
})

async function desk(store: MemorySecretStore | ReturnType<typeof createBrokenSecretStore>, dataDir?: string) {
  const dir = dataDir ?? tempDataDir()
  if (!dataDir) dirs.push(dir)
  const fixture = await startDesk({ dataDir: dir, secretStore: store })
  fixtures.push(fixture)
  return fixture
}

async function withProfile(store: MemorySecretStore = createMemorySecretStore()) {
  const f = await desk(store)
  const profile = unwrap(await f.api.saveProfile(simulatorProfile(sim)))
  return { ...f, store, profileId: profile.id }
}

/** Signs `profileId` in as the simulator's admin; the session state it answers. */
async function signIn(api: DeskApi, profileId: string, rememberPassword: boolean): Promise<SessionState> {
  return unwrap(await api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword }))
}

const query = { start: 0, limit: 5 }

describe('sessions over the simulator', () => {
  it('signs in, keeps the session in the keychain only, and signs out on the server and in the keychain', async () => {
    const { api, store, profileId, of } = await withProfile()
    expect(failure(await api.queryVms({ profileId, ...query }))).toMatchObject({
      code: 'NOT_SIGNED_IN',
      kind: 'signInFirst',
      params: { cluster: 'Simulated cloud' }
    })
    const state = await signIn(api, profileId, false)
    expect(state).toMatchObject({
      profileId,
      status: 'signed-in',
      storage: 'keychain',
      rememberPassword: false,
      accountName: 'admin'
    })
    const stored = parseStoredSession(store.entries.get(profileId))
    expect(stored?.sessionUuid).toMatch(/^[0-9a-f]{32}$/)
    expect(stored?.password).toBeUndefined()
    expect(await serverSaysValid(sim, stored!.sessionUuid)).toBe(true)
    // Nothing the renderer receives carries the session id.
    const seen = JSON.stringify([
      state,
      unwrap(await api.getSessions()),
      unwrap(await api.listProfiles()),
      of('session:changed')
    ])
    expect(seen).not.toContain(stored!.sessionUuid)
    expect(unwrap(await api.queryVms({ profileId, ...query })).items.length).toBe(5)

    const out = unwrap(await api.signOut({ profileId }))
    expect(out).toMatchObject({ status: 'signed-out', storage: 'none' })
    expect(store.entries.has(profileId)).toBe(false)
    expect(await serverSaysValid(sim, stored!.sessionUuid)).toBe(false)
    const mine = of('session:changed').filter((s) => s.profileId === profileId)
    expect(mine.map((s) => s.status)).toEqual(['signed-in', 'signed-out'])
  })

  it('keeps the remembered password only in the keychain entry', async () => {
    const { api, store, profileId, dataDir } = await withProfile()
    await signIn(api, profileId, true)
    expect(parseStoredSession(store.entries.get(profileId))?.password).toBe('password')
    const { readdirSync, readFileSync, statSync } = await import('node:fs')
    const { join } = await import('node:path')
    for (const name of readdirSync(dataDir)) {
      if (statSync(join(dataDir, name)).isFile())
        expect(readFileSync(join(dataDir, name), 'utf8')).not.toContain('password"')
    }
  })

  it('reports a wrong password as the server said it and stays signed out', async () => {
    const { api, store, profileId } = await withProfile()
    const error = failure(
      await api.signIn({ profileId, accountName: 'admin', password: 'Wr0ngPassw0rd', rememberPassword: true })
    )
    expect(error.code).toBe('ZSTACK')
    expect(error.zstack?.code).toBe('ID.1000')
    expect(JSON.stringify(error)).not.toContain('Wr0ngPassw0rd')
    expect(store.entries.size).toBe(0)
    expect(unwrap(await api.getSessions()).find((s) => s.profileId === profileId)).toMatchObject({
      status: 'signed-out'
    })
  })

  it('validates a stored session at start: valid means signed in without a password', async () => {
    const store = createMemorySecretStore()
    const first = await withProfile(store)
    await signIn(first.api, first.profileId, false)
    await first.dispose()
    const logins = sim.stats().logins

    const second = await desk(store, first.dataDir)
    const states = unwrap(await second.api.getSessions())
    expect(states.find((s) => s.profileId === first.profileId)).toMatchObject({
      status: 'signed-in',
      storage: 'keychain'
    })
    expect(unwrap(await second.api.queryVms({ profileId: first.profileId, ...query })).items).toHaveLength(5)
    expect(sim.stats().logins).toBe(logins)
  })

  it('validates a stored session at start: invalid means expired, and the entry is dropped', async () => {
    const store = createMemorySecretStore()
    const first = await withProfile(store)
    await signIn(first.api, first.profileId, false)
    await first.dispose()
    sim.expireSessions()

    const second = await desk(store, first.dataDir)
    const stateOf = async () =>
      unwrap(await second.api.getSessions()).find((s) => s.profileId === first.profileId)
    // Validation runs in the background: the answer arrives as session:changed and in later listings.
    await expect.poll(stateOf).toMatchObject({
      status: 'expired',
      storage: 'none',
      error: { code: 'SESSION_EXPIRED' }
    })
    expect(second.of('session:changed').find((s) => s.profileId === first.profileId)).toMatchObject({
      status: 'expired'
    })
    expect(store.entries.has(first.profileId)).toBe(false)
    expect(failure(await second.api.queryVms({ profileId: first.profileId, ...query })).code).toBe(
      'SESSION_EXPIRED'
    )
  })

  it('re-logs in once with a remembered password when the session expired on the server', async () => {
    const { api, profileId, of } = await withProfile()
    await signIn(api, profileId, true)
    sim.expireSessions()
    const logins = sim.stats().logins
    const page = unwrap(await api.queryVms({ profileId, ...query, replyWithCount: true }))
    expect(page.items).toHaveLength(5)
    expect(sim.stats().logins).toBe(logins + 1)
    expect(of('session:changed').at(-1)).toMatchObject({ status: 'signed-in', rememberPassword: true })

    // Several calls failing together share the one re-login.
    sim.expireSessions()
    const together = await Promise.all([1, 2, 3, 4].map(() => api.queryVms({ profileId, ...query })))
    expect(together.every((r) => r.ok)).toBe(true)
    expect(sim.stats().logins).toBe(logins + 2)
  })

  it('surfaces SESSION_EXPIRED without a remembered password and shows the state as expired', async () => {
    const { api, profileId, of, store } = await withProfile()
    await signIn(api, profileId, false)
    sim.expireSessions()
    const logins = sim.stats().logins
    const error = failure(await api.queryVms({ profileId, ...query }))
    expect(error).toMatchObject({
      code: 'SESSION_EXPIRED',
      kind: 'sessionExpired',
      params: { cluster: 'Simulated cloud' }
    })
    expect(sim.stats().logins).toBe(logins)
    expect(of('session:changed').at(-1)).toMatchObject({ profileId, status: 'expired' })
    expect(store.entries.has(profileId)).toBe(false)
    await signIn(api, profileId, false)
    expect(unwrap(await api.queryVms({ profileId, ...query })).items).toHaveLength(5)
  })

  it('never re-logs in more than once for one failed call', async () => {
    const { api, profileId } = await withProfile()
    await signIn(api, profileId, true)
    // Every new session is dead on arrival: the re-login succeeds, the retried call fails again.
    sim.setOptions({ sessionTimeoutSec: 0 })
    sim.expireSessions()
    const logins = sim.stats().logins
    const error = failure(await api.queryVms({ profileId, ...query }))
    expect(error.code).toBe('SESSION_EXPIRED')
    expect(sim.stats().logins).toBe(logins + 1)
    expect(unwrap(await api.getSessions()).find((s) => s.profileId === profileId)?.status).toBe('expired')
  })

  it('re-logs in at start when the stored session is dead but a password is remembered', async () => {
    const store = createMemorySecretStore()
    const first = await withProfile(store)
    await signIn(first.api, first.profileId, true)
    await first.dispose()
    sim.expireSessions()
    const logins = sim.stats().logins
    const second = await desk(store, first.dataDir)
    expect(unwrap(await second.api.getSessions()).find((s) => s.profileId === first.profileId)?.status).toBe(
      'signed-in'
    )
    // The re-login happens in the background validation, exactly once.
    await expect.poll(() => sim.stats().logins).toBe(logins + 1)
    await expect
      .poll(() => second.of('session:changed').filter((s) => s.profileId === first.profileId))
      .toEqual([expect.objectContaining({ status: 'signed-in', storage: 'keychain' })])
    expect(sim.stats().logins).toBe(logins + 1)
  })

  it('drops the session when the profile is pointed at another node', async () => {
    const { api, store, profileId, of } = await withProfile()
    await signIn(api, profileId, true)
    unwrap(await api.saveProfile({ ...simulatorProfile(sim, 'Renamed only'), id: profileId }))
    expect(unwrap(await api.getSessions()).find((s) => s.profileId === profileId)?.status).toBe('signed-in')
    const moved = simulatorProfile(sim, 'Moved')
    unwrap(
      await api.saveProfile({ ...moved, id: profileId, endpoint: { ...moved.endpoint, host: 'localhost' } })
    )
    await expect.poll(() => of('session:changed').at(-1)).toMatchObject({ profileId, status: 'signed-out' })
    expect(store.entries.has(profileId)).toBe(false)
    expect(failure(await api.queryVms({ profileId, ...query })).code).toBe('NOT_SIGNED_IN')
  })

  it('shows a stored session as unreachable when the node does not answer', async () => {
    const store = createMemorySecretStore()
    const f = await desk(store)
    const profile = unwrap(
      await f.api.saveProfile({
        ...simulatorProfile(sim, 'Gone'),
        endpoint: { scheme: 'http', host: '127.0.0.1', port: 9, path: 'zstack' }
      })
    )
    store.entries.set(profile.id, JSON.stringify({ sessionUuid: 'a'.repeat(32) }))
    const stateOf = async () => unwrap(await f.api.getSessions()).find((s) => s.profileId === profile.id)
    await expect.poll(stateOf).toMatchObject({ status: 'unreachable', error: { code: 'NETWORK' } })
    expect(store.entries.has(profile.id)).toBe(true)
  })

  it('answers getSessions at once while a stored cluster never answers, and pushes the outcome later', async () => {
    // A node behind a down VPN: the connection is accepted, and nothing ever comes back.
    const sockets: Socket[] = []
    const silent = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done))
    try {
      const store = createMemorySecretStore()
      const f = await desk(store)
      const profile = unwrap(
        await f.api.saveProfile({
          ...simulatorProfile(sim, 'Behind a down VPN'),
          endpoint: {
            scheme: 'http',
            host: '127.0.0.1',
            port: (silent.address() as AddressInfo).port,
            path: 'zstack'
          },
          timeoutMs: 1000
        })
      )
      store.entries.set(profile.id, JSON.stringify({ sessionUuid: 'b'.repeat(32), accountName: 'ops' }))
      const states = unwrap(await f.api.getSessions())
      // The last-known state, while the node still holds the validation request unanswered.
      expect(states.find((s) => s.profileId === profile.id)).toEqual({
        profileId: profile.id,
        status: 'signed-in',
        accountName: 'ops',
        rememberPassword: false,
        storage: 'keychain'
      })
      expect(states.find((s) => s.profileId === DEMO_PROFILE_ID)?.status).toBe('signed-in')
      expect(sockets.length).toBe(1)
      expect(f.of('session:changed').filter((s) => s.profileId === profile.id)).toEqual([])
      await expect
        .poll(() => f.of('session:changed').filter((s) => s.profileId === profile.id), { timeout: 10_000 })
        .toEqual([
          expect.objectContaining({
            status: 'unreachable',
            error: expect.objectContaining({ code: 'TIMEOUT' })
          })
        ])
      expect(store.entries.has(profile.id)).toBe(true)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((done) => silent.close(done))
    }
  })

  it('tells at start, before any profile or sign-in, that the keychain cannot be used (and says nothing when it can)', async () => {
    const broken = createBrokenSecretStore()
    const f = await desk(broken)
    await vi.waitFor(() =>
      expect(f.of('notice').filter((n) => n.error?.code === 'KEYCHAIN_UNAVAILABLE')).toHaveLength(1)
    )
    expect(
      unwrap(await f.api.listProfiles()).notices.filter(
        (n) => typeof n !== 'string' && n.code === 'KEYCHAIN_UNAVAILABLE'
      )
    ).toHaveLength(1)
    expect(broken.calls).toBe(1)

    const memory = createMemorySecretStore()
    let reads = 0
    const working: MemorySecretStore = {
      ...memory,
      get: (account) => {
        reads++
        return memory.get(account)
      }
    }
    const fine = await desk(working)
    await vi.waitFor(() => expect(reads).toBe(1))
    expect(fine.of('notice').filter((n) => n.error?.code === 'KEYCHAIN_UNAVAILABLE')).toEqual([])
    // Only read: the check leaves nothing in the keychain.
    expect(memory.entries.size).toBe(0)
  })

  it('works for this run only, with a clear KEYCHAIN_UNAVAILABLE notice, when the keychain cannot be used', async () => {
    const broken = createBrokenSecretStore()
    const f = await desk(broken)
    const profileId = unwrap(await f.api.saveProfile(simulatorProfile(sim))).id
    expect(unwrap(await f.api.getSessions()).find((s) => s.profileId === profileId)?.status).toBe(
      'signed-out'
    )
    const state = await signIn(f.api, profileId, true)
    expect(state).toMatchObject({ status: 'signed-in', storage: 'memory' })
    expect(unwrap(await f.api.queryVms({ profileId, ...query })).items).toHaveLength(5)
    const notices = f.of('notice').filter((n) => n.error.code === 'KEYCHAIN_UNAVAILABLE')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.error.message).toMatch(/gnome-keyring or KWallet/)
    expect(notices[0]?.error.message).toMatch(/this run only/)
    expect(unwrap(await f.api.listProfiles()).notices.some((n) => n.code === 'KEYCHAIN_UNAVAILABLE')).toBe(
      true
    )
    expect(broken.calls).toBeGreaterThanOrEqual(2)
    // The remembered password still allows the one silent re-login, from memory.
    sim.expireSessions()
    expect(unwrap(await f.api.queryVms({ profileId, ...query })).items).toHaveLength(5)
    expect(unwrap(await f.api.signOut({ profileId })).status).toBe('signed-out')
  })
})
