// Monitoring values as people read them: percentages, and byte rates that scale (B/s, KiB/s, MiB/s, GiB/s).
const RATE_UNITS = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s'] as const

export type MetricUnit = 'percent' | 'rate'

/** `1572864` → `1.5 MiB/s`. */
export function formatRate(bytesPerSecond: number | null | undefined, locale: string): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return '—'
  let unit = 0
  let value = Math.max(0, bytesPerSecond)
  while (value >= 1024 && unit < RATE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${RATE_UNITS[unit]}`
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
