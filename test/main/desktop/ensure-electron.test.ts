// `npm start`'s first step: where Electron's binary cannot be downloaded it says so in one paragraph, no stack trace.
import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const script = resolve(import.meta.dirname, '../../../scripts/ensure-electron.mjs')

/** A loopback port with nothing listening: the download is refused at once, without any network. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

function run(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('scripts/ensure-electron.mjs', () => {
  it('explains a failed download in one plain paragraph and exits non-zero', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zstack-desk-ensure-'))
    try {
      const mirror = `http://127.0.0.1:${await closedPort()}/electron/`
      // Only our settings: npm's electron_* config or a developer's own mirror must not leak in.
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/electron/i.test(key))
      ) as NodeJS.ProcessEnv
      const result = await run({
        ...env,
        ELECTRON_MIRROR: mirror,
        // An empty download cache and a dist path that does not exist: "not installed" on every machine.
        electron_config_cache: join(home, 'cache'),
        ELECTRON_OVERRIDE_DIST_PATH: join(home, 'missing')
      })
      expect(result.code).toBe(1)
      const paragraph = result.stderr.trim()
      const text = paragraph.replace(/\s+/g, ' ')
      expect(text).toMatch(/^ZStack Desk cannot open its window: Electron [\d.]+'s program is not installed/)
      expect(text).toContain(`${mirror}v`)
      expect(text).toContain('failed (')
      expect(text).toContain('ELECTRON_MIRROR=')
      expect(text).toContain('ELECTRON_CUSTOM_DIR')
      expect(text).toContain('`npm run web` serves the same app')
      // One paragraph: no blank line, no stack frame, no "Electron uninstall".
      expect(paragraph).not.toMatch(/\n\s*\n/)
      expect(paragraph).not.toMatch(/^\s+at /m)
      expect(paragraph).not.toMatch(/uninstall/i)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})
