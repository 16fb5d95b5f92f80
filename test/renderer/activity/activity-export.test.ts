import { describe, expect, it } from 'vitest'
import { migrationsCsv } from '@renderer/features/activity/activity-export'
import { filterMigrations, emptyFilter } from '@renderer/features/activity/activity-filter'
import { record, uuid } from '../migrate-support/fixtures'

describe('activity export and filters', () => {
  it('writes the requested destination of a failed migration, quotes commas and defuses formulas', () => {
    const failed = record({
      id: 'bad',
      vmName: '=HYPERLINK("x"),db',
      state: 'failed',
      before: { hostUuid: uuid(1), hostName: 'host-a', vmState: 'Running' },
      after: { hostUuid: uuid(1), hostName: 'host-a', vmState: 'Running' },
      params: { hostUuid: uuid(2) },
      requested: { hostUuid: uuid(2), hostName: 'host-b' },
      error: {
        code: 'ZSTACK',
        kind: 'zstackOther',
        params: { zstackCode: 'HOST.1009' },
        message: 'failed',
        zstack: { code: 'HOST.1009', description: 'no, it failed' }
      }
    })
    const lines = migrationsCsv([failed], () => ({}))
      .trim()
      .split('\r\n')
    expect(lines).toHaveLength(2)
    const row = lines[1]!
    expect(row).toContain(`"'=HYPERLINK(""x""),db"`)
    expect(row).toContain(`,host-a,host-b,${uuid(2)},host-a,Running,Running,`)
    expect(row).toContain('HOST.1009,"no, it failed"')
  })

  it('filters by the time a migration started', () => {
    const now = Date.parse('2025-01-02T12:00:00Z')
    const old = record({ id: 'old', createdAt: '2024-12-20T12:00:00Z' })
    const recent = record({ id: 'recent', createdAt: '2025-01-02T11:30:00Z' })
    const today = record({ id: 'today', createdAt: '2025-01-02T01:00:00Z' })
    const all = [old, recent, today]
    const ids = (time: 'any' | 'hour' | 'day' | 'week') =>
      filterMigrations(all, { ...emptyFilter(), time }, now).map((r) => r.id)
    expect(ids('any')).toEqual(['old', 'recent', 'today'])
    expect(ids('hour')).toEqual(['recent'])
    expect(ids('day')).toEqual(['recent', 'today'])
    expect(ids('week')).toEqual(['recent', 'today'])
  })
})
