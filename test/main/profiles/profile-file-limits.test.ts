// Issue 17.5: a huge profiles.json is set aside unparsed, a big valid one is parsed once, and a symlink is followed.
import {
  createWriteStream,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openProfileStore } from '../../../src/main/profiles/profile-store'
import { MAX_PROFILES_FILE_BYTES } from '../../../src/main/profiles/profile-file'
import type { ProfileInput } from '../../../src/shared/profile-types'

const MB = 1024 * 1024
const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-profile-limits-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const stored = (n: number) => ({
  id: `p${n}`,
  name: `Cluster ${n}`,
  endpoint: { scheme: 'https', host: `mn-${n}.example.com`, port: 8080, path: 'zstack' },
  accountName: 'admin',
  tls: { verify: true },
  timeoutMs: 30000,
  folder: `Region ${n % 7}`
})

/** Writes a valid profiles.json of about `bytes`, streamed so the test itself stays small. */
async function writeProfiles(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path)
  out.write('{"version":1,"profiles":[\n')
  let written = 0
  let n = 0
  while (written < bytes) {
    const line = `${n > 0 ? ',' : ''}${JSON.stringify(stored(n++))}\n`
    written += line.length
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  out.end(']}\n')
  await new Promise<void>((resolve) => out.once('close', () => resolve()))
  return n
}

const input = (name: string): ProfileInput => ({
  name,
  endpoint: { scheme: 'https', host: `${name}.example.com`, port: 8080, path: 'zstack' },
  accountName: 'admin',
  tls: { verify: true },
  timeoutMs: 30000
})

describe('profiles file limits', () => {
  it(
    'sets a 100 MB profiles.json aside without parsing it, says so, and keeps working',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir()
      const path = join(dir, 'profiles.json')
      await writeProfiles(path, 100 * MB)
      const size = statSync(path).size
      const rss = process.memoryUsage.rss()
      const started = Date.now()
      const store = await openProfileStore({ dataDir: dir })
      const ms = Date.now() - started
      const grown = process.memoryUsage.rss() - rss
      const notice = store.listing().notices[0]
      console.log(
        `${Math.round(size / MB)} MB profiles.json: opened in ${ms} ms, RSS +${Math.round(grown / MB)} MB: ${JSON.stringify(notice)}`
      )
      expect(notice).toMatchObject({
        kind: 'profilesMovedAside',
        params: { aside: expect.stringMatching(/profiles\.corrupt-/) },
        cause: {
          kind: 'profilesFileTooBig',
          params: { size: expect.stringMatching(/^10\d(\.\d)? MB$/), limit: '10 MB' }
        }
      })
      const aside = readdirSync(dir).find((name) => name.startsWith('profiles.corrupt-'))
      expect(statSync(join(dir, aside!)).size).toBe(size)
      expect(grown).toBeLessThan(100 * MB)
      expect(ms).toBeLessThan(5000)
      await store.save(input('after'))
      expect(store.listing().profiles.map((p) => p.name)).toContain('after')
    }
  )

  it('opens a valid profiles.json just under the limit in one parse', { timeout: 60_000 }, async () => {
    const dir = tempDir()
    const count = await writeProfiles(join(dir, 'profiles.json'), MAX_PROFILES_FILE_BYTES - MB)
    const started = Date.now()
    const store = await openProfileStore({ dataDir: dir })
    const ms = Date.now() - started
    console.log(
      `${count} profiles (${Math.round((MAX_PROFILES_FILE_BYTES - MB) / MB)} MB): opened in ${ms} ms`
    )
    expect(store.listing().profiles).toHaveLength(count + 1)
    expect(store.listing().notices).toEqual([])
    expect(ms).toBeLessThan(6000)
  })

  it(
    'names a bad entry in a big file by its number without a second, YAML parse for lines',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir()
      const path = join(dir, 'profiles.json')
      await writeProfiles(path, 5 * MB)
      const text = readFileSync(path, 'utf8').replace('"id":"p3"', '"id":"bad id!"')
      writeFileSync(path, text)
      const started = Date.now()
      const store = await openProfileStore({ dataDir: dir })
      const ms = Date.now() - started
      console.log(`5 MB profiles.json with one bad entry: opened in ${ms} ms`)
      expect(store.listing().notices[0]).toMatchObject({
        kind: 'profilesSkipped',
        params: { count: 1, file: 'profiles.json' },
        issues: [
          expect.objectContaining({
            path: 'id',
            // No line: the big file is not parsed a second time to find it.
            problem: expect.objectContaining({ kind: 'profileEntrySkipped', params: { entry: 4 } })
          })
        ]
      })
      expect(ms).toBeLessThan(6000)
    }
  )

  it('follows a symlinked profiles.json: saves land in its target and the link stays, and it says so', async () => {
    const dir = tempDir()
    const elsewhere = join(tempDir(), 'shared')
    mkdirSync(elsewhere)
    const target = join(elsewhere, 'team-profiles.json')
    writeFileSync(target, JSON.stringify({ version: 1, profiles: [stored(1)] }))
    symlinkSync(target, join(dir, 'profiles.json'))
    const store = await openProfileStore({ dataDir: dir })
    expect(store.listing().notices[0]).toMatchObject({
      kind: 'profilesLinked',
      params: { file: 'profiles.json', target },
      message: `profiles.json is a link to ${target}; profiles are read from and saved to ${target}.`
    })
    await store.save(input('added'))
    expect(lstatSync(join(dir, 'profiles.json')).isSymbolicLink()).toBe(true)
    const saved = JSON.parse(readFileSync(target, 'utf8')) as { profiles: { name: string }[] }
    expect(saved.profiles.map((p) => p.name)).toEqual(['Cluster 1', 'added'])
  })
})
