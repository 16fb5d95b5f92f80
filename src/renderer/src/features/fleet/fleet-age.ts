// How old a last-known answer is, in words.
type Translate = (key: string, values: Record<string, unknown>) => string

export function ageText(iso: string, now: number, t: Translate): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000)
  if (!(minutes >= 1)) return t('fleet.age.now', {})
  if (minutes < 60) return t('fleet.age.minutes', { n: minutes })
  if (minutes < 48 * 60) return t('fleet.age.hours', { n: Math.floor(minutes / 60) })
  return t('fleet.age.days', { n: Math.floor(minutes / 1440) })
}
