// Monitoring per cluster: whether its node serves ZWatch at all, and the recent load of its hosts (for the picker).
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { HostLoad, MonitoringUnavailable } from '../../../shared/api'
import { api } from '../api'

type Reason = MonitoringUnavailable['reason']
/** Host load is an hour in 5-minute points: a minute-old answer is still current. */
const HOST_LOAD_TTL_MS = 60_000

export const useMonitoringStore = defineStore('monitoring', () => {
  /** Clusters whose node said it has no monitoring (or not for this account), by profile id. */
  const unavailable = ref<Record<string, Reason>>({})
  /** profile id → host uuid → load; replaced whole so cells re-render once per answer. */
  const hostLoads = shallowRef<Record<string, Map<string, HostLoad>>>({})
  const fetchedAt = new Map<string, number>()

  function noteUnavailable(profileId: string, reason: Reason): void {
    unavailable.value = { ...unavailable.value, [profileId]: reason }
  }

  /** Asks for the hosts' load in the background; failures leave the sparklines empty and touch nothing else. */
  async function loadHosts(profileId: string, hostUuids: string[]): Promise<void> {
    if (unavailable.value[profileId] || hostUuids.length === 0) return
    const known = hostLoads.value[profileId]
    const fresh = Date.now() - (fetchedAt.get(profileId) ?? 0) < HOST_LOAD_TTL_MS
    if (fresh && known && hostUuids.every((uuid) => known.has(uuid))) return
    const result = await api.getHostsLoad({ profileId, hostUuids: hostUuids.slice(0, 1000) })
    if (!result.ok) return
    if (!result.data.available) return noteUnavailable(profileId, result.data.reason)
    fetchedAt.set(profileId, Date.now())
    const merged = new Map(known)
    for (const load of result.data.hosts) merged.set(load.hostUuid, load)
    hostLoads.value = { ...hostLoads.value, [profileId]: merged }
  }

  const loadOf = (profileId: string, hostUuid: string): HostLoad | undefined =>
    hostLoads.value[profileId]?.get(hostUuid)

  return { unavailable, hostLoads, noteUnavailable, loadHosts, loadOf }
})
