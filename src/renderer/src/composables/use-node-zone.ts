// Which zone the open cluster's dates are in: the node writes them in its own zone and never names it.
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { utcOffsetLabel } from '../format/dates'
import { useClustersStore } from '../stores/clusters'
import { useVmListStore } from '../stores/vm-list'

/** `UTC+08:00` when learnt at sign-in, else "node time, as written". */
export function useNodeZone(): ComputedRef<string> {
  const clusters = useClustersStore()
  const vms = useVmListStore()
  const { t } = useI18n()
  return computed(() => {
    const minutes = vms.profileId ? clusters.sessions[vms.profileId]?.nodeUtcOffsetMinutes : undefined
    return minutes === undefined ? t('vms.zone.asWritten') : utcOffsetLabel(minutes)
  })
}
