import { describe, expect, it } from 'vitest'
import { average, formatMetric, formatPercent, formatRate } from '@renderer/format/metric-units'
import { choosePeriod, RANGE_SECONDS } from '../../../src/shared/metrics-types'

describe('metric units', () => {
  it('scales byte rates through KiB/s, MiB/s and GiB/s', () => {
    expect(formatRate(512, 'en')).toBe('512 B/s')
    expect(formatRate(1536, 'en')).toBe('1.5 KiB/s')
    expect(formatRate(1.5 * 1024 ** 2, 'en')).toBe('1.5 MiB/s')
    expect(formatRate(3 * 1024 ** 3, 'en')).toBe('3 GiB/s')
    expect(formatRate(-5, 'en')).toBe('0 B/s')
    expect(formatRate(null, 'en')).toBe('—')
  })

  it('writes percentages and picks the unit', () => {
    expect(formatPercent(4.25, 'en')).toBe('4.3 %')
    expect(formatPercent(42.4, 'zh-CN')).toBe('42 %')
    expect(formatMetric('percent', 7, 'en')).toBe('7 %')
    expect(formatMetric('rate', 2048, 'en')).toBe('2 KiB/s')
    expect(average([])).toBeUndefined()
    expect(average([1, 2, 3])).toBe(2)
  })

  it('chooses a period that keeps a chart to a few hundred points', () => {
    expect(choosePeriod(RANGE_SECONDS.hour)).toBe(10)
    expect(choosePeriod(RANGE_SECONDS.day)).toBe(300)
    expect(choosePeriod(RANGE_SECONDS.week)).toBe(1800)
    expect(choosePeriod(600)).toBe(10)
    expect(choosePeriod(400 * 86_400)).toBe(3600)
    for (const span of [3600, 86_400, 604_800]) expect(span / choosePeriod(span)).toBeGreaterThan(200)
  })
})
