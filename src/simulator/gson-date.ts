// ZStack serialises dates with Gson's default US pattern and no zone: "Nov 14, 2017 10:20:57 PM".

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const GSON_PATTERN = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/
const SQL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

const two = (n: number): string => String(n).padStart(2, '0')

/** Formats epoch milliseconds; UTC fields so the output does not depend on the machine's zone. */
export function formatGsonDate(ms: number): string {
  const d = new Date(ms)
  const hours = d.getUTCHours()
  const hour12 = hours % 12 === 0 ? 12 : hours % 12
  return (
    `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ` +
    `${hour12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
  )
}

/** Reads a date the way a query value may give it: Gson form, `yyyy-MM-dd[ HH:mm[:ss]]`, or epoch ms. */
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
