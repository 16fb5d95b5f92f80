// The file logger: rotation, levels, and no secret ever reaching the file, including after a real login.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileLogger, logFilePath } from '../../../src/main/log/logger'
import { redact } from '../../../src/main/log/redact'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import { startSimulator } from '../../../src/simulator'
import { profileFor } from '../zstack/support/profiles'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-log-'))
  dirs.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('redact', () => {
  it('removes Authorization headers, OAuth tokens, password fields, URL credentials and registered secrets', () => {
    const session = 'ab'.repeat(16)
    const text = [
      `Authorization: OAuth ${session}`,
      `{"headers":{"Authorization":"OAuth ${session}"},"password":"hun\\"ter2"}`,
      'password=letmein&user=admin',
      `http://bob:s3cr3t@proxy.local:3128`,
      `session ${session.toUpperCase()} expired`
    ].join('\n')
    const out = redact(text, [session])
    expect(out).not.toMatch(/abab|letmein|hun|s3cr3t/i)
    expect(out).toContain('"password":"***"')
    expect(out).toContain('password=***&user=admin')
    expect(out).toContain('http://***@proxy.local:3128')
    expect(out).toContain('session *** expired')
  })

  it('masks password fields in JSON nested inside JSON strings, and quoted values in plain text', () => {
    const inner = JSON.stringify({ password: 'a"b\\c', user: 'u' })
    const twice = JSON.stringify({ wrap: JSON.stringify({ body: inner, password: 'tail\\' }) })
    expect(redact(twice)).toBe(
      JSON.stringify({
        wrap: JSON.stringify({ body: JSON.stringify({ password: '***', user: 'u' }), password: '***' })
      })
    )
    expect(redact(`login with password="p a s s" failed`)).toBe('login with password=*** failed')
  })

  it('leaves ordinary text alone', () => {
    const text =
      'GET /zstack/v1/vm-instances?q=name~=%web% -> 200 in 12 ms; check the account name and password.'
    expect(redact(text, ['short', 'x'])).toBe(text)
  })
})

describe('file logger', () => {
  it('writes logs/desk.log with level filtering', async () => {
    const dataDir = tempDir()
    const logger = createFileLogger({
      dataDir,
      level: 'info',
      clock: () => new Date('2025-01-02T03:04:05.000Z')
    })
    logger.debug('hidden detail')
    logger.info('started', { version: '1.0.0' })
    logger.warn('multi\nline')
    logger.error('failed', { error: new Error('boom') })
    await logger.flush()
    const lines = readFileSync(logFilePath(dataDir), 'utf8').trimEnd().split('\n')
    expect(lines).toEqual([
      '2025-01-02T03:04:05.000Z INFO  started {"version":"1.0.0"}',
      '2025-01-02T03:04:05.000Z WARN  multi\\nline',
      '2025-01-02T03:04:05.000Z ERROR failed {"error":{"name":"Error","message":"boom"}}'
    ])
  })

  it('rotates at the size limit and keeps three old files', async () => {
    const dataDir = tempDir()
    mkdirSync(join(dataDir, 'logs'))
    writeFileSync(logFilePath(dataDir), 'line from an earlier run\n')
    const logger = createFileLogger({ dataDir, maxBytes: 1000 })
    for (let i = 0; i < 100; i++) logger.info(`entry ${String(i).padStart(3, '0')} ${'x'.repeat(50)}`)
    await logger.flush()
    const files = readdirSync(join(dataDir, 'logs')).sort()
    expect(files).toEqual(['desk.log', 'desk.log.1', 'desk.log.2', 'desk.log.3'])
    for (const file of files) expect(statSync(join(dataDir, 'logs', file)).size).toBeLessThanOrEqual(1000)
    const newest = readFileSync(logFilePath(dataDir), 'utf8')
    expect(newest.trimEnd().split('\n').at(-1)).toContain('entry 099')
    const oldest = readFileSync(`${logFilePath(dataDir)}.3`, 'utf8')
    expect(oldest).not.toContain('earlier run')
    const all = files.map((file) => readFileSync(join(dataDir, 'logs', file), 'utf8')).join('')
    // Lines are never split across files.
    expect(
      all
        .split('\n')
        .filter(Boolean)
        .every((line) => /entry \d{3} x{50}$/.test(line))
    ).toBe(true)
  })

  it('keeps the password, its SHA-512 and the session id out of the file after a real login', async () => {
    const password = 'Tr1cky-Pa55word!'
    const sim = await startSimulator({ vms: 5, accounts: { ops: password } })
    const dataDir = tempDir()
    try {
      const logger = createFileLogger({ dataDir, level: 'debug' })
      const client = createZStackClient(profileFor(sim.url), { logger })
      const { sessionUuid } = await client.login('ops', password)
      await client.queryVms(sessionUuid, { start: 0, limit: 5 })
      expect(await client.validateSession(sessionUuid)).toBe(true)
      await client.logout(sessionUuid)
      await client.login('ops', 'wrong').catch(() => undefined)
      logger.info('the session was', { sessionUuid, password })
      await logger.flush()

      const log = readFileSync(logFilePath(dataDir), 'utf8')
      expect(log).toMatch(/INFO {2}HTTP PUT \/zstack\/v1\/accounts\/login -> 200 in \d+ ms/)
      expect(log).toMatch(/HTTP GET \/zstack\/v1\/vm-instances\?q=type%3DUserVm&limit=5&start=0 -> 200/)
      expect(log).toContain('HTTP GET /zstack/v1/accounts/sessions/***/valid -> 200')
      expect(log).toContain('HTTP DELETE /zstack/v1/accounts/sessions/*** -> 200')
      expect(log).toContain('PUT /zstack/v1/accounts/login -> 503')
      expect(log).not.toContain(password)
      expect(log).not.toContain(createHash('sha512').update(password).digest('hex'))
      expect(log).not.toContain(sessionUuid)
    } finally {
      await sim.stop()
    }
  })
})
