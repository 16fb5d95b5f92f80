import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { openProfileStore, type ProfileStore } from '../../../src/main/profiles/profile-store'
import { isDeskError } from '../../../src/main/desk-error'

const dirs: string[] = []
async function newStore(): Promise<ProfileStore> {
  return openProfileStore({ dataDir: newDir() })
}
function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-import-'))
  dirs.push(dir)
  return dir
}
/** Writes the text as a file a user would pick, and imports what is read back from it. */
async function importAsFile(store: ProfileStore, name: string, text: string) {
  const file = join(newDir(), name)
  await writeFile(file, text)
  return store.importFile(await readFile(file, 'utf8'), name)
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1

const goodJson = JSON.stringify(
  {
    version: 1,
    profiles: [
      {
        id: 'bj-prod',
        name: 'Beijing prod',
        endpoint: { scheme: 'https', host: 'zs-bj.example.com', port: 8443, path: 'zstack' },
        accountName: 'admin',
        tls: { verify: true },
        timeoutMs: 20000,
        folder: 'Production'
      },
      {
        name: 'Shanghai dev',
        endpoint: { scheme: 'http', host: '10.1.2.3', port: 8080, path: 'zstack' },
        accountName: 'ops',
        tls: { verify: true },
        timeoutMs: 30000
      }
    ]
  },
  null,
  2
)

// Only name, host and account: scheme, port, path, timeout and TLS take their documented defaults.
const goodYaml = `# hand-written
version: 1
profiles:
  - name: Lab
    endpoint:
      host: lab.example.com
    accountName: admin
  - id: edge-1
    name: Edge
    endpoint:
      scheme: https
      host: 192.168.7.10
      port: 443
      path: ''
    accountName: admin
    tls:
      verify: false
    color: '#1e88e5'
`

const yamlWithErrors = `- name: Fine
  endpoint:
    host: fine.example.com
  accountName: admin
- name: Bad port
  endpoint:
    host: bad.example.com
    port: 70000
  accountName: admin
- name: Bad scheme and extra field
  endpoint:
    scheme: ftp
    host: x.example.com
  accountName: admin
  password: hunter2
- id: demo
  name: Not the demo
  endpoint:
    host: d.example.com
  accountName: admin
- just a string
`

describe('profile import and export', () => {
  it('imports a good JSON file and reports each entry with its line', async () => {
    const store = await newStore()
    const report = await store.importFile(goodJson, 'clusters.json')
    expect(report).toMatchObject({ added: 2, updated: 0, rejected: 0 })
    expect(report.entries).toEqual([
      {
        index: 1,
        line: lineOf(goodJson, '"bj-prod"') - 1,
        name: 'Beijing prod',
        outcome: 'added',
        profileId: 'bj-prod'
      },
      {
        index: 2,
        line: lineOf(goodJson, '"Shanghai dev"') - 1,
        name: 'Shanghai dev',
        outcome: 'added',
        profileId: expect.stringMatching(/^[A-Za-z0-9_-]+$/)
      }
    ])
    const bj = store.get('bj-prod')
    expect(bj).toMatchObject({ folder: 'Production', timeoutMs: 20000, endpoint: { port: 8443 } })
    expect(store.listing().profiles.map((p) => p.name)).toEqual([
      'Demo cluster',
      'Beijing prod',
      'Shanghai dev'
    ])
  })

  it('imports a good YAML file, filling the documented defaults', async () => {
    const store = await newStore()
    const report = await store.importFile(goodYaml)
    expect(report).toMatchObject({ added: 2, rejected: 0 })
    expect(report.entries.map((e) => e.line)).toEqual([
      lineOf(goodYaml, 'name: Lab'),
      lineOf(goodYaml, 'id: edge-1')
    ])
    const lab = store.listing().profiles.find((p) => p.name === 'Lab')
    expect(lab).toMatchObject({
      endpoint: { scheme: 'http', host: 'lab.example.com', port: 8080, path: 'zstack' },
      tls: { verify: true },
      timeoutMs: 30000
    })
    expect(store.get('edge-1')).toMatchObject({
      endpoint: { path: '', port: 443 },
      tls: { verify: false },
      color: '#1e88e5'
    })
  })

  it('rejects bad entries one by one, naming the field and its line, and keeps the good ones', async () => {
    const store = await newStore()
    const report = await store.importFile(yamlWithErrors, 'mixed.yaml')
    expect(report).toMatchObject({ added: 1, updated: 0, rejected: 4 })
    const [fine, badPort, badScheme, demo, notAnObject] = report.entries
    expect(fine).toMatchObject({ outcome: 'added', name: 'Fine', line: 1 })
    expect(badPort).toMatchObject({
      outcome: 'rejected',
      index: 2,
      name: 'Bad port',
      line: lineOf(yamlWithErrors, 'Bad port')
    })
    expect(badPort?.problems).toEqual([
      expect.objectContaining({ field: 'endpoint.port', line: lineOf(yamlWithErrors, 'port: 70000') })
    ])
    // A password is left out with a warning (see below), never a reason to reject: only the scheme is wrong here.
    expect(badScheme?.problems?.map((p) => p.field)).toEqual(['endpoint.scheme'])
    expect(demo?.problems).toEqual([
      expect.objectContaining({ field: 'id', message: expect.stringMatching(/reserved/) })
    ])
    expect(notAnObject).toMatchObject({
      outcome: 'rejected',
      index: 5,
      line: lineOf(yamlWithErrors, 'just a string')
    })
    expect(store.listing().profiles.map((p) => p.name)).toEqual(['Demo cluster', 'Fine'])
    expect(JSON.stringify(store.listing())).not.toContain('hunter2')
  })

  it('refuses a file that does not parse, naming the line, and imports nothing', async () => {
    const store = await newStore()
    for (const [content, name, line] of [
      ['{\n  "version": 1,\n  "profiles": [\n    {"name": }\n  ]\n}', 'x.json', 4],
      ['profiles:\n  - name: a\n   bad: [\n', 'x.yaml', undefined],
      ['"just a string"', 'x.json', 1]
    ] as const) {
      let caught: unknown
      await store.importFile(content, name).catch((e: unknown) => (caught = e))
      expect(isDeskError(caught)).toBe(true)
      if (!isDeskError(caught)) continue
      expect(caught.error.code).toBe('INVALID_INPUT')
      if (line !== undefined)
        expect(caught.error).toMatchObject({ kind: 'importUnreadableAt', params: { line } })
      else expect(caught.error.kind).toMatch(/^importUnreadable(At)?$/)
    }
    expect(store.listing().profiles).toHaveLength(1)
  })

  it('updates by id, or by the same name and endpoint, instead of adding twice', async () => {
    const store = await newStore()
    await store.importFile(goodJson)
    const changed = goodJson
      .replace('"timeoutMs": 20000', '"timeoutMs": 45000')
      .replace('"accountName": "ops"', '"accountName": "ops2"')
    const report = await store.importFile(changed)
    expect(report).toMatchObject({ added: 0, updated: 2, rejected: 0 })
    expect(store.get('bj-prod')?.timeoutMs).toBe(45000)
    const shanghai = store.listing().profiles.filter((p) => p.name === 'Shanghai dev')
    expect(shanghai).toHaveLength(1)
    expect(shanghai[0]?.accountName).toBe('ops2')
  })

  it('exports JSON and YAML without secrets or the Demo, and re-imports them unchanged', async () => {
    const store = await newStore()
    await store.importFile(goodJson)
    await store.importFile(goodYaml)
    store.markUsed('bj-prod')
    const originals = store
      .listing()
      .profiles.filter((p) => !p.builtIn)
      .map(({ lastUsedAt: _u, ...rest }) => rest)

    for (const format of ['json', 'yaml'] as const) {
      const exported = store.exportFile(undefined, format)
      expect(exported.fileName).toBe(`zstack-desk-profiles.${format}`)
      const parsed = (format === 'json' ? JSON.parse(exported.content) : parseYaml(exported.content)) as {
        version: number
        profiles: unknown[]
      }
      expect(parsed.version).toBe(1)
      expect(parsed.profiles).toHaveLength(4)
      expect(exported.content).not.toMatch(/demo|lastUsedAt|password|session/i)

      const other = await newStore()
      expect(await other.importFile(exported.content, exported.fileName)).toMatchObject({
        added: 4,
        rejected: 0
      })
      expect(other.listing().profiles.filter((p) => !p.builtIn)).toEqual(originals)
      // Importing the same file again changes nothing but counts every entry as updated.
      expect(await other.importFile(exported.content, exported.fileName)).toMatchObject({
        added: 0,
        updated: 4
      })
      expect(other.listing().profiles.filter((p) => !p.builtIn)).toEqual(originals)
    }
  })

  it('exports only the profiles asked for, and refuses unknown ids', async () => {
    const store = await newStore()
    await store.importFile(goodJson)
    const one = JSON.parse(store.exportFile(['bj-prod', 'demo'], 'json').content) as {
      profiles: { id: string }[]
    }
    expect(one.profiles.map((p) => p.id)).toEqual(['bj-prod'])
    expect(() => store.exportFile(['nope'], 'json')).toThrow(/nope/)
  })

  it('leaves a password out with a warning on its line, and imports the rest of the entry', async () => {
    const dataDir = newDir()
    const store = await openProfileStore({ dataDir })
    const yaml = [
      'profiles:',
      '  - name: With password',
      '    url: https://zs.example.com:8443/zstack',
      '    accountName: admin',
      '    password: hunter2',
      '  - name: With proxy password',
      '    endpoint: { host: 10.0.0.9 }',
      '    accountName: admin',
      '    proxyUrl: http://ops@proxy.example.com:3128',
      '    proxyPassword: s3cret-proxy',
      ''
    ].join('\n')
    const report = await importAsFile(store, 'with-passwords.yaml', yaml)
    expect(report).toMatchObject({ added: 2, rejected: 0 })
    const [first, second] = report.entries
    expect(first).toMatchObject({ outcome: 'added', index: 1, line: 2, name: 'With password' })
    expect(first?.warnings).toEqual([
      {
        field: 'password',
        line: lineOf(yaml, 'password: hunter2'),
        problem: expect.objectContaining({ kind: 'importCredentialIgnored', params: { field: 'password' } })
      }
    ])
    expect(second?.warnings).toEqual([
      expect.objectContaining({ field: 'proxyPassword', line: lineOf(yaml, 'proxyPassword:') })
    ])
    expect(second?.needsProxyPassword).toBe(true)
    // Neither password reached the profiles, the report or any file in the data folder.
    expect(JSON.stringify(report)).not.toMatch(/hunter2|s3cret-proxy/)
    expect(JSON.stringify(store.listing())).not.toMatch(/hunter2|s3cret-proxy/)
    for (const name of await readdir(dataDir)) {
      if (name.endsWith('.json'))
        expect(await readFile(join(dataDir, name), 'utf8')).not.toMatch(/hunter2|s3cret/)
    }
  })

  it('takes a url: shorthand for the endpoint, and names the line of a bad or doubled one', async () => {
    const store = await newStore()
    const json = JSON.stringify(
      [
        { name: 'By url', url: 'https://zs.example.com:8443/zstack/v1', accountName: 'admin' },
        { name: 'Plain http', url: 'http://10.0.0.5', accountName: 'admin' },
        { name: 'IPv6', url: 'https://[fd00::5]/cloud', accountName: 'admin' },
        { name: 'Not a url', url: 'zs.example.com:8443', accountName: 'admin' },
        { name: 'User in url', url: 'https://admin:pw@zs.example.com', accountName: 'admin' },
        {
          name: 'Both',
          url: 'https://a.example.com',
          endpoint: { host: 'b.example.com' },
          accountName: 'admin'
        }
      ],
      null,
      2
    )
    const report = await importAsFile(store, 'by-url.json', json)
    expect(report).toMatchObject({ added: 3, rejected: 3 })
    const endpoint = (name: string) => store.listing().profiles.find((p) => p.name === name)?.endpoint
    expect(endpoint('By url')).toEqual({
      scheme: 'https',
      host: 'zs.example.com',
      port: 8443,
      path: 'zstack'
    })
    expect(endpoint('Plain http')).toEqual({ scheme: 'http', host: '10.0.0.5', port: 80, path: 'zstack' })
    expect(endpoint('IPv6')).toEqual({ scheme: 'https', host: '[fd00::5]', port: 443, path: 'cloud' })
    const rejected = report.entries.filter((e) => e.outcome === 'rejected')
    expect(rejected.map((e) => [e.index, e.name, e.problems?.map((p) => p.problem?.kind)])).toEqual([
      [4, 'Not a url', ['importUrlInvalid']],
      [5, 'User in url', ['importUrlInvalid']],
      [6, 'Both', ['importUrlWithEndpoint']]
    ])
    expect(rejected[0]?.problems?.[0]).toMatchObject({
      field: 'url',
      line: lineOf(json, 'zs.example.com:8443"')
    })
    expect(rejected[2]?.problems?.[0]).toMatchObject({
      field: 'url',
      line: lineOf(json, 'https://a.example.com')
    })
    expect(JSON.stringify(store.listing())).not.toContain(':pw@')
    // Exported back, the shorthand is written out in full.
    const exported = JSON.parse(store.exportFile(undefined, 'json').content) as { profiles: object[] }
    expect(exported.profiles[0]).not.toHaveProperty('url')
  })
})
