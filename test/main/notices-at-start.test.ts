// Issue 11.3: what main tells the user on its own at start is a kind with parameters, never an English sentence.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import { createEventBus } from '../../src/main/event-bus'
import type { AppError, DeskEvents } from '../../src/shared/api'
import { englishMessage, ERROR_KINDS } from '../../src/shared/error-kinds'
import { NOTICE_KINDS_AT_START, seedNoticesAtStart } from '../support/notices-at-start'
import { createBrokenSecretStore } from './desk/support/memory-secret-store'

/** Every error along the cause chain and in the issues: each must be a kind whose English is the table's. */
function everyError(error: AppError): AppError[] {
  const nested = [...(error.cause ? [error.cause] : []), ...(error.issues ?? []).map((i) => i.problem)]
  return [error, ...nested.flatMap(everyError)]
}

const dirs: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-notices-'))
  dirs.push(dir)
  return dir
}

let runtime: DeskRuntime
let notices: AppError[]
const events: DeskEvents['notice'][] = []

beforeAll(async () => {
  const dataDir = tempDir()
  const { profilesFile } = seedNoticesAtStart(dataDir, tempDir())
  const bus = createEventBus()
  bus.on('notice', (n) => events.push(n))
  runtime = await composeDesk({
    transport: 'web',
    dataDir,
    version: 'test',
    profilesFile,
    secretStore: createBrokenSecretStore(),
    events: bus
  })
  const listing = await runtime.guarded.api.listProfiles()
  if (!listing.ok) throw new Error(listing.error.message)
  notices = listing.data.notices
})

afterAll(async () => {
  await runtime?.dispose()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const notice = (kind: string): AppError | undefined => notices.find((n) => n.kind === kind)

describe('notices at start (issue 11.3)', () => {
  it('raises each notice as a kind of the shared table, in the listing and as an event', () => {
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining([...NOTICE_KINDS_AT_START]))
    for (const kind of NOTICE_KINDS_AT_START)
      expect(
        events.map((e) => e.error.kind),
        `${kind} told to an open window`
      ).toContain(kind)
  })

  it('carries no sentence of its own: every message, cause and issue is the table’s text with parameters', () => {
    const all = [...notices, ...events.map((e) => e.error)].flatMap(everyError)
    expect(all.length).toBeGreaterThan(NOTICE_KINDS_AT_START.length)
    for (const error of all) {
      expect(Object.hasOwn(ERROR_KINDS, error.kind), error.message).toBe(true)
      expect(error.message).toBe(englishMessage(error.kind, error.params, error.cause))
    }
  })

  it('names the folder made private, the histories set aside and the import’s counts as parameters', () => {
    expect(notice('dataDirMadePrivate')?.params).toMatchObject({ mode: '0755' })
    expect(notice('journalMovedAside')?.params).toMatchObject({
      file: 'migrations.json',
      aside: expect.stringMatching(/migrations\.corrupt-.*\.json$/)
    })
    expect(notice('vmActionsMovedAside')?.params).toMatchObject({ file: 'vm-actions.json' })
    expect(notice('batchesMovedAside')?.params).toMatchObject({
      aside: expect.stringMatching(/batches\.corrupt-/)
    })
    expect(notice('importedAtStart')?.params).toMatchObject({ added: 1, updated: 0, rejected: 2 })
  })

  it('lists each rejected import entry as an issue: its place, and the field’s own problem or the Demo id', () => {
    const problems = notice('importedAtStart')?.issues?.map((i) => i.problem)
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'profileEntrySkippedAt',
        params: { entry: 2, line: 5 },
        cause: expect.objectContaining({ params: expect.objectContaining({ field: 'endpoint.host' }) })
      }),
      expect.objectContaining({
        kind: 'profileEntrySkippedAt',
        params: { entry: 3, line: 8 },
        cause: expect.objectContaining({ kind: 'demoIdReserved' })
      })
    ])
  })

  it('lists the skipped entries of profiles.json: a bad port, the Demo’s id, an id twice', () => {
    const skipped = notice('profilesSkipped')
    expect(skipped?.params).toMatchObject({ count: 3, file: 'profiles.json' })
    expect(skipped?.issues?.map((i) => [i.problem.params.entry, i.problem.cause?.kind])).toEqual([
      [2, 'fieldTooBig'],
      [3, 'demoIdReserved'],
      [4, 'profileIdTwice']
    ])
  })

  it('says the proxy password could not move to the keychain, the keychain’s words verbatim', () => {
    expect(notice('proxyPasswordsNotMoved')).toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      details: expect.stringMatching(/org\.freedesktop\.secrets/)
    })
  })
})
