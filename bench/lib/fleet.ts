// Starts simulators in a child process (off the bench's event loop and CPU) and talks to them over IPC.
import { fork, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import type { RuntimeOptions, SimulatorOptions, SimulatorStats } from '../../src/simulator/options'
import type { FleetReply, FleetRequest } from './fleet-protocol'

export interface SimHandle {
  url: string
  stats(): Promise<SimulatorStats>
  setOptions(patch: Partial<RuntimeOptions>): Promise<void>
}

export interface Fleet {
  sims: SimHandle[]
  /** How long the child took to build its worlds and listen. */
  startMs: number
  pid: number
  stop(): Promise<void>
}

const ENTRY = resolve('bench/lib/simulator-process.ts')

/** `BENCH_PROFILE_SIM=1` writes a CPU profile of the simulator process to bench/results/profiles. */
export async function startFleet(specs: SimulatorOptions[]): Promise<Fleet> {
  const execArgv = ['--import', 'tsx']
  if (process.env.BENCH_PROFILE_SIM)
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${resolve('bench/results/profiles')}`)
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv,
    env: { ...process.env, BENCH_SIM_SPECS: JSON.stringify(specs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  let nextId = 1
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  const ready = new Promise<{ urls: string[]; startMs: number }>((resolveReady, rejectReady) => {
    child.once('exit', (code) =>
      rejectReady(new Error(`simulator process exited with ${code} before it was ready`))
    )
    child.on('message', (raw) => {
      const message = raw as FleetReply
      if (message.type === 'ready') resolveReady(message)
      else {
        const waiter = pending.get(message.id)
        pending.delete(message.id)
        if (message.error) waiter?.reject(new Error(message.error))
        else waiter?.resolve(message.result)
      }
    })
  })
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('simulator process exited'))
    pending.clear()
  })

  function request(type: FleetRequest['type'], index?: number, patch?: unknown): Promise<unknown> {
    const id = nextId++
    return new Promise((resolveRequest, rejectRequest) => {
      pending.set(id, { resolve: resolveRequest, reject: rejectRequest })
      child.send({ id, type, index, patch } satisfies FleetRequest)
    })
  }

  const { urls, startMs } = await ready
  return {
    startMs,
    pid: child.pid ?? -1,
    sims: urls.map((url, index) => ({
      url,
      stats: async () => (await request('stats', index)) as SimulatorStats,
      setOptions: async (patch) => {
        await request('setOptions', index, patch)
      }
    })),
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      await request('stop').catch(() => undefined)
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
  }
}
