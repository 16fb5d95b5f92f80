// Zones, clusters, hosts and primary storage per cluster, on main's terms: fresh for 30 s after it was fetched,
// and stale at once after anything that moves VMs or capacity (a migration, a start, a stop).
import { defineStore } from 'pinia'
import { onScopeDispose, shallowRef } from 'vue'
import type { Topology } from '../../../shared/api'
import { api } from '../api'
import { useClustersStore } from './clusters'
import { useMigrationsStore } from './migrations'

/** The same time to live as main's topology cache (src/main/desk/topology-cache.ts). */
export const TOPOLOGY_TTL_MS = 30_000

export interface TopologyNames {
  hosts: Map<string, string>
  clusters: Map<string, string>
  zones: Map<string, string>
  storage: Map<string, string>
}

const NO_NAMES: TopologyNames = {
  hosts: new Map(),
  clusters: new Map(),
  zones: new Map(),
  storage: new Map()
}
const namesByTopology = new WeakMap<Topology, TopologyNames>()
const byUuid = (items: { uuid: string; name: string }[]): Map<string, string> =>
  new Map(items.map((item) => [item.uuid, item.name]))

export const useTopologyStore = defineStore('topology', () => {
  /** The last topology of each cluster: a stale one is still shown (names never fall back to uuids) until replaced. */
  const known = shallowRef<Record<string, Topology>>({})
  const fetchedAt = new Map<string, number>()
  const loading = new Map<string, Promise<Topology | undefined>>()
  const generation = new Map<string, number>()
  const removed = new Set<string>()

  const isFresh = (id: string): boolean => Date.now() - (fetchedAt.get(id) ?? -Infinity) < TOPOLOGY_TTL_MS
  /** L3 network names by uuid per cluster, for the inspector's NICs: asked for only when a NIC is shown. */
  const l3Known = shallowRef<Record<string, Map<string, string>>>({})
  const l3FetchedAt = new Map<string, number>()
  const l3Loading = new Map<string, Promise<void>>()

  function of(id: string | null | undefined): Topology | undefined {
    return id ? known.value[id] : undefined
  }

  /** Names by uuid, built once per topology: a cloud has thousands of hosts. */
  function names(id: string | null | undefined): TopologyNames {
    const topology = of(id)
    if (!topology) return NO_NAMES
    let built = namesByTopology.get(topology)
    if (!built) {
      built = {
        hosts: byUuid(topology.hosts),
        clusters: byUuid(topology.clusters),
        zones: byUuid(topology.zones),
        storage: byUuid(topology.primaryStorage)
      }
      namesByTopology.set(topology, built)
    }
    return built
  }

  /** The cluster's topology, fetched again only when it is no longer fresh; one request at a time. */
  function ensure(id: string): Promise<Topology | undefined> {
    removed.delete(id)
    if (isFresh(id)) return Promise.resolve(known.value[id])
    const pending = loading.get(id)
    if (pending) return pending
    const started = generation.get(id) ?? 0
    const load = api
      .getTopology({ profileId: id })
      .then((result) => {
        if (!result.ok || removed.has(id)) return known.value[id]
        // Invalidated while loading, the answer may already be stale: show it only if nothing else is, do not keep it.
        const current = (generation.get(id) ?? 0) === started
        if (current) fetchedAt.set(id, Date.now())
        const shown = known.value[id]
        // The same topology again keeps its object: the rows built from its names are not drawn again.
        if (shown && JSON.stringify(shown) === JSON.stringify(result.data)) return shown
        if (current || !shown) known.value = { ...known.value, [id]: result.data }
        return result.data
      })
      .finally(() => {
        if (loading.get(id) === load) loading.delete(id)
      })
    loading.set(id, load)
    return load
  }

  const l3Names = (id: string | null | undefined): ReadonlyMap<string, string> =>
    (id ? l3Known.value[id] : undefined) ?? NO_NAMES.hosts

  /** The cluster's L3 names, asked again once no longer fresh; a refusal keeps what was known (uuids otherwise). */
  function ensureL3(id: string): Promise<void> {
    if (Date.now() - (l3FetchedAt.get(id) ?? -Infinity) < TOPOLOGY_TTL_MS) return Promise.resolve()
    const pending = l3Loading.get(id)
    if (pending) return pending
    const load = api
      .getL3Networks({ profileId: id })
      .then((result) => {
        if (!result.ok || removed.has(id)) return
        l3FetchedAt.set(id, Date.now())
        l3Known.value = { ...l3Known.value, [id]: byUuid(result.data) }
      })
      .finally(() => l3Loading.delete(id))
    l3Loading.set(id, load)
    return load
  }

  function invalidate(id: string): void {
    fetchedAt.delete(id)
    loading.delete(id)
    generation.set(id, (generation.get(id) ?? 0) + 1)
  }

  function forget(id: string): void {
    invalidate(id)
    removed.add(id)
    const { [id]: _gone, ...rest } = known.value
    known.value = rest
    l3FetchedAt.delete(id)
    const { [id]: _names, ...otherNames } = l3Known.value
    l3Known.value = otherNames
  }

  const clusters = useClustersStore()
  const migrations = useMigrationsStore()
  clusters.onRemoved(forget)
  onScopeDispose(
    migrations.onFinished((record) => {
      if (record.state === 'succeeded') invalidate(record.profileId)
    })
  )

  return { known, of, names, ensure, l3Names, ensureL3, invalidate, forget }
})
