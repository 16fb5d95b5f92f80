// Child process entry: runs simulators apart from the app under test, as a real management node would be.
import { startSimulator } from '../../src/simulator/index'
import type { RunningSimulator, RuntimeOptions, SimulatorOptions } from '../../src/simulator/options'
import type { FleetReply, FleetRequest } from './fleet-protocol'

const specs = JSON.parse(process.env.BENCH_SIM_SPECS ?? '[]') as SimulatorOptions[]

function reply(message: FleetReply): void {
  process.send?.(message)
}

// Never outlive the bench: an orphaned simulator would hold the terminal and a CPU.
process.on('disconnect', () => process.exit(0))

async function main(): Promise<void> {
  const started = Date.now()
  const sims: RunningSimulator[] = []
  for (const spec of specs) sims.push(await startSimulator({ ...spec, host: '127.0.0.1', port: 0 }))
  reply({ type: 'ready', urls: sims.map((s) => s.url), startMs: Date.now() - started })

  process.on('message', (raw) => {
    const request = raw as FleetRequest
    void handle(request).then(
      (result) => reply({ type: 'result', id: request.id, result }),
      (error: unknown) => reply({ type: 'result', id: request.id, error: String(error) })
    )
  })

  async function handle(request: FleetRequest): Promise<unknown> {
    const sim = sims[request.index ?? 0]
    if (!sim) throw new Error(`no simulator #${request.index}`)
    switch (request.type) {
      case 'stats':
        return sim.stats()
      case 'setOptions':
        sim.setOptions(request.patch as Partial<RuntimeOptions>)
        return null
      case 'stop':
        await Promise.all(sims.map((s) => s.stop()))
        setImmediate(() => process.exit(0))
        return null
    }
  }
}

main().catch((error: unknown) => {
  console.error('simulator process failed:', error)
  process.exit(1)
})
