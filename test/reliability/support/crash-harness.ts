// Issue 8.3: starts the crash child again and again on one data folder, SIGKILLs it at random moments, and checks
// after every kill that what it acknowledged survived; a last run drains the journal against the same simulator.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { basename, join, resolve } from 'node:path'
import type { MigrationRecord } from '../../../src/shared/api'
import { startSimulator } from '../../../src/simulator'
import { seededRandom } from './arg-mutator'
import { checkPromises, countBy, describeFailures } from './chaos-scenario'

export interface CrashOptions {
  kills: number
  seed: number
  /** Longest time the child runs after it is ready before the kill. */
  maxRunMs: number
  log: (line: string) => void
}

export interface CrashReport {
  kills: number
  /** Kills that landed while the child was still starting (loading files, resuming). */
  killedWhileStarting: number
  ackedProfiles: number
  ackedDeletes: number
  ackedMigrations: number
  /** Cancels of long-job migrations the child asked for, and those ZStack acknowledged. */
  cancelsAsked: number
  cancelsAcked: number
  records: MigrationRecord[]
  submissions: Map<string, number>
  problems: string[]
  elapsedMs: number
}

const root = resolve(import.meta.dirname, '../../..')

/** One bundle of a child script (TypeScript compiled once, packages left to node_modules): starts in a fraction of tsx's time. */
export async function bundleChild(entry = 'test/reliability/support/crash-child.ts'): Promise<string> {
  const { build } = await import('esbuild')
  const dir = join(root, 'node_modules/.cache/zstack-desk-reliability')
  mkdirSync(dir, { recursive: true })
  const outfile = join(dir, `${basename(entry, '.ts')}.mjs`)
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error'
  })
  return outfile
}

interface ChildRun {
  lines: string[]
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  ready: Promise<boolean>
  /** Resolves true at the run's first acknowledged migration, false if the child ends first. */
  migrationAcked: Promise<boolean>
  final: Promise<string | undefined>
  stderr: () => string
  kill(): void
}

function startChild(file: string, env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  let buffered = ''
  let errors = ''
  let onReady: (ok: boolean) => void = () => {}
  let onFinal: (line: string | undefined) => void = () => {}
  let onMigrationAck: (acked: boolean) => void = () => {}
  const ready = new Promise<boolean>((r) => (onReady = r))
  const migrationAcked = new Promise<boolean>((r) => (onMigrationAck = r))
  const final = new Promise<string | undefined>((r) => (onFinal = r))
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      if (line === 'READY') onReady(true)
      if (line.startsWith('ACK migration ')) onMigrationAck(true)
      if (line.startsWith('FINAL ')) onFinal(line.slice('FINAL '.length))
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (errors += chunk))
  // 'close' comes after the pipes are drained, so every line the child wrote has been read by then.
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('close', (code, signal) => {
      if (buffered) lines.push(buffered)
      onReady(false)
      onMigrationAck(false)
      onFinal(undefined)
      resolveExit({ code, signal })
    })
  })
  return {
    lines,
    exit,
    ready,
    migrationAcked,
    final,
    stderr: () => errors,
    kill: () => child.kill('SIGKILL')
  }
}

