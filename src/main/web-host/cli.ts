// `npm run web`: the app in a browser, for machines where Electron cannot run.
import { resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { composeDesk } from '../compose'
import { acquireDataLock } from '../data-lock'
import { resolveDataDir } from '../data-dir'
import { startWebHost } from './server'

const USAGE = `Usage: npm run web -- [options]

Serves ZStack Desk to a browser on this machine (127.0.0.1 only) and prints a one-time address to open.

Options:
  --port <n>          Port to listen on, 0 to 65535 (default 0: any free port)
  --profiles <file>   Cluster profiles to import at start, YAML or JSON (also ZSTACK_DESK_PROFILES)
  --static-dir <dir>  The built renderer to serve (default out/renderer)
  -h, --help          Print this help and exit

Environment:
  ZSTACK_DESK_HOME      Data folder (profiles, migration journal, logs) instead of the default
  ZSTACK_DESK_PROFILES  Same as --profiles`

function readOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        profiles: { type: 'string' },
        'static-dir': { type: 'string', default: resolve('out/renderer') },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }).values
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    process.exit(2)
  }
}

async function main(): Promise<void> {
  const values = readOptions()
  if (values.help) {
    console.log(USAGE)
    return
  }
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
