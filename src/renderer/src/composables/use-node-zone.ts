// Which zone the open cluster's dates are in: the node writes them in its own zone and never names it.
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { TIME_ZONE_AS_WRITTEN } from '../../../shared/contract/fields'
import type { ClusterProfile } from '../../../shared/api'
import { nodeDateInstant, utcOffsetLabel, type NodeZone } from '../format/dates'
import { useClustersStore } from '../stores/clusters'
import { useVmListStore } from '../stores/vm-list'

export interface NodeZoneView {
  zone: NodeZone
  /** For a column title: "your time" when converted, else "node time, as written". */
  title: string
  /** After one date: "your time; node UTC+08:00", or "node time, as written". */
  note: string
  /** The instant a node date stands for in this zone (the text's own wall time when as written). */
  instant(text: string | null | undefined): Date | undefined
}

/** The profile's setting first (as written, or a named zone), else the offset learnt at sign-in. */
export function resolveNodeZone(
  profile: ClusterProfile | undefined,
  learntMinutes: number | undefined
): NodeZone {
  const setting = profile?.timeZone
  if (setting === TIME_ZONE_AS_WRITTEN) return { kind: 'written' }
  if (setting) return { kind: 'iana', zone: setting }
  return learntMinutes === undefined ? { kind: 'written' } : { kind: 'offset', minutes: learntMinutes }
}

export function useNodeZone(): ComputedRef<NodeZoneView> {
  const clusters = useClustersStore()
  const vms = useVmListStore()
  const { t } = useI18n()
  return computed(() => {
    const id = vms.profileId
    const profile = id ? clusters.profiles.find((p) => p.id === id) : undefined
    const zone = resolveNodeZone(profile, id ? clusters.sessions[id]?.nodeUtcOffsetMinutes : undefined)
    const instant = (text: string | null | undefined): Date | undefined => nodeDateInstant(text, zone)
    if (zone.kind === 'written') {
      const asWritten = t('vms.zone.asWritten')
      return { zone, title: asWritten, note: asWritten, instant }
    }
    const node = zone.kind === 'offset' ? utcOffsetLabel(zone.minutes) : zone.zone
    return { zone, title: t('vms.zone.yourTime'), note: t('vms.zone.converted', { node }), instant }
  })
}
