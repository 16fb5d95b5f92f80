// Byte sizes as people read them, in binary units (ZStack sizes are bytes; its UI shows GiB).
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const
const GIB = 1024 ** 3

/** `1073741824` → `1 GiB` (`1 GiB` in zh-CN too: unit names are international). */
export function formatBytes(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—'
  let unit = 0
  let value = bytes
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`
}

/** Memory column: a plain number of GiB, up to two decimals. */
export function formatGiB(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—'
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(bytes / GIB)
}

/** Share of `part` in `whole` as 0–100, for usage bars; 0 when unknown. */
export function percentOf(part: number | null | undefined, whole: number | null | undefined): number {
  if (!part || !whole || whole <= 0) return 0
  return Math.min(100, Math.max(0, (part / whole) * 100))
}
