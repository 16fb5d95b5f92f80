// Issue 17.7: a thousand idle connections without a token must not starve the real page's calls, even when the
// web host runs under the common 1,024 open-file limit.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_UNPROVEN_CONNECTIONS } from '../../src/main/web-host/server'
import { openTab } from './support/web-client'

const IDLE = 1000
const REAL_CALLS = 18

let child: ChildProcess
let link: string
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-flood-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>')
  // The web host as `npm run web` starts it, with the soft open-file limit most desktops have.
  child = spawn(
    'sh',
    [
      '-c',
      `ulimit -n 1024 && exec node_modules/.bin/tsx src/main/web-host/cli.ts --static-dir "$1"`,
      'sh',
      join(dir, 'renderer')
    ],
    { env: { ...process.env, ZSTACK_DESK_HOME: join(dir, 'data') }, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  link = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}): ${out}`)))
  })
}, 60_000)

afterAll(() => {
  child?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

async function realCall(port: number, token: string): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/getAppInfo`, {
      method: 'POST',
      headers: { 'x-desk-request': '1', 'x-desk-token': token, connection: 'close' },
      signal: AbortSignal.timeout(10_000)
    })
    const body = (await response.json()) as { ok?: boolean }
    return body.ok === true
  } catch {
    return false
  }
}

describe('connection flood (issue 17.7)', () => {
  it(
    `keeps answering real calls while ${IDLE} idle connections without a token are open`,
    { timeout: 90_000 },
    async () => {
      const port = Number(new URL(link).port)
      const token = await openTab(link)
      const sockets: Socket[] = []
      let closedByHost = 0
      await Promise.all(
        Array.from(
          { length: IDLE },
          () =>
            new Promise<void>((resolve) => {
              const socket = connect(port, '127.0.0.1', () => resolve())
              socket.on('error', () => resolve())
              socket.on('close', () => closedByHost++)
              sockets.push(socket)
            })
        )
      )
      const started = Date.now()
      const results = []
      for (let i = 0; i < REAL_CALLS; i++) results.push(await realCall(port, token))
      const ms = Date.now() - started
      const succeeded = results.filter(Boolean).length
      console.log(
        `${IDLE} idle connections: ${closedByHost} closed by the host (cap ${MAX_UNPROVEN_CONNECTIONS}); ${succeeded}/${REAL_CALLS} real calls succeeded in ${ms} ms`
      )
      for (const socket of sockets) socket.destroy()
      expect(succeeded).toBe(REAL_CALLS)
      expect(closedByHost).toBeGreaterThanOrEqual(IDLE - MAX_UNPROVEN_CONNECTIONS - REAL_CALLS)
    }
  )
})
