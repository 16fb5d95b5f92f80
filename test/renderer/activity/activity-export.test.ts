import { describe, expect, it } from 'vitest'
import type { VmActionRecord } from '../../../src/shared/api'
import { migrationsCsv, migrationsJson } from '@renderer/features/activity/activity-export'
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

  it('writes starts and stops beside migrations: their action, job state and the VM state before and after', () => {
    const stop: VmActionRecord = {
      id: 'stop-1',
      action: 'stop',
      profileId: 'demo',
      profileName: 'Demo',
      vmUuid: uuid(7),
      vmName: 'cache-02',
      jobUuid: 'e'.repeat(32),
      state: 'succeeded',
      createdAt: '2025-01-01T09:30:00.000Z',
      updatedAt: '2025-01-01T09:30:02.500Z',
      finishedAt: '2025-01-01T09:30:02.500Z',
      before: { hostUuid: uuid(1), vmState: 'Running' },
      after: { hostUuid: null, lastHostUuid: uuid(1), vmState: 'Stopped' }
    }
    const moved = record({ id: 'moved', state: 'succeeded' })
    const lines = migrationsCsv([stop, moved], () => ({ [uuid(1)]: 'host-a' }))
      .trim()
      .split('\r\n')
    expect(lines[0]!.startsWith('id,action,cluster,vm,vmUuid,state,')).toBe(true)
    expect(lines[1]).toBe(
      `stop-1,stop,Demo,cache-02,${uuid(7)},succeeded,host-a,,,,Running,Stopped,2025-01-01T09:30:00.000Z,2025-01-01T09:30:00.000Z,2025-01-01T09:30:02.500Z,2.5,${'e'.repeat(32)},,`
    )
    expect(lines[2]!.startsWith('moved,migrate,')).toBe(true)
    const json = JSON.parse(migrationsJson([stop, moved])) as {
      migrations: { id: string }[]
      vmActions: VmActionRecord[]
    }
    expect(json.migrations.map((m) => m.id)).toEqual(['moved'])
    expect(json.vmActions).toEqual([stop])
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