export async function runCrashCycles(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now()
  const random = seededRandom(options.seed)
  const simOptions = { vms: 150, migrationDurationMs: 600, migrationFailureRate: 0.05 }
  // One node with long jobs (cancellable), one with only the plain action: both paths are killed mid-work.
  const sim = await startSimulator({ ...simOptions, seed: options.seed })
  const plainSim = await startSimulator({ ...simOptions, seed: options.seed + 1, longJobs: false })
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-crash-'))
  const problems: string[] = []
  const profiles = new Map<string, 'saved' | 'deleted'>()
  const migrations = new Map<string, string>()
  let killedWhileStarting = 0
  let ackedDeletes = 0
  let cancelsAsked = 0
  let cancelsAcked = 0
  try {
    const file = await bundleChild()
    const env = (run: number, mode: string): Record<string, string> => ({
      ZSTACK_DESK_HOME: dataDir,
      CRASH_SIM_PORT: String(sim.port),
      CRASH_PLAIN_SIM_PORT: String(plainSim.port),
      CRASH_RUN: String(run),
      CRASH_MODE: mode
    })

    /** The JOURNAL line of a fresh start must list every migration acknowledged so far: resumed or resolved. */
    const checkJournalLine = (run: number, lines: string[]): void => {
      const line = lines.find((l) => l.startsWith('JOURNAL '))
      if (!line) return
      const seen = new Map(
        line
          .slice('JOURNAL '.length)
          .split(',')
          .filter((e) => e !== '-')
          .map((e) => e.split(':') as [string, string, string])
          .map(([id, job]) => [id, job])
      )
      for (const [id, job] of migrations) {
        if (seen.get(id) !== job)
          problems.push(`run ${run}: acknowledged migration ${id} is missing after the restart`)
      }
    }

    const checkFiles = (run: number): void => {
      const profilesPath = join(dataDir, 'profiles.json')
      if (existsSync(profilesPath)) {
        let ids = new Set<string>()
        try {
          const parsed = JSON.parse(readFileSync(profilesPath, 'utf8')) as { profiles?: { id?: string }[] }
          ids = new Set((parsed.profiles ?? []).map((p) => String(p.id)))
        } catch (error) {
          problems.push(`run ${run}: profiles.json does not parse after the kill: ${String(error)}`)
        }
        for (const [id, state] of profiles) {
          if (state === 'saved' && !ids.has(id))
            problems.push(`run ${run}: acknowledged profile ${id} is missing`)
          if (state === 'deleted' && ids.has(id))
            problems.push(`run ${run}: profile ${id} came back after its delete was acknowledged`)
        }
      } else if ([...profiles.values()].includes('saved')) {
        problems.push(`run ${run}: profiles.json is gone`)
      }
      const journalPath = join(dataDir, 'migrations.json')
      if (migrations.size === 0) return
      try {
        const parsed = JSON.parse(readFileSync(journalPath, 'utf8')) as {
          records?: { id: string; jobUuid: string }[]
        }
        const jobs = new Map((parsed.records ?? []).map((r) => [r.id, r.jobUuid]))
        for (const [id, job] of migrations) {
          if (jobs.get(id) !== job)
            problems.push(`run ${run}: acknowledged migration ${id} is not in the journal file`)
        }
      } catch (error) {
        problems.push(`run ${run}: migrations.json does not parse after the kill: ${String(error)}`)
      }
    }

    const absorb = (lines: string[]): void => {
      for (const line of lines) {
        const [verb, what, id, job] = line.split(' ')
        if (verb === 'ACK' && what === 'profile') profiles.set(id!, 'saved')
        if (verb === 'ACK' && what === 'delete') {
          profiles.set(id!, 'deleted')
          ackedDeletes += 1
        }
        if (verb === 'TRY' && what === 'delete' && profiles.get(id!) === 'saved') profiles.delete(id!)
        if (verb === 'ACK' && what === 'migration') migrations.set(id!, job!)
        if (verb === 'TRY' && what === 'cancel') cancelsAsked += 1
        if (verb === 'ACK' && what === 'cancel') cancelsAcked += 1
      }
    }

    for (let run = 0; run < options.kills; run++) {
      const child = startChild(file, env(run, 'work'))
      const early = random.next() < 0.2
      if (early) {
        await Promise.race([sleep(random.int(350)), child.exit])
        const isReady = child.lines.includes('READY')
        if (!isReady) killedWhileStarting += 1
      } else {
        if (!(await Promise.race([child.ready, sleep(15_000).then(() => false)]))) {
          problems.push(
            `run ${run}: the child never became ready: ${child.stderr().slice(0, 500)} ${child.lines.join(' | ').slice(0, 500)}`
          )
        }
        // Half the kills come after the run's first acknowledged migration, so how many migrations the test
        // checks depends on the seed, not on how loaded the machine is.
        if (random.next() < 0.5) await Promise.race([child.migrationAcked, sleep(15_000)])
        await sleep(random.int(options.maxRunMs))
      }
      child.kill()
      const { signal, code } = await child.exit
      if (signal !== 'SIGKILL') {
        problems.push(
          `run ${run}: the child ended by itself (code ${code}): ${child.lines.filter((l) => l.startsWith('CRASHED')).join(' ')} ${child.stderr().slice(0, 500)}`
        )
      }
      checkJournalLine(run, child.lines)
      absorb(child.lines)
      checkFiles(run)
    }
    options.log(
      `crash: ${options.kills} kills (${killedWhileStarting} while starting); acknowledged ${[...profiles.values()].length} profile changes, ` +
        `${migrations.size} migrations`
    )

    const drain = startChild(file, env(options.kills, 'drain'))
    const finalLine = await Promise.race([drain.final, sleep(80_000).then(() => undefined)])
    if (finalLine === undefined) drain.kill()
    await drain.exit
    checkJournalLine(options.kills, drain.lines)
    let records: MigrationRecord[] = []
    if (finalLine === undefined)
      problems.push(`the final run did not finish: ${drain.stderr().slice(0, 500)}`)
    else records = JSON.parse(finalLine) as MigrationRecord[]
    const submissions = new Map<string, number>()
    for (const s of [...sim.stats().migrationSubmissions, ...plainSim.stats().migrationSubmissions])
      submissions.set(s.jobUuid, (submissions.get(s.jobUuid) ?? 0) + 1)
    // The child's plain node is the profile it named so (crash-child's PLAIN_TARGET_NAME).
    const plainProfiles = new Set(
      records.filter((r) => r.profileName === 'Crash plain target').map((r) => r.profileId)
    )
    const finalIds = new Set(records.map((r) => r.id))
    for (const id of migrations.keys())
      if (!finalIds.has(id)) problems.push(`acknowledged migration ${id} is not in the final journal`)
    problems.push(
      ...checkPromises(
        records,
        submissions,
        new Set(),
        (profileId, vmUuid) => (plainProfiles.has(profileId) ? plainSim : sim).vm(vmUuid)?.hostUuid,
        migrations.size
      )
    )
    return {
      kills: options.kills,
      killedWhileStarting,
      ackedProfiles: [...profiles.values()].filter((s) => s === 'saved').length,
      ackedDeletes,
      ackedMigrations: migrations.size,
      cancelsAsked,
      cancelsAcked,
      records,
      submissions,
      problems,
      elapsedMs: Date.now() - started
    }
  } finally {
    await sim.stop()
    await plainSim.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export function describeCrash(report: CrashReport): string {
  const states = countBy(
    report.records,
    (r) => `${r.mode ?? 'plain'} ${r.state === 'failed' ? `failed ${r.error?.code}` : r.state}`
  )
  const sent = [...report.submissions.values()].reduce((a, b) => a + b, 0)
  return (
    `crash: ${report.kills} kills survived (${report.killedWhileStarting} while starting); ` +
    `${report.ackedProfiles} acknowledged profiles kept, ${report.ackedDeletes} acknowledged deletes; ` +
    `${report.ackedMigrations} acknowledged migrations, ${report.records.length} journaled (${Object.entries(
      states
    )
      .map(([k, v]) => `${v} ${k}`)
      .join(
        ', '
      )}); ${report.cancelsAsked} cancels asked (${report.cancelsAcked} acknowledged); ${sent} submissions, max ${Math.max(0, ...report.submissions.values())} per job; ` +
    `${report.problems.length} problems; ${(report.elapsedMs / 1000).toFixed(1)} s${describeFailures(report.records)}`
  )
}
