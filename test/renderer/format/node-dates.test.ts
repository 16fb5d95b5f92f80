// Node dates carry no zone: read them as wall time in the node's zone (learnt offset or a named zone, DST included).
import { describe, expect, it } from 'vitest'
import { nodeDateInstant, parseZStackDate, zoneOffsetMinutes } from '@renderer/format/dates'
import { resolveNodeZone } from '@renderer/composables/use-node-zone'
import type { ClusterProfile } from '../../../src/shared/api'

const iso = (text: string, zone: Parameters<typeof nodeDateInstant>[1]): string | undefined =>
  nodeDateInstant(text, zone)?.toISOString()
const NY = { kind: 'iana', zone: 'America/New_York' } as const

describe('nodeDateInstant', () => {
  it('reads a date at a learnt offset', () => {
    expect(iso('Nov 30, 2026 10:05:00 PM', { kind: 'offset', minutes: 480 })).toBe('2026-11-30T14:05:00.000Z')
    expect(iso('Nov 30, 2026 10:05:00 PM', { kind: 'offset', minutes: -210 })).toBe(
      '2026-12-01T01:35:00.000Z'
    )
  })

  it('reads New York wall time as EST in winter and EDT in summer', () => {
    expect(iso('Jan 15, 2026 9:00:00 AM', NY)).toBe('2026-01-15T14:00:00.000Z')
    expect(iso('Jul 15, 2026 9:00:00 AM', NY)).toBe('2026-07-15T13:00:00.000Z')
  })

  it('takes the right side of each DST change in New York', () => {
    expect(iso('Mar 8, 2026 1:30:00 AM', NY)).toBe('2026-03-08T06:30:00.000Z')
    expect(iso('Mar 8, 2026 3:30:00 AM', NY)).toBe('2026-03-08T07:30:00.000Z')
    expect(iso('Nov 1, 2026 3:30:00 AM', NY)).toBe('2026-11-01T08:30:00.000Z')
    expect(iso('Oct 31, 2026 11:30:00 PM', NY)).toBe('2026-11-01T03:30:00.000Z')
  })

  it('reads Shanghai the same all year and the Java 9+ shape alike', () => {
    const sh = { kind: 'iana', zone: 'Asia/Shanghai' } as const
    expect(iso('Jul 1, 2026, 8:00:00\u202fAM', sh)).toBe('2026-07-01T00:00:00.000Z')
    expect(iso('Dec 31, 2026 11:59:59 PM', sh)).toBe('2026-12-31T15:59:59.000Z')
  })

  it('keeps a date that names its own zone, and the as-written reading, untouched', () => {
    expect(iso('2026-11-30T14:05:00Z', NY)).toBe('2026-11-30T14:05:00.000Z')
    expect(iso('2026-11-30T14:05:00+08:00', { kind: 'offset', minutes: -300 })).toBe(
      '2026-11-30T06:05:00.000Z'
    )
    const text = 'Nov 30, 2026 10:05:00 PM'
    expect(nodeDateInstant(text, { kind: 'written' })?.getTime()).toBe(parseZStackDate(text)?.getTime())
  })

  it('answers nothing for text that is not a date', () => {
    expect(nodeDateInstant('yesterday', NY)).toBeUndefined()
    expect(nodeDateInstant(undefined, { kind: 'offset', minutes: 0 })).toBeUndefined()
  })
})

describe('zoneOffsetMinutes', () => {
  it('gives the offset in force at an instant', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 10, 30))).toBe(480)
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 15, 12))).toBe(-300)
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 15, 12))).toBe(-240)
    expect(zoneOffsetMinutes('Asia/Kolkata', Date.UTC(2026, 6, 15, 12))).toBe(330)
  })
})

describe('resolveNodeZone', () => {
  const profile = (timeZone?: string): ClusterProfile => ({
    id: 'p',
    name: 'P',
    endpoint: { scheme: 'http', host: 'h', port: 8080, path: 'zstack' },
    accountName: 'admin',
    tls: { verify: true },
    timeoutMs: 30_000,
    ...(timeZone ? { timeZone } : {})
  })

  it('prefers the profile setting, then the learnt offset, else as written', () => {
    expect(resolveNodeZone(profile('America/New_York'), 480)).toEqual(NY)
    expect(resolveNodeZone(profile('as-written'), 480)).toEqual({ kind: 'written' })
    expect(resolveNodeZone(profile(), 480)).toEqual({ kind: 'offset', minutes: 480 })
    expect(resolveNodeZone(profile(), undefined)).toEqual({ kind: 'written' })
    expect(resolveNodeZone(undefined, 0)).toEqual({ kind: 'offset', minutes: 0 })
  })
})
