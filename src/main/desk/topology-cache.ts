// Zones, clusters, hosts and primary storage of a cluster, fetched in parallel and kept for a short while.
import type { Topology } from '../../shared/api'
import type { SessionManager } from '../sessions/session-manager'

export interface TopologyCache {
  get(profileId: string): Promise<Topology>
  /** After anything that moves VMs or capacity (a migration, a start, a stop). */
  invalidate(profileId: string): void
}

export function createTopologyCache(
  sessions: SessionManager,
  ttlMs = 30_000,
  now: () => number = Date.now
): TopologyCache {
  const cached = new Map<string, { at: number; topology: Topology }>()
  const loading = new Map<string, Promise<Topology>>()
  const generation = new Map<string, number>()

  return {
    get(profileId) {
      const hit = cached.get(profileId)
      if (hit && now() - hit.at < ttlMs) return Promise.resolve(hit.topology)
      const pending = loading.get(profileId)
      if (pending) return pending
      const started = generation.get(profileId) ?? 0
      const load: Promise<Topology> = sessions
        .call(profileId, async ({ client, sessionUuid }) => {
          const [zones, clusters, hosts, primaryStorage] = await Promise.all([
            client.queryZones(sessionUuid),
            client.queryClusters(sessionUuid),
            client.queryHosts(sessionUuid),
            client.queryPrimaryStorage(sessionUuid)
          ])
          return {
            zones: zones.items,
            clusters: clusters.items,
            hosts: hosts.items,
            primaryStorage: primaryStorage.items
          }
        })
        .then((topology) => {
          // An invalidation while this was loading means the answer may already be stale: use it, do not keep it.
          if ((generation.get(profileId) ?? 0) === started) cached.set(profileId, { at: now(), topology })
          return topology
        })
        .finally(() => {
          if (loading.get(profileId) === load) loading.delete(profileId)
        })
      loading.set(profileId, load)
      return load
    },
    invalidate(profileId) {
      cached.delete(profileId)
      loading.delete(profileId)
      generation.set(profileId, (generation.get(profileId) ?? 0) + 1)
    }
  }
}
