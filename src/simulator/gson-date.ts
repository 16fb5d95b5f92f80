// ZStack serialises dates with Gson's default US pattern and no zone: "Nov 14, 2017 10:20:57 PM".

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const GSON_PATTERN = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/
const SQL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

const two = (n: number): string => String(n).padStart(2, '0')

const offsets = new Map<string, Map<number, number>>()
const HOUR_MS = 3_600_000

/** The zone's offset from UTC at that instant, in ms; cached per hour since worlds format many dates. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  let byHour = offsets.get(timeZone)
  if (!byHour) {
    byHour = new Map()
    offsets.set(timeZone, byHour)
  }
  const hour = Math.floor(ms / HOUR_MS)
  const known = byHour.get(hour)
  if (known !== undefined) return known
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
      .formatToParts(hour * HOUR_MS)
      .map((part) => [part.type, Number(part.value)])
  ) as Record<string, number>
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second
  )
  const offset = wall - hour * HOUR_MS
  byHour.set(hour, offset)
  return offset
}

/** Throws on a zone name Intl does not know, so a typo fails at start, not on the first date. */
export function checkTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone })
}

/** Formats epoch milliseconds as the node writes them: wall-clock time in its own zone, no zone in the text. */
export function formatGsonDate(ms: number, timeZone = 'UTC'): string {
  const d = new Date(ms + zoneOffsetMs(ms, timeZone))
  const hours = d.getUTCHours()
  const hour12 = hours % 12 === 0 ? 12 : hours % 12
  return (
    `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ` +
    `${hour12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
  )
}

/**
 * Reads a date the way a query value may give it: Gson form, `yyyy-MM-dd[ HH:mm[:ss]]`, or epoch ms. Stored dates
 * and query texts are both the node's wall-clock time, so they compare as written, as MySQL compares DATETIMEs.
 */
export function parseZStackDate(text: string): number | undefined {
  const gson = GSON_PATTERN.exec(text)
  if (gson) {
    const [, mon, day, year, hour, minute, second, half] = gson
    const month = MONTHS.indexOf(mon ?? '')
    if (month < 0) return undefined
    const h12 = Number(hour) % 12
    return Date.UTC(
      Number(year),
      month,
      Number(day),
      half === 'PM' ? h12 + 12 : h12,
      Number(minute),
      Number(second)
    )
  }
  const sql = SQL_PATTERN.exec(text)
  if (sql) {
    const [, year, month, day, hour, minute, second] = sql
    return Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour ?? 0),
      Number(minute ?? 0),
      Number(second ?? 0)
    )
  }
  if (/^\d+$/.test(text)) return Number(text)
  return undefined
}
