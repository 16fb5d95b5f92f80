// Durations and placements as people read them (sizes and dates: ../../format).
import type { Placement } from '../../../../shared/api'

type Translate = (key: string, params?: Record<string, unknown>) => string

export function formatDuration(ms: number, t: Translate): string {
  const safe = Math.max(0, ms)
  if (safe < 60_000) return t('migrate.time.seconds', { s: (safe / 1000).toFixed(safe < 10_000 ? 1 : 0) })
  const minutes = Math.floor(safe / 60_000)
  const seconds = Math.floor((safe % 60_000) / 1000)
  if (minutes < 60) return t('migrate.time.minutes', { m: minutes, s: String(seconds).padStart(2, '0') })
  return t('migrate.time.hours', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') })
}

export function elapsedMs(from: string | undefined, to: string | number | undefined): number {
  if (!from) return 0
  const end = typeof to === 'number' ? to : to ? Date.parse(to) : Date.now()
  return end - Date.parse(from)
}

/** "host (cluster, zone)" with whatever names are known. */
export function placementText(placement: Placement | undefined): string {
  if (!placement) return ''
  const host = placement.hostName ?? placement.hostUuid ?? ''
  const where = [
    placement.clusterName ?? placement.clusterUuid,
    placement.zoneName ?? placement.zoneUuid
  ].filter(Boolean)
  return where.length ? `${host} (${where.join(', ')})` : host
}
