// The app's side in Node: the guarded DeskApi from composeDesk, with clusters added the way the UI adds them.
import type { DeskApi, Result } from '../../src/shared/api'

export function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code} ${result.error.message}`)
  return result.data
}

/** Saves a profile pointing at `url` and signs in as the simulator's demo account; returns the profile id. */
export async function addCluster(api: DeskApi, name: string, url: string, signIn = true): Promise<string> {
  const endpoint = new URL(url)
  const profile = unwrap(
    await api.saveProfile({
      name,
      endpoint: { scheme: 'http', host: endpoint.hostname, port: Number(endpoint.port), path: 'zstack' },
      accountName: 'admin',
      tls: { verify: true },
      timeoutMs: 30_000
    }),
    `saveProfile ${name}`
  )
  if (signIn) await signInCluster(api, profile.id)
  return profile.id
}

export async function signInCluster(api: DeskApi, profileId: string): Promise<void> {
  const session = unwrap(
    await api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: false }),
    'signIn'
  )
  if (session.status !== 'signed-in')
    throw new Error(`signIn ended ${session.status}: ${session.error?.message ?? ''}`)
}
