// Zones, clusters, hosts and primary storage of a cluster, every page of each, fetched in parallel and kept for a short while.
import type { Topology } from '../../shared/api'
import type { SessionManager } from '../sessions/session-manager'
import { queryAll } from '../zstack/query-all'

export interface TopologyCache {
  get(profileId: string): Promise<Topology>
  /** The cached topology if it is still fresh, without asking the server. */
  peek(profileId: string): Topology | undefined
  /** After anything that moves VMs or capacity (a migration, a start, a stop). */
  invalidate(profileId: string): void
}

const collator = new Intl.Collator('en', { numeric: true })
/** Pages come sorted by uuid; lists people pick from (the VM filters) read better by name. */
const byName = <T extends { name: string }>(items: T[]): T[] =>
  items.sort((a, b) => collator.compare(a.name, b.name))

export function createTopologyCache(
  sessions: SessionManager,
  ttlMs = 30_000,
  now: () => number = Date.now
): TopologyCache {
  const cached = new Map<string, { at: number; topology: Topology }>()
  const loading = new Map<string, Promise<Topology>>()
  const generation = new Map<string, number>()
  const fresh = (profileId: string): Topology | undefined => {
    const hit = cached.get(profileId)
    return hit && now() - hit.at < ttlMs ? hit.topology : undefined
  }

  return {
    peek: fresh,
    get(profileId) {
      const hit = fresh(profileId)
      if (hit) return Promise.resolve(hit)
      const pending = loading.get(profileId)
      if (pending) return pending
      const started = generation.get(profileId) ?? 0
      const load: Promise<Topology> = sessions
        .run('read', profileId, async ({ client, sessionUuid }) => {
          const [zones, clusters, hosts, primaryStorage] = await Promise.all([
            queryAll((q) => client.queryZones(sessionUuid, q)),
            queryAll((q) => client.queryClusters(sessionUuid, q)),
            queryAll((q) => client.queryHosts(sessionUuid, q)),
            queryAll((q) => client.queryPrimaryStorage(sessionUuid, q))
          ])
          return {
            zones: byName(zones),
            clusters: byName(clusters),
            hosts: byName(hosts),
            primaryStorage: byName(primaryStorage)
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
