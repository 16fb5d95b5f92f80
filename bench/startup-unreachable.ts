// startup-unreachable: a fresh start to the Demo's first rows, with one saved cluster (signed in last time) whose
// node accepts connections and never answers, against the same start without it. Nothing may wait on that node.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type { Benchmark } from './lib/benchmark'
import { startBenchApp } from './lib/app-host'
import { ROW } from './lib/app-ui'
import { newBenchPage } from './lib/bench-page'
import { addCluster } from './lib/desk'
import { ratioFigure } from './lib/results'
import { compareRounds } from './lib/stats'
import { DEMO_PROFILE_ID } from '../src/main/profiles/demo-profile'
import { createKeytarSecretStore } from '../src/main/secrets/keytar-secret-store'

const MAX_RATIO = 1.2

interface SilentNode {
  port: number
  /** Connections it accepted (each one a request left unanswered). */
  accepted(): number
  close(): Promise<void>
}

async function startSilentNode(): Promise<SilentNode> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server: Server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((done) => server.close(done))
    }
  }
}

export const startupUnreachable: Benchmark = {
  name: 'startup-unreachable',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const browser = await ctx.browser()
    const node = await startSilentNode()
    const keychain = createKeytarSecretStore()
    let unanswered = 0
    try {
      /** One start from an empty data folder to the first Demo row painted; `withSilentCluster` adds the saved one. */
      const start = async (withSilentCluster: boolean): Promise<number> => {
        const app = await startBenchApp()
        const bench = await newBenchPage(browser)
        let profileId: string | undefined
        try {
          if (withSilentCluster) {
            profileId = await addCluster(app.api, 'Behind a down VPN', `http://127.0.0.1:${node.port}`, false)
            // Signed in last time: the session the app finds in the keychain and must check with the node.
            await keychain.set(
              profileId,
              JSON.stringify({ sessionUuid: 'f'.repeat(32), accountName: 'admin' })
            )
          }
          const before = node.accepted()
          const started = performance.now()
          await bench.page.goto(app.web.url)
          await bench.page
            .locator(`[data-testid="vm-list"][data-profile-id="${DEMO_PROFILE_ID}"] ${ROW}`)
            .first()
            .waitFor()
          const ms = performance.now() - started
          if (withSilentCluster) {
            if (node.accepted() === before)
              throw new Error('the app never asked the silent node: nothing measured')
            unanswered++
          }
          return ms
        } finally {
          await bench.close()
          await app.close()
          if (profileId) await keychain.delete(profileId)
        }
      }
      const comparison = await compareRounds({
        warmup: 1,
        rounds: 8,
        app: () => start(true),
        baseline: () => start(false)
      })
      return ratioFigure(comparison, 'ms', MAX_RATIO, {
        note: 'app: with one saved cluster that accepts and never answers; baseline: without it',
        unansweredChecks: unanswered
      })
    } finally {
      await node.close()
    }
  }
}
