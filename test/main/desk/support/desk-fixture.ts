// A DeskApi runtime on a temp data folder, talking over real HTTP to a simulator, with every event recorded.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeDesk, type ComposeOptions, type DeskRuntime } from '../../../../src/main/compose'
import { createEventBus } from '../../../../src/main/event-bus'
import type { DeskApi, DeskEventName, DeskEvents, ProfileInput, Result } from '../../../../src/shared/api'
import type { RunningSimulator } from '../../../../src/simulator'
import { createMemorySecretStore } from './memory-secret-store'

export type RecordedEvent = { [E in DeskEventName]: { event: E; payload: DeskEvents[E] } }[DeskEventName]

export interface DeskFixture {
  runtime: DeskRuntime
  api: DeskApi
  dataDir: string
  events: RecordedEvent[]
  of<E extends DeskEventName>(event: E): DeskEvents[E][]
  dispose(): Promise<void>
}

/** Fast timings so a migration test takes a second, not a minute. */
export const FAST: Partial<ComposeOptions> = {
  clientOptions: { pollBackoff: { initialMs: 40, maxMs: 120 } },
  migrationTiming: { retryDelayMs: 80, vmStateEveryPolls: 2, unknownJobChecks: 3, longJobPollMs: 60 },
  demoSimulator: { vms: 40, migrationDurationMs: 400, actionDurationMs: 150 }
}

export function tempDataDir(prefix = 'desk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export async function startDesk(options: Partial<ComposeOptions> = {}): Promise<DeskFixture> {
  const dataDir = options.dataDir ?? tempDataDir()
  const events: RecordedEvent[] = []
  const bus = createEventBus()
  bus.subscribe((event, payload) => events.push({ event, payload } as RecordedEvent))
  const runtime = await composeDesk({
    transport: 'web',
    version: 'test',
    secretStore: createMemorySecretStore(),
    ...FAST,
    ...options,
    dataDir,
    events: bus
  })
  return {
    runtime,
    api: runtime.guarded.api,
    dataDir,
    events,
    of: <E extends DeskEventName>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as DeskEvents[E]),
    dispose: () => runtime.dispose()
  }
}

/** A profile that points at a running simulator. */
export function simulatorProfile(sim: RunningSimulator, name = 'Simulated cloud'): ProfileInput {
  return {
    name,
    endpoint: { scheme: 'http', host: '127.0.0.1', port: sim.port, path: 'zstack' },
    accountName: 'admin',
    tls: { verify: true },
    timeoutMs: 5000
  }
}

/** The data of a Result, or a failure that shows the AppError. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`)
  return result.data
}

/** The AppError of a Result that must have failed. */
export function failure<T>(result: Result<T>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.data).slice(0, 200)}`)
  return result.error
}

/** Asks the simulator whether a session is valid, over its own REST endpoint. */
export async function serverSaysValid(sim: RunningSimulator, sessionUuid: string): Promise<boolean> {
  const res = await fetch(`${sim.url}/zstack/v1/accounts/sessions/${sessionUuid}/valid`)
  return ((await res.json()) as { valid: boolean }).valid
}
