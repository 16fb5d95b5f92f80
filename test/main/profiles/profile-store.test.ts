import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openProfileStore } from '../../../src/main/profiles/profile-store'
import { isDeskError } from '../../../src/main/desk-error'
import type { ProfileInput } from '../../../src/shared/profile-types'
import type { AppError } from '../../../src/shared/result'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-profiles-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const input = (name: string, host = `${name.replace(/\W+/g, '-')}.example.com`): ProfileInput => ({
  name,
  endpoint: { scheme: 'https', host, port: 8443, path: 'zstack' },
  accountName: 'admin',
  tls: { verify: true },
  timeoutMs: 30_000
})

const readFile = (dir: string): { version: number; profiles: { id: string; name: string }[] } =>
  JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'))

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (error) {
    return isDeskError(error) ? error.error.code : 'NOT_A_DESK_ERROR'
  }
  return undefined
}

describe('profile store', () => {
  it('starts with only the Demo cluster on first launch and writes nothing', async () => {
    const dir = tempDir()
    const store = await openProfileStore({ dataDir: dir })
    const listing = store.listing()
    expect(listing.profiles.map((p) => p.id)).toEqual(['demo'])
    expect(listing.profiles[0]).toMatchObject({ builtIn: 'demo', name: 'Demo cluster' })
    expect(listing.notices).toEqual([])
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false)
  })

  it('saves, edits and deletes profiles in a versioned file, Demo always first and never stored', async () => {
    const dir = tempDir()
    const store = await openProfileStore({ dataDir: dir })
    const a = await store.save(input('prod-a'))
    const b = await store.save(input('prod-b'))
    expect(store.listing().profiles.map((p) => p.name)).toEqual(['Demo cluster', 'prod-a', 'prod-b'])
    await store.save({ ...input('prod-a renamed'), id: a.id })
    await store.remove(b.id)
    const file = readFile(dir)
    expect(file.version).toBe(1)
    expect(file.profiles).toEqual([expect.objectContaining({ id: a.id, name: 'prod-a renamed' })])
    expect(JSON.stringify(file)).not.toContain('demo')
    // A fresh store reads the same thing back.
    const again = await openProfileStore({ dataDir: dir })
    expect(again.listing().profiles.map((p) => p.name)).toEqual(['Demo cluster', 'prod-a renamed'])
  })

  it('refuses to edit or delete the Demo cluster with a clear error', async () => {
    const store = await openProfileStore({ dataDir: tempDir() })
    const edit = store.save({ ...input('mine'), id: 'demo' })
    await expect(edit).rejects.toThrow(/Demo cluster is built in/)
    expect(await codeOf(store.remove('demo'))).toBe('INVALID_INPUT')
    expect(store.listing().profiles[0]?.name).toBe('Demo cluster')
  })

  it('keeps the old file whole when a write crashes between write and rename', async () => {
    const dir = tempDir()
    const good = await openProfileStore({ dataDir: dir })
    await good.save(input('one'))
    await good.save(input('two'))
    const before = readFileSync(join(dir, 'profiles.json'), 'utf8')

    let crashed = 0
    const crashing = await openProfileStore({
      dataDir: dir,
      writeHooks: {
        beforeRename: async (temp) => {
          crashed++
          // The new content is fully written and synced at this point: only the rename is missing.
          expect(readFileSync(temp, 'utf8')).toContain('three')
          throw new Error('simulated power cut before rename')
        }
      }
    })
    const failed = crashing.save(input('three'))
    await expect(failed).rejects.toThrow(/Nothing was changed/)
    expect(crashed).toBe(1)
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe(before)
    expect(crashing.listing().profiles.map((p) => p.name)).toEqual(['Demo cluster', 'one', 'two'])

    // A crash that left a half-written temp file behind: the next start ignores and removes it.
    writeFileSync(join(dir, '.profiles.json.4242-deadbeef.tmp'), '{"version":1,"profiles":[{"na')
    const reopened = await openProfileStore({ dataDir: dir })
    expect(reopened.listing().profiles.map((p) => p.name)).toEqual(['Demo cluster', 'one', 'two'])
    expect(reopened.listing().notices).toEqual([])
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('moves a corrupt file aside, reports it, and starts with only Demo', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'profiles.json'), '{"version": 1, "profiles": [\n  {"name": "x",\n  oops\n]}')
    const store = await openProfileStore({ dataDir: dir, now: () => new Date('2025-01-02T03:04:05.678Z') })
    const listing = store.listing()
    expect(listing.profiles.map((p) => p.id)).toEqual(['demo'])
    expect(listing.notices).toHaveLength(1)
    // The notice is a kind with parameters; the reason is its cause, the parser's own words its details.
    expect(listing.notices[0]).toMatchObject({
      kind: 'profilesMovedAside',
      params: { file: 'profiles.json', aside: join(dir, 'profiles.corrupt-2025-01-02T03-04-05-678Z.json') },
      cause: { kind: 'profilesFileCorruptAt', params: { line: 3 }, details: expect.any(String) }
    })
    const aside = join(dir, 'profiles.corrupt-2025-01-02T03-04-05-678Z.json')
    expect(readFileSync(aside, 'utf8')).toContain('oops')
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false)
    // Saving works again and the corrupt copy stays.
    await store.save(input('fresh'))
    expect(readFile(dir).profiles).toHaveLength(1)
    expect(existsSync(aside)).toBe(true)
  })

  it('moves aside a file of an unknown version and an unreadable one', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ version: 9, profiles: [] }))
    const store = await openProfileStore({ dataDir: dir })
    expect(store.listing().notices[0]).toMatchObject({
      kind: 'profilesMovedAside',
      cause: { kind: 'profilesFileWrongVersion', params: { version: '9', expected: 1 } }
    })

    const other = tempDir()
    mkdirSync(join(other, 'profiles.json'))
    const unreadable = await openProfileStore({ dataDir: other })
    expect(unreadable.listing().notices[0]).toMatchObject({
      kind: 'profilesMovedAside',
      cause: { kind: 'profilesFileUnreadable', details: expect.stringMatching(/EISDIR/) }
    })
    expect(readdirSync(other).some((n) => n.startsWith('profiles.corrupt-'))).toBe(true)
  })

  it('keeps the good entries of a file with one bad entry and reports the bad one with its line', async () => {
    const dir = tempDir()
    const good = { id: 'good-1', ...input('good one') }
    const alsoGood = { id: 'good-2', ...input('good two') }
    const bad = {
      id: 'bad-1',
      ...input('bad one'),
      endpoint: { scheme: 'https', host: 'bad host', port: 99999, path: 'zstack' }
    }
    const text = JSON.stringify({ version: 1, profiles: [good, bad, alsoGood] }, null, 2)
    writeFileSync(join(dir, 'profiles.json'), text)
    const store = await openProfileStore({ dataDir: dir })
    const listing = store.listing()
    expect(listing.profiles.map((p) => p.id)).toEqual(['demo', 'good-1', 'good-2'])
    expect(listing.notices).toHaveLength(1)
    const badLine = text.split('\n').findIndex((l) => l.includes('"bad-1"'))
    // The entry's line is the line of its opening brace, just above its id.
    expect(listing.notices[0]).toMatchObject({
      kind: 'profilesSkipped',
      params: { count: 1, file: 'profiles.json' }
    })
    // Each problem is an issue the window phrases: the entry and its line, the field's own problem as the cause.
    const issues = (listing.notices[0] as AppError).issues ?? []
    expect(issues.map((i) => i.path)).toEqual(['endpoint.host', 'endpoint.port'])
    for (const issue of issues) {
      expect(issue.problem).toMatchObject({
        kind: 'profileEntrySkippedAt',
        params: { entry: 2, line: badLine }
      })
      expect(issue.problem.cause?.params.field).toBe(issue.path)
    }
    // Nothing silently dropped: the original, bad entry included, is kept beside it.
    const copy = readdirSync(dir).find((n) => n.startsWith('profiles.corrupt-'))
    expect(copy).toBeDefined()
    expect(readFileSync(join(dir, copy!), 'utf8')).toContain('bad-1')
  })

  it('records lastUsedAt with a debounced write', async () => {
    const dir = tempDir()
    let clock = new Date('2025-05-01T10:00:00.000Z')
    const store = await openProfileStore({ dataDir: dir, now: () => clock, usageWriteDelayMs: 30 })
    const a = await store.save(input('used'))
    store.markUsed(a.id)
    clock = new Date('2025-05-01T10:00:01.000Z')
    store.markUsed(a.id)
    expect(store.get(a.id)?.lastUsedAt).toBe('2025-05-01T10:00:01.000Z')
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).not.toContain('lastUsedAt')
    await expect
      .poll(() => readFileSync(join(dir, 'profiles.json'), 'utf8'))
      .toContain('2025-05-01T10:00:01.000Z')
    const again = await openProfileStore({ dataDir: dir })
    expect(again.get(a.id)?.lastUsedAt).toBe('2025-05-01T10:00:01.000Z')
  })

  it('never stores a field that is not a profile field, such as a password', async () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'profiles.json'),
      JSON.stringify({ version: 1, profiles: [{ id: 'p1', ...input('with password'), password: 'hunter2' }] })
    )
    const store = await openProfileStore({ dataDir: dir })
    expect(store.listing().profiles.map((p) => p.id)).toEqual(['demo'])
    expect(store.listing().notices[0]).toMatchObject({
      kind: 'profilesSkipped',
      issues: [
        expect.objectContaining({
          path: 'password',
          problem: expect.objectContaining({ cause: expect.objectContaining({ kind: 'fieldUnknown' }) })
        })
      ]
    })
  })
})
