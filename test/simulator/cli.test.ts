// The stand-alone CLI: starts, prints the base URL and credentials, serves, stops on SIGTERM; bad flags exit 2.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { call, logIn } from './sim-client'

const CLI = fileURLToPath(new URL('../../src/simulator/cli.ts', import.meta.url))

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  // 'close', not 'exit': only then has all of stdout and stderr been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, exited, output: () => ({ stdout, stderr }) }
}

describe('cli', () => {
  it('serves the API, prints the URL and credentials, and stops on SIGTERM', async () => {
    const cli = run([
      '--port',
      '0',
      '--vms',
      '40',
      '--seed',
      '3',
      '--migration-ms',
      '100',
      '--monitoring',
      'off'
    ])
    try {
      // The lines arrive in separate chunks: wait until everything asserted is there, not just the first line.
      const stdout = await vi.waitFor(
        () => {
          const { stdout } = cli.output()
          expect(stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/zstack/)
          expect(stdout).toContain('admin')
          expect(stdout).toContain('password')
          return stdout
        },
        { timeout: 15_000, interval: 50 }
      )
      const base = /(http:\/\/127\.0\.0\.1:\d+)\/zstack/.exec(stdout)![1]!
      const session = await logIn(base)
      const count = await call(base, 'GET', '/zstack/v1/vm-instances?count=true&q=type=UserVm', { session })
      expect(count.json).toEqual({ total: 40 })
      const zwatch = await call(base, 'GET', '/zstack/v1/zwatch/metrics/meta-data', { session })
      expect(zwatch.status).toBe(404)
    } finally {
      cli.child.kill('SIGTERM')
    }
    expect(await cli.exited).toBe(0)
  })

  it.each([
    ['an unknown flag', ['--bogus']],
    ['a non-numeric count', ['--vms', 'lots']],
    ['a rate above 1', ['--fault-503', '2']],
    ['a bad advertised URL', ['--advertised-url', 'nat-box']],
    ['an unknown monitoring mode', ['--monitoring', 'maybe']],
    ['an unknown maintenance policy', ['--maintenance-policy', 'StopAll']]
  ])('exits 2 with a message for %s', async (_case, args) => {
    const cli = run(args)
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toMatch(/^simulator: /)
  })
})
