import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openMigrationJournal } from '../../../src/main/migrations/migration-journal'
import type { MigrationRecord } from '../../../src/shared/migration-types'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-journal-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function record(n: number, state: MigrationRecord['state'] = 'running'): MigrationRecord {
  const at = new Date(Date.UTC(2025, 0, 1, 10, n)).toISOString()
  return {
    id: `record-${n}`,
    profileId: 'p1',
    profileName: 'Prod',
    vmUuid: n.toString(16).padStart(32, '0'),
    vmName: `vm-${n}`,
    params: { hostUuid: 'f'.repeat(32) },
    jobUuid: (n + 100).toString(16).padStart(32, '0'),
    state,
    createdAt: at,
    updatedAt: at,
    polls: 0,
    before: { hostUuid: 'e'.repeat(32) }
  }
}

describe('migration journal', () => {
  it('writes every record to disk and reads it back newest first', async () => {
    const dir = tempDir()
    const journal = await openMigrationJournal(dir)
    await journal.put(record(1, 'succeeded'))
    await journal.put(record(3, 'pending'))
    await journal.put(record(2, 'failed'))
    const onDisk = JSON.parse(readFileSync(join(dir, 'migrations.json'), 'utf8')) as {
      version: number
      records: unknown[]
    }
    expect(onDisk.version).toBe(1)
    expect(onDisk.records).toHaveLength(3)
    const again = await openMigrationJournal(dir)
    expect(again.list().map((r) => r.id)).toEqual(['record-3', 'record-2', 'record-1'])
    expect(again.unfinished().map((r) => r.id)).toEqual(['record-3'])
    expect(again.activeFor('p1', record(3).vmUuid)?.id).toBe('record-3')
    expect(again.activeFor('p1', record(1).vmUuid)).toBeUndefined()
    expect(again.notices).toEqual([])
  })

  it('keeps the previous journal whole when a write crashes before the rename', async () => {
    const dir = tempDir()
    const journal = await openMigrationJournal(dir)
    await journal.put(record(1))
    const before = readFileSync(join(dir, 'migrations.json'), 'utf8')
    const crashing = await openMigrationJournal(dir, {
      writeHooks: {
        beforeRename: async () => {
          throw new Error('simulated crash')
        }
      }
    })
    await expect(crashing.put(record(2))).rejects.toThrow('simulated crash')
    expect(readFileSync(join(dir, 'migrations.json'), 'utf8')).toBe(before)
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('moves a corrupt journal aside and says so', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'migrations.json'), '{"version":1,"records":[{"id":')
    const journal = await openMigrationJournal(dir)
    expect(journal.list()).toEqual([])
    expect(journal.notices[0]).toMatchObject({
      kind: 'journalMovedAside',
      params: { file: 'migrations.json' }
    })
    expect(journal.notices[0]?.message).toMatch(/could not be read.*moved to .*migrations\.corrupt-/)
    expect(existsSync(join(dir, 'migrations.json'))).toBe(false)
    expect(readdirSync(dir).some((n) => n.startsWith('migrations.corrupt-'))).toBe(true)
  })

  it('skips a damaged record, keeps the rest, and keeps a copy of the original', async () => {
    const dir = tempDir()
    const damaged = { ...record(2), jobUuid: 'not-a-uuid' }
    writeFileSync(join(dir, 'migrations.json'), JSON.stringify({ version: 1, records: [record(1), damaged] }))
    const journal = await openMigrationJournal(dir)
    expect(journal.list().map((r) => r.id)).toEqual(['record-1'])
    expect(journal.notices[0]).toMatchObject({ kind: 'journalRecordsSkipped', params: { count: 1 } })
    expect(journal.notices[0]?.message).toMatch(/1 damaged record/)
    const copy = readdirSync(dir).find((n) => n.startsWith('migrations.corrupt-'))
    expect(readFileSync(join(dir, copy!), 'utf8')).toContain('not-a-uuid')
  })

  it('refuses to write a corrupt journal it could not move aside, and says what to do', async () => {
    const dir = tempDir()
    const now = new Date(Date.UTC(2025, 5, 1, 12, 0, 0))
    const original = '{"version":1,"records":[{"id":"unfinished-but-cut'
    writeFileSync(join(dir, 'migrations.json'), original)
    // A folder where the copy would go: the move fails as it would on a full or read-only disk.
    const aside = join(dir, 'migrations.corrupt-2025-06-01T12-00-00-000Z.json')
    mkdirSync(aside)
    writeFileSync(join(aside, 'keep'), '')
    const journal = await openMigrationJournal(dir, { now: () => now })
    expect(journal.notices[0]).toMatchObject({ kind: 'journalUnwritable', details: expect.any(String) })
    expect(journal.notices[0]?.message).toMatch(/could not be copied aside/)
    expect(journal.notices[0]?.message).toMatch(/move or repair .*migrations\.json.*then restart/)
    expect(journal.notices[0]?.message).not.toMatch(/was moved to|is kept/)
    const refused = await journal.put(record(1)).catch((error: unknown) => error)
    expect(refused).toMatchObject({ error: { code: 'JOURNAL_UNWRITABLE' } })
    expect(journal.list()).toEqual([])
    expect(readFileSync(join(dir, 'migrations.json'), 'utf8')).toBe(original)
  })

  it('refuses to drop damaged records when no copy of the original could be made', async () => {
    const dir = tempDir()
    const now = new Date(Date.UTC(2025, 5, 1, 12, 0, 0))
    const damaged = { ...record(2), jobUuid: 'not-a-uuid' }
    const original = JSON.stringify({ version: 1, records: [record(1), damaged] })
    writeFileSync(join(dir, 'migrations.json'), original)
    mkdirSync(join(dir, 'migrations.corrupt-2025-06-01T12-00-00-000Z.json'))
    const journal = await openMigrationJournal(dir, { now: () => now })
    expect(journal.list().map((r) => r.id)).toEqual(['record-1'])
    expect(journal.notices[0]).toMatchObject({ kind: 'journalDamagedUnwritable', params: { count: 1 } })
    expect(journal.notices[0]?.message).toMatch(/1 damaged record.*could not be copied aside/)
    await expect(journal.put(record(3))).rejects.toMatchObject({ error: { code: 'JOURNAL_UNWRITABLE' } })
    expect(readFileSync(join(dir, 'migrations.json'), 'utf8')).toBe(original)
  })

  it('writes nothing after it is closed', async () => {
    const dir = tempDir()
    const journal = await openMigrationJournal(dir)
    await journal.put(record(1))
    await journal.close()
    await journal.put(record(2))
    const onDisk = JSON.parse(readFileSync(join(dir, 'migrations.json'), 'utf8')) as {
      records: { id: string }[]
    }
    expect(onDisk.records.map((r) => r.id)).toEqual(['record-1'])
  })
})
