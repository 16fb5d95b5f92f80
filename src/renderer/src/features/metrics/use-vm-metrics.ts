// A VM's metrics for a window that moves with the clock: fetched at once, then every `refreshMs` while the calling
// component lives (a closed tab unmounts it, which stops the timer); a node without monitoring stops it for good.
import { computed, ref, shallowRef, watch } from 'vue'
import { useIntervalFn } from '@vueuse/core'
import type { AppError, MetricRange, VmMetricsData } from '../../../../shared/api'
import { api } from '../../api'
import { useClustersStore } from '../../stores/clusters'
import { useMonitoringStore } from '../../stores/monitoring'

/** The range last chosen in the Metrics tab: the next VM opens on it too. */
export const chosenRange = ref<MetricRange>('hour')

export interface MetricsWindow {
  profileId: string
  vmUuid: string
  startTime: number
  endTime: number
}

/** `active`: false while the charts are out of sight (the inspector closing): no tick asks for them. */
export function useVmMetrics(
  window: () => MetricsWindow | null,
  refreshMs: number,
  active: () => boolean = () => true
) {
  const monitoring = useMonitoringStore()
  const clusters = useClustersStore()
  const data = shallowRef<VmMetricsData | null>(null)
  const error = shallowRef<AppError | null>(null)
  const loading = ref(false)
  const updatedAt = ref<number | null>(null)
  let latest = 0

  const target = computed(() => window())
  const unavailable = computed(() =>
    target.value ? monitoring.unavailable[target.value.profileId] : undefined
  )

  async function load(): Promise<void> {
    const request = target.value
    if (!request || unavailable.value) return
    const id = ++latest
    loading.value = true
    const result = await api.getVmMetrics(window() ?? request)
    if (id !== latest) return
    loading.value = false
    if (!result.ok) {
      error.value = result.error
      clusters.sessionFailed(request.profileId, result.error)
      return
    }
    error.value = null
    if (!result.data.available) {
      monitoring.noteUnavailable(request.profileId, result.data.reason)
      timer.pause()
      return
    }
    data.value = result.data
    updatedAt.value = Date.now()
  }

  const timer = useIntervalFn(() => void load(), refreshMs)
  // Out of sight the timer stops; back in sight the charts are brought up to date at once.
  watch(active, (on) => {
    if (!on) return timer.pause()
    if (unavailable.value) return
    timer.resume()
    void load()
  })
  // A new VM or range: forget the old charts and fetch at once.
  watch(
    () => {
      const w = target.value
      return w ? `${w.profileId}/${w.vmUuid}/${w.endTime - w.startTime}` : ''
    },
    () => {
      data.value = null
      void load()
    },
    { immediate: true }
  )

  return { data, error, loading, updatedAt, unavailable, reload: load }
}
