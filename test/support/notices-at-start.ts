// A data folder that makes main say everything it says on its own at start: a folder others can read, damaged
// histories, a profiles file with bad entries and a proxy password in a URL, and a --profiles file to import.
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const entry = (id: string, name: string, extra: object = {}): object => ({
  id,
  name,
  endpoint: { scheme: 'http', host: `${id}.example.com`, port: 8080, path: 'zstack' },
  accountName: 'admin',
  tls: { verify: true },
  timeoutMs: 30000,
  ...extra
})

/** The notice kinds a start on this folder raises (with a keychain that refuses every write). */
export const NOTICE_KINDS_AT_START = [
  'dataDirMadePrivate',
  'profilesSkipped',
  'proxyPasswordsNotMoved',
  'journalMovedAside',
  'vmActionsMovedAside',
  'batchesMovedAside',
  'importedAtStart'
] as const

/** Seeds `dataDir`; returns the file to pass as --profiles. */
export function seedNoticesAtStart(dataDir: string, importDir: string): { profilesFile: string } {
  chmodSync(dataDir, 0o755)
  const profiles = [
    entry('kept', 'Kept', { proxyUrl: 'http://squid:in-the-url@127.0.0.1:3128' }),
    entry('bad-port', 'Bad port', { endpoint: { scheme: 'http', host: 'b.example.com', port: 99999 } }),
    entry('demo', 'Not the Demo'),
    entry('kept', 'Kept twice')
  ]
  writeFileSync(join(dataDir, 'profiles.json'), JSON.stringify({ version: 1, profiles }, null, 2))
  writeFileSync(join(dataDir, 'migrations.json'), '{"version":1,"records":[{"id":"cut')
  writeFileSync(join(dataDir, 'vm-actions.json'), 'not json')
  writeFileSync(join(dataDir, 'batches.json'), '[]')
  const profilesFile = join(importDir, 'team.yaml')
  writeFileSync(
    profilesFile,
    [
      'profiles:',
      '  - name: Team A',
      '    endpoint: { host: a.example.com }',
      '    accountName: admin',
      '  - name: Broken',
      '    endpoint: { host: "no spaces allowed" }',
      '    accountName: admin',
      '  - id: demo',
      '    name: Not the Demo either',
      '    endpoint: { host: c.example.com }',
      '    accountName: admin',
      ''
    ].join('\n')
  )
  return { profilesFile }
}
