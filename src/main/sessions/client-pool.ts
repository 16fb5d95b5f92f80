// One REST client per profile, rebuilt only when the profile's connection settings change.
import type { ClusterProfile } from '../../shared/profile-types'
import type { CreateZStackClient, ZStackClient } from '../zstack/client-types'

export interface ClientPool {
  clientFor(profile: ClusterProfile): ZStackClient
  drop(profileId: string): void
}

/** The fields that change how requests are sent; name, folder, colour and usage do not. */
function connectionKey(profile: ClusterProfile): string {
  const { endpoint, tls, proxyUrl, timeoutMs } = profile
  return JSON.stringify([
    endpoint.scheme,
    endpoint.host,
    endpoint.port,
    endpoint.path,
    tls.verify,
    tls.caPem,
    proxyUrl,
    timeoutMs
  ])
}

export function createClientPool(create: CreateZStackClient): ClientPool {
  const clients = new Map<string, { key: string; client: ZStackClient }>()
  return {
    clientFor(profile) {
      const key = connectionKey(profile)
      const cached = clients.get(profile.id)
      if (cached?.key === key) return cached.client
      const client = create(profile)
      clients.set(profile.id, { key, client })
      return client
    },
    drop(profileId) {
      clients.delete(profileId)
    }
  }
}
