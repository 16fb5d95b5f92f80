import { describe, expect, it } from 'vitest'
import { formatBytes, formatGiB, percentOf } from '@renderer/format/bytes'
import { formatDate, formatDateTime, formatTime, parseZStackDate } from '@renderer/format/dates'

describe('parseZStackDate', () => {
  it('reads the Gson form ZStack sends, keeping the wall-clock time', () => {
    const date = parseZStackDate('Nov 14, 2017 10:20:57 PM')!
    expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2017, 10, 14])
    expect([date.getHours(), date.getMinutes(), date.getSeconds()]).toEqual([22, 20, 57])
  })

  it('handles 12 AM / 12 PM and the Java 9+ shape with a comma and a narrow no-break space', () => {
    expect(parseZStackDate('Jan 1, 2024 12:05:00 AM')!.getHours()).toBe(0)
    expect(parseZStackDate('Jan 1, 2024 12:05:00 PM')!.getHours()).toBe(12)
    const cldr = parseZStackDate('Mar 3, 2024, 9:05:00\u202fAM')!
    expect([cldr.getMonth(), cldr.getDate(), cldr.getHours(), cldr.getMinutes()]).toEqual([2, 3, 9, 5])
  })

  it('reads ISO dates and refuses what is not a date', () => {
    expect(parseZStackDate('2024-05-06T07:08:09Z')!.toISOString()).toBe('2024-05-06T07:08:09.000Z')
    expect(parseZStackDate('Foo 1, 2024 1:00:00 PM')).toBeUndefined()
    expect(parseZStackDate('yesterday')).toBeUndefined()
    expect(parseZStackDate('')).toBeUndefined()
    expect(parseZStackDate(undefined)).toBeUndefined()
  })
})

describe('formatDateTime', () => {
  it('formats per locale', () => {
    expect(formatDateTime('Nov 14, 2017 10:20:57 PM', 'en')).toBe('Nov 14, 2017, 10:20 PM')
    expect(formatDateTime('Nov 14, 2017 10:20:57 PM', 'zh-CN')).toBe('2017年11月14日 22:20')
  })

  it('formats a date alone for the table', () => {
    expect(formatDate('Nov 14, 2017 10:20:57 PM', 'en')).toBe('Nov 14, 2017')
    expect(formatDate('Nov 14, 2017 10:20:57 PM', 'zh-CN')).toBe('2017年11月14日')
    expect(formatDate(undefined, 'en')).toBe('—')
  })

  it('shows an unreadable date as it came, and a missing one as a dash', () => {
    expect(formatDateTime('sometime', 'en')).toBe('sometime')
    expect(formatDateTime(undefined, 'en')).toBe('—')
  })

  it('formats a time of day for the stale banner', () => {
    expect(formatTime(new Date(2024, 0, 1, 14, 2), 'zh-CN')).toBe('14:02')
    expect(formatTime(new Date(2024, 0, 1, 14, 2), 'en')).toBe('02:02 PM')
  })
})

describe('byte sizes', () => {
  it('uses binary units with locale digits', () => {
    expect(formatBytes(0, 'en')).toBe('0 B')
    expect(formatBytes(1023, 'en')).toBe('1,023 B')
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB')
    expect(formatBytes(40 * 1024 ** 3, 'en')).toBe('40 GiB')
    expect(formatBytes(1234.5 * 1024 ** 4, 'en')).toBe('1.2 PiB')
    expect(formatBytes(2.25 * 1024 ** 3, 'de')).toBe('2,3 GiB')
    expect(formatBytes(undefined, 'en')).toBe('—')
    expect(formatBytes(-1, 'en')).toBe('—')
  })

  it('shows memory as GiB with up to two decimals', () => {
    expect(formatGiB(8 * 1024 ** 3, 'en')).toBe('8')
    expect(formatGiB(1.5 * 1024 ** 3, 'zh-CN')).toBe('1.5')
    expect(formatGiB(512 * 1024 ** 2, 'en')).toBe('0.5')
    expect(formatGiB(1536 * 1024 ** 3, 'en')).toBe('1,536')
  })

  it('gives a bounded percentage for usage bars', () => {
    expect(percentOf(10, 40)).toBe(25)
    expect(percentOf(50, 40)).toBe(100)
    expect(percentOf(undefined, 40)).toBe(0)
    expect(percentOf(5, 0)).toBe(0)
  })
})
