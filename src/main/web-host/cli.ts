// `npm run web`: the app in a browser, for machines where Electron cannot run.
import { resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { composeDesk } from '../compose'
import { acquireDataLock } from '../data-lock'
import { resolveDataDir } from '../data-dir'
import { startWebHost } from './server'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      profiles: { type: 'string' },
      'static-dir': { type: 'string', default: resolve('out/renderer') }
    }
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, got "${values.port}"`)
    process.exit(2)
  }
  const version = (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version
  const dataDir = resolveDataDir()
  const lock = acquireDataLock(dataDir, 'web host')
  const runtime = await composeDesk({
    transport: 'web',
    dataDir,
    version,
    profilesFile: values.profiles ?? process.env.ZSTACK_DESK_PROFILES
  })
  const host = await startWebHost({
    guarded: runtime.guarded,
    events: runtime.events,
    staticDir: values['static-dir'] ?? resolve('out/renderer'),
    port,
    logger: runtime.logger
  })
  console.log(`ZStack Desk web host: ${host.url}`)
  console.log(
    'Open that address in a browser on this machine. It works for one tab, once (reloading that tab keeps working). Ctrl+C stops it.'
  )
  const stop = async (): Promise<void> => {
    await host.close()
    await runtime.dispose()
    lock.release()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
