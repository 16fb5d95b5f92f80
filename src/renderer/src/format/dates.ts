// ZStack dates are Gson strings without a zone ("Nov 14, 2017 10:20:57 PM"): read them, show them per locale.
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
// Java 9+ (CLDR) adds a comma after the year and a narrow no-break space before AM/PM: accept both shapes.
const GSON =
  /^([A-Za-z]{3})[a-z]* (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})[\s\u202f\u00a0]*(AM|PM|am|pm)?$/
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * Parses a ZStack date. Without a zone the server's wall-clock time is kept as is (shown unchanged),
 * since the management node's zone is unknown to the client.
 */
export function parseZStackDate(text: string | null | undefined): Date | undefined {
  if (!text) return undefined
  const trimmed = text.trim()
  const gson = GSON.exec(trimmed)
  if (gson) {
    const [, mon = '', day, year, hour, minute, second, half] = gson
    const month = MONTHS.indexOf(mon.toLowerCase())
    if (month < 0) return undefined
    let h = Number(hour)
    if (half) h = (h % 12) + (half.toUpperCase() === 'PM' ? 12 : 0)
    const date = new Date(Number(year), month, Number(day), h, Number(minute), Number(second))
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  if (ISO.test(trimmed)) {
    const date = new Date(trimmed.replace(' ', 'T'))
    return Number.isNaN(date.getTime()) ? undefined : date
  }
  return undefined
}

/** How a node's zone-less dates are read: as written, at a learnt offset, or in a named (IANA) zone. */
export type NodeZone =
  { kind: 'written' } | { kind: 'offset'; minutes: number } | { kind: 'iana'; zone: string }

/** The wall-clock fields of a zone-less date, as milliseconds of the same fields read in UTC. */
function wallClockMs(date: Date): number {
  return Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds()
  )
}

/** The zone's offset from UTC in minutes at `instant` (DST included). */
export function zoneOffsetMinutes(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric'
  }).formatToParts(instant)
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second')
  )
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000)
}

/**
 * The instant a node date stands for: node-local wall time read in `zone`. A date that names its own zone (ISO
 * with Z or an offset) and the "as written" setting keep the plain parse.
 */
export function nodeDateInstant(text: string | null | undefined, zone: NodeZone): Date | undefined {
  const parsed = parseZStackDate(text)
  if (!parsed || zone.kind === 'written' || /(Z|[+-]\d{2}:?\d{2})$/.test(text?.trim() ?? '')) return parsed
  const wall = wallClockMs(parsed)
  if (zone.kind === 'offset') return new Date(wall - zone.minutes * 60_000)
  // Two passes settle the offset on either side of a DST change.
  let instant = wall - zoneOffsetMinutes(zone.zone, wall) * 60_000
  instant = wall - zoneOffsetMinutes(zone.zone, instant) * 60_000
  return new Date(instant)
}

/** Date and time for tables and details: `Nov 14, 2017, 10:20 PM` / `2017年11月14日 22:20`. */
export function formatDateTime(value: string | Date | null | undefined, locale: string): string {
  const date = value instanceof Date ? value : parseZStackDate(value)
  if (!date) return typeof value === 'string' && value ? value : '—'
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** Date only, for the table's Created column: `Nov 14, 2017` / `2017年11月14日`. */
export function formatDate(value: string | null | undefined, locale: string): string {
  const date = parseZStackDate(value)
  if (!date) return value || '—'
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date)
}

/** `UTC+08:00`, `UTC-03:30`, `UTC+00:00`: the zone a node's wall-clock dates are in. */
export function utcOffsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
}

/** Time of day only, for "showing data from 14:02". */
export function formatTime(value: Date | number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(value)
}
