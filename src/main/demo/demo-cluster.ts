// The built-in Demo cluster: the embedded simulator, started on a free loopback port the first time it is used.
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator'

export interface DemoCluster {
  /** Starts the simulator once and resolves to its port. */
  ensure(): Promise<number>
  /** The running simulator, for tests and diagnostics. */
  running(): RunningSimulator | undefined
  stop(): Promise<void>
}

export function createDemoCluster(options: SimulatorOptions = {}): DemoCluster {
  let starting: Promise<RunningSimulator> | undefined
  let simulator: RunningSimulator | undefined
  let stopped = false
  return {
    ensure() {
      if (stopped) return Promise.reject(new Error('The Demo cluster has been stopped.'))
      starting ??= startSimulator({
        // Loopback only, and no /_sim control endpoints: nothing else on this machine may steer the demo.
        control: false,
        ...options,
        host: '127.0.0.1',
        port: 0
      }).then(
        (started) => {
          simulator = started
          return started
        },
        (error: unknown) => {
          starting = undefined
          throw error
        }
      )
      return starting.then((s) => s.port)
    },
    running: () => simulator,
    async stop() {
      stopped = true
      const pending = starting
      starting = undefined
      simulator = undefined
      const started = await pending?.catch(() => undefined)
      await started?.stop()
    }
  }
}
