// The built-in Demo cluster: always listed first, backed by the embedded simulator, never stored or edited.
import type { ClusterProfile } from '../../shared/profile-types'

export const DEMO_PROFILE_ID = 'demo'

/** The embedded simulator's own account: the only credential that is stored nowhere. */
export const DEMO_CREDENTIALS = { accountName: 'admin', password: 'password' } as const

/** The Demo profile; its port is 0 until the simulator starts on a free loopback port. */
export function demoProfile(port = 0, lastUsedAt?: string): ClusterProfile {
  const profile: ClusterProfile = {
    id: DEMO_PROFILE_ID,
    name: 'Demo cluster',
    endpoint: { scheme: 'http', host: '127.0.0.1', port, path: 'zstack' },
    accountName: DEMO_CREDENTIALS.accountName,
    tls: { verify: true },
    timeoutMs: 30_000,
    builtIn: 'demo'
  }
  if (lastUsedAt) profile.lastUsedAt = lastUsedAt
  return profile
}

export function isDemoProfileId(id: string | undefined): boolean {
  return id === DEMO_PROFILE_ID
}
