// Zones, clusters, hosts and primary storage of a cluster, every page of each, fetched in parallel, each part on
// its own; and the cluster's L3 networks, which name the VMs' NICs.
import type { Topology, TopologyGap, TopologyPart } from '../../shared/api'
import type { L3NetworkInventory } from '../../shared/zstack-types'
import type { SessionManager } from '../sessions/session-manager'
import { queryAll } from '../zstack/query-all'
import { toAppError } from '../zstack/to-app-error'
import { createProfileCache } from './profile-cache'

export interface TopologyCache {
  get(profileId: string): Promise<Topology>
  /** The cached topology if it is still fresh, without asking the server. */
  peek(profileId: string): Topology | undefined
  /** The cluster's L3 networks (uuid, name, zone), cached as the topology is. */
  l3Networks(profileId: string): Promise<L3NetworkInventory[]>
  /** After anything that moves VMs or capacity (a migration, a start, a stop), or a new endpoint. */
  invalidate(profileId: string): void
}

const collator = new Intl.Collator('en', { numeric: true })
/** Pages come sorted by uuid; lists people pick from (the VM filters) read better by name. */
const byName = <T extends { name: string }>(items: T[]): T[] =>
  items.sort((a, b) => collator.compare(a.name, b.name))

/** What the inspector shows of an L3 network: the rest (ranges, services) is not sent over the bridge. */
const L3_FIELDS = ['uuid', 'name', 'zoneUuid', 'category', 'system']

export function createTopologyCache(
  sessions: SessionManager,
  ttlMs = 30_000,
  now: () => number = Date.now
): TopologyCache {
  const loadTopology = (profileId: string): Promise<Topology> =>
    sessions.run('read', profileId, async ({ client, sessionUuid }) => {
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
  const loadL3Networks = (profileId: string): Promise<L3NetworkInventory[]> =>
    sessions.run('read', profileId, async ({ client, sessionUuid }) =>
      byName(await queryAll((q) => client.queryL3Networks(sessionUuid, q), { fields: L3_FIELDS }))
    )

  // A topology with gaps is not kept: the next look asks again.
  const topology = createProfileCache(loadTopology, { ttlMs, now, keep: (t) => !t.gaps })
  const l3Networks = createProfileCache(loadL3Networks, { ttlMs, now })

  return {
    get: topology.get,
    peek: topology.peek,
    l3Networks: l3Networks.get,
    invalidate(profileId) {
      topology.invalidate(profileId)
      l3Networks.invalidate(profileId)
    }
  }
}
