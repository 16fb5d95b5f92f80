// Monitoring values as people read them: percentages, and byte rates that scale (B/s, KiB/s, MiB/s, GiB/s).
import { formatBytes } from './bytes'

export type MetricUnit = 'percent' | 'rate'

/** `1572864` → `1.5 MiB/s`: the byte units of sizes, per second. */
export function formatRate(bytesPerSecond: number | null | undefined, locale: string): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return '—'
  return `${formatBytes(Math.max(0, bytesPerSecond), locale)}/s`
}

export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value >= 10 ? 0 : 1 }).format(value)} %`
}

export const formatMetric = (unit: MetricUnit, value: number | null | undefined, locale: string): string =>
  unit === 'percent' ? formatPercent(value, locale) : formatRate(value, locale)

export function average(values: readonly number[]): number | undefined {
  return values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : undefined
}
