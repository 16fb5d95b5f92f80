// The drain of test/main/batch/drain.test.ts killed (SIGKILL) twice midway: each restart resumes the same batch, and
// it ends as an uninterrupted one does: every VM sent at most once, none stopped, maintenance only on an empty host.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MigrationBatch } from '../../../src/shared/api'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { removeDir, tempDataDir, type DeskFixture } from '../desk/support/desk-fixture'
import { signedInDesk } from '../migrations/support'
import { bundleChild } from '../../reliability/support/crash-harness'
import {
  bestTarget,
  doubleSubmissions,
  expectReportMatchesSimulator,
  fillHost
} from './support/drain-support'

let sim: RunningSimulator
const fixtures: DeskFixture[] = []
const dirs: string[] = []

interface Run {
  lines: string[]
  /** Resolves when `until` matches a line (true) or the child ends first (false). */
  reached: Promise<boolean>
  exit: Promise<number | null>
  stderr: () => string
  kill(): void
}

function startChild(file: string, env: Record<string, string>, until: (line: string) => boolean): Run {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  let buffered = ''
  let errors = ''
  let onReached: (ok: boolean) => void = () => {}
  const reached = new Promise<boolean>((r) => (onReached = r))
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      if (until(line)) onReached(true)
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (errors += chunk))
  const exit = new Promise<number | null>((r) =>
    child.on('close', (code) => {
      onReached(false)
      r(code)
    })
  )
  return { lines, reached, exit, stderr: () => errors, kill: () => child.kill('SIGKILL') }
}

const endedAtLeast =
  (n: number) =>
  (line: string): boolean =>
    line.startsWith('ROWS ') && Number(line.slice(5)) >= n

beforeAll(async () => {
  sim = await startSimulator({ vms: 400, actionDurationMs: 50, migrationDurationMs: 300, switchOverMs: 100 })
})
afterAll(async () => {
  for (const f of fixtures.splice(0)) await f.dispose()
  await sim.stop()
  for (const dir of dirs) removeDir(dir)
})

describe('a drain killed twice', () => {
  it(
    'resumes after each SIGKILL, never resends a journaled row, and ends as an uninterrupted drain',
    { timeout: 300_000 },
    async () => {
      const file = await bundleChild('test/main/batch/support/drain-child.ts')
      // The host is filled by another desk (its own data folder), then left to the child.
      const setup = await signedInDesk(sim, { fixtures, dirs })
      const target = await bestTarget(setup.api, sim, setup.profileId)
      await fillHost(setup.api, setup.profileId, target, 40)
      await setup.dispose()
      fixtures.splice(0)
      const host = target.host
      const onHost = sim.findVms((vm) => vm.hostUuid === host.uuid).map((vm) => vm.uuid)
      const since = sim.stats().migrationSubmissions.length

      const dataDir = tempDataDir('desk-drain-crash-')
      dirs.push(dataDir)
      const env = { ZSTACK_DESK_HOME: dataDir, DRAIN_SIM_PORT: String(sim.port), DRAIN_HOST: host.uuid }
      sim.setOptions({ faults: { drop: 0.05, html502: 0.05 } })
      const expiring = setInterval(() => sim.expireSessions(), 2000)
      const runs: Run[] = []
      let final: MigrationBatch | undefined
      try {
        for (const killAt of [8, 22]) {
          const run = startChild(file, env, endedAtLeast(killAt))
          runs.push(run)
          expect(await run.reached, `run ${runs.length} reached ${killAt} ended rows: ${run.stderr()}`).toBe(
            true
          )
          run.kill()
          await run.exit
        }
        const last = startChild(file, env, (line) => line.startsWith('FINAL '))
        runs.push(last)
        expect(await last.reached, `the last run finished: ${last.stderr()}`).toBe(true)
        expect(await last.exit).toBe(0)
        final = JSON.parse(last.lines.find((l) => l.startsWith('FINAL '))!.slice(6)) as MigrationBatch
      } finally {
        clearInterval(expiring)
        sim.setOptions({ faults: {} })
        for (const run of runs) run.kill()
      }
      const [first = '', second = '', third = ''] = runs.map(
        (r) => r.lines.find((l) => /^(STARTED|RESUMED) /.test(l)) ?? ''
      )
      console.log(`drain crash: ${first} | ${second} | ${third}; ${JSON.stringify(final.counts)}`)
      expect(first).toMatch(/^STARTED /)
      const batchId = first.split(' ')[1]
      expect(second).toMatch(new RegExp(`^RESUMED ${batchId} `))
      expect(third).toMatch(new RegExp(`^RESUMED ${batchId} `))
      // What a kill found on disk: rows ended before it stay ended (an end not yet written is read back from the journal).
      const resumedAt = (line: string): number => Number(line.split(' ')[2])
      expect(resumedAt(second)).toBeGreaterThan(0)
      expect(resumedAt(third)).toBeGreaterThanOrEqual(resumedAt(second))

      expect(doubleSubmissions(sim, since)).toEqual([])
      expect(final.rows.map((r) => r.vmUuid).sort()).toEqual([...onHost].sort())
      expectReportMatchesSimulator(sim, final, host.uuid)
      const outcome = final.drain!.outcome!
      const left = sim.findVms((vm) => vm.hostUuid === host.uuid)
      expect(outcome.empty).toBe(left.length === 0)
      expect(sim.host(host.uuid)!.state).toBe(left.length === 0 ? 'Maintenance' : 'Enabled')
      expect(outcome.maintained).toBe(left.length === 0)
    }
  )
})
