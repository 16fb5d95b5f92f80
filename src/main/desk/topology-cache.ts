// Zones, clusters, hosts and primary storage of a cluster, every page of each, fetched in parallel, each part on its own.
import type { Topology, TopologyGap, TopologyPart } from '../../shared/api'
import type { SessionManager } from '../sessions/session-manager'
import { queryAll } from '../zstack/query-all'
import { toAppError } from '../zstack/to-app-error'

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
          // Each part on its own: what one query cannot give (a permission, an older node) costs only that part.
          const settled = await Promise.allSettled([
            queryAll((q) => client.queryZones(sessionUuid, q)),
            queryAll((q) => client.queryClusters(sessionUuid, q)),
            queryAll((q) => client.queryHosts(sessionUuid, q)),
            queryAll((q) => client.queryPrimaryStorage(sessionUuid, q))
          ])
          const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []))
          // No part at all, or a lost session: the call itself failed (the session layer signs in again).
          const lost = failures.find((reason) => toAppError(reason).code === 'SESSION_EXPIRED')
          if (lost !== undefined || failures.length === settled.length) throw lost ?? failures[0]
          const gaps: TopologyGap[] = []
          const part = <T extends { name: string }>(index: number, name: TopologyPart): T[] => {
            const result = settled[index] as PromiseSettledResult<T[]>
            if (result.status === 'fulfilled') return byName(result.value)
            gaps.push({ part: name, error: toAppError(result.reason) })
            return []
          }
          const topology: Topology = {
            zones: part(0, 'zones'),
            clusters: part(1, 'clusters'),
            hosts: part(2, 'hosts'),
            primaryStorage: part(3, 'primaryStorage')
          }
          if (gaps.length > 0) topology.gaps = gaps
          return topology
        })
        .then((topology) => {
          // An invalidation while this was loading means the answer may already be stale: use it, do not keep it.
          // A topology with gaps is not kept either: the next look asks again.
          if ((generation.get(profileId) ?? 0) === started && !topology.gaps)
            cached.set(profileId, { at: now(), topology })
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
