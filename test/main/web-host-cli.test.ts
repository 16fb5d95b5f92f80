// `npm run web -- --help` prints the options and exits 0; an unknown option says which and exits 2, serving nothing.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('../../src/main/web-host/cli.ts', import.meta.url))

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  // 'close', not 'exit': only then has all of the output been read.
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

describe('web host cli', () => {
  it('prints every option with --help and -h, and exits 0 without serving', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await run([flag])
      expect(code).toBe(0)
      expect(stderr).toBe('')
      for (const option of [
        '--port <n>',
        '--profiles <file>',
        '--static-dir <dir>',
        '--help',
        'ZSTACK_DESK_HOME'
      ])
        expect(stdout).toContain(option)
      expect(stdout).not.toContain('ZStack Desk web host: http')
    }
  })

  it('names an unknown option, shows the usage and exits 2', async () => {
    const { code, stdout, stderr } = await run(['--prot', '8080'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain("Unknown option '--prot'")
    expect(stderr).toContain('Usage: npm run web -- [options]')
  })
})
