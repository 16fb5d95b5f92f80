// The real OS keychain (a Secret Service on Linux): run as `node scripts/with-keyring.mjs npx vitest run test/main/secrets`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import keytar from 'keytar'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { createKeytarSecretStore } from '../../../src/main/secrets/keytar-secret-store'
import { KEYCHAIN_SERVICE, parseStoredSession } from '../../../src/main/secrets/secret-store'
import { removeDir, simulatorProfile, startDesk, tempDataDir, unwrap } from '../desk/support/desk-fixture'

const service = `${KEYCHAIN_SERVICE} test ${randomUUID()}`
let sim: RunningSimulator | undefined
const dirs: string[] = []

beforeAll(async () => {
  if (process.env.DESK_SECRET_SERVICE !== '1') {
    throw new Error(
      'The keychain tests need a real Secret Service. Run them as `node scripts/with-keyring.mjs npx vitest run test/main/secrets` ' +
        '(it starts a private D-Bus session with gnome-keyring; install them with `apt-get install -y gnome-keyring dbus-x11`).'
    )
  }
  sim = await startSimulator({ vms: 20 })
})

afterAll(async () => {
  await sim?.stop()
  for (const dir of dirs) removeDir(dir)
  for (const { account } of await keytar.findCredentials(service).catch(() => []))
    await keytar.deletePassword(service, account)
})

describe('keychain through keytar, against a real Secret Service', () => {
  it('stores, reads and deletes an entry', async () => {
    const store = createKeytarSecretStore(service)
    const account = `profile-${randomUUID()}`
    expect(await store.get(account)).toBeUndefined()
    await store.set(account, '{"sessionUuid":"x"}')
    expect(await store.get(account)).toBe('{"sessionUuid":"x"}')
    expect(await keytar.getPassword(service, account)).toBe('{"sessionUuid":"x"}')
    await store.set(account, 'second')
    expect(await store.get(account)).toBe('second')
    expect(await store.delete(account)).toBe(true)
    expect(await store.delete(account)).toBe(false)
    expect(await keytar.getPassword(service, account)).toBeNull()
  })

  it('keeps the session in the keychain across restarts and removes it on sign-out and on delete', async () => {
    const dataDir = tempDataDir()
    dirs.push(dataDir)
    const first = await startDesk({ dataDir, secretStore: createKeytarSecretStore(service) })
    const profileId = unwrap(await first.api.saveProfile(simulatorProfile(sim!))).id
    const state = unwrap(
      await first.api.signIn({
        profileId,
        accountName: 'admin',
        password: 'password',
        rememberPassword: true
      })
    )
    expect(state).toMatchObject({ status: 'signed-in', storage: 'keychain', rememberPassword: true })
    const stored = parseStoredSession((await keytar.getPassword(service, profileId)) ?? undefined)
    expect(stored).toMatchObject({
      sessionUuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      password: 'password'
    })
    await first.dispose()

    // A new run finds the session in the keychain and validates it: no new login.
    const logins = sim!.stats().logins
    const second = await startDesk({ dataDir, secretStore: createKeytarSecretStore(service) })
    const states = unwrap(await second.api.getSessions())
    expect(states.find((s) => s.profileId === profileId)).toMatchObject({
      status: 'signed-in',
      storage: 'keychain'
    })
    expect(unwrap(await second.api.queryVms({ profileId, start: 0, limit: 3 })).items).toHaveLength(3)
    expect(sim!.stats().logins).toBe(logins)

    expect(unwrap(await second.api.signOut({ profileId })).status).toBe('signed-out')
    expect(await keytar.getPassword(service, profileId)).toBeNull()

    unwrap(
      await second.api.signIn({
        profileId,
        accountName: 'admin',
        password: 'password',
        rememberPassword: false
      })
    )
    expect(
      parseStoredSession((await keytar.getPassword(service, profileId)) ?? undefined)?.password
    ).toBeUndefined()
    unwrap(await second.api.deleteProfile({ profileId }))
    expect(await keytar.getPassword(service, profileId)).toBeNull()
    await second.dispose()
  })
})
