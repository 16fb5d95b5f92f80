// The node's zone learnt at sign-in, over real HTTP from a simulator CLI started in New York, and kept over a restart.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { parseStoredSession } from '../../../src/main/secrets/secret-store'
import { createMemorySecretStore } from '../desk/support/memory-secret-store'
import { removeDir, startDesk, tempDataDir, unwrap } from '../desk/support/desk-fixture'

const CLI = fileURLToPath(new URL('../../../src/simulator/cli.ts', import.meta.url))
const cli = spawn(
  process.execPath,
  ['--import', 'tsx', CLI, '--port', '0', '--vms', '5', '--time-zone', 'America/New_York'],
  {
    stdio: ['ignore', 'pipe', 'inherit']
  }
)
let stdout = ''
cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
const exited = new Promise<number | null>((resolve) => cli.on('close', (code) => resolve(code)))
const dir = tempDataDir()

afterAll(async () => {
  cli.kill('SIGTERM')
  expect(await exited).toBe(0)
  removeDir(dir)
})

describe('the node zone learnt at sign-in', () => {
  it('is New York for a node writing New York dates, and a restart with the saved session keeps it', async () => {
    const port = await vi.waitFor(
      () => {
        const match = /http:\/\/127\.0\.0\.1:(\d+)\/zstack/.exec(stdout)
        expect(match).not.toBeNull()
        return Number(match![1])
      },
      { timeout: 15_000, interval: 50 }
    )
    const store = createMemorySecretStore()
    const first = await startDesk({ dataDir: dir, secretStore: store })
    const profile = unwrap(
      await first.api.saveProfile({
        name: 'New York node',
        endpoint: { scheme: 'http', host: '127.0.0.1', port, path: 'zstack' },
        accountName: 'admin',
        tls: { verify: true },
        timeoutMs: 5000
      })
    )
    // What Intl says New York's offset is now ("GMT-5" in winter, "GMT-4" in summer).
    const name = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      timeZoneName: 'shortOffset'
    })
      .formatToParts(Date.now())
      .find((p) => p.type === 'timeZoneName')?.value
    const expected = Number(/^GMT([+-]\d+)$/.exec(name ?? '')?.[1]) * 60
    expect([-300, -240]).toContain(expected)
    const state = unwrap(
      await first.api.signIn({
        profileId: profile.id,
        accountName: 'admin',
        password: 'password',
        rememberPassword: false
      })
    )
    expect(state.nodeUtcOffsetMinutes).toBe(expected)
    expect(parseStoredSession(store.entries.get(profile.id))?.nodeUtcOffsetMinutes).toBe(expected)
    await first.dispose()

    const second = await startDesk({ dataDir: dir, secretStore: store })
    try {
      await vi.waitFor(
        async () => {
          const again = unwrap(await second.api.getSessions()).find((s) => s.profileId === profile.id)
          expect(again).toMatchObject({ status: 'signed-in', nodeUtcOffsetMinutes: expected })
        },
        { timeout: 10_000, interval: 50 }
      )
    } finally {
      await second.dispose()
    }
  })
})
