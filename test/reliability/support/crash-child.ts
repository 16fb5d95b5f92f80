// The process the crash test kills: the real composeDesk on ZSTACK_DESK_HOME, saving profiles and starting migrations
// (long jobs on one node, some of them cancelled, the plain action on another) as fast as it can and printing an
// acknowledgement line for each save that resolved. `drain` mode starts nothing new and waits for every journaled
// migration to end, then prints them.
import { writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { composeDesk } from '../../../src/main/compose'
import { resolveDataDir } from '../../../src/main/data-dir'
import type { DeskApi, Result } from '../../../src/shared/api'
import { seededRandom } from './arg-mutator'
import { createMemorySecretStore } from '../../main/desk/support/memory-secret-store'
import { serveOverHttp } from './web-desk-api'

export const TARGET_NAME = 'Crash target'
/** A node without the long-job API: its migrations take the plain action. */
export const PLAIN_TARGET_NAME = 'Crash plain target'

const isFinal = (state: string): boolean =>
  state === 'succeeded' || state === 'failed' || state === 'canceled'

/** One line on stdout, written synchronously so that a kill right after cannot lose it. */
function say(...parts: (string | number)[]): void {
  writeSync(1, `${parts.join(' ')}\n`)
}

async function must<T>(what: string, call: () => Promise<Result<T>>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const result = await call()
    if (result.ok) return result.data
    if (attempt >= 20) throw new Error(`${what}: ${result.error.code} ${result.error.message}`)
    await sleep(50)
  }
}

async function targetProfile(api: DeskApi, port: number, name: string): Promise<string> {
  const listing = await must('listProfiles', () => api.listProfiles())
  const found = listing.profiles.find((p) => p.name === name)
  if (found) return found.id
  const saved = await must('saveProfile', () =>
    api.saveProfile({
      name,
      endpoint: { scheme: 'http', host: '127.0.0.1', port, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: true },
      timeoutMs: 5000
    })
  )
  say('ACK profile', saved.id)
  return saved.id
}

async function saveProfiles(api: DeskApi, run: number): Promise<never> {
  const random = seededRandom(run * 7919)
  const mine: string[] = []
  for (let n = 0; ; n++) {
    if (mine.length > 3 && random.next() < 0.25) {
      const id = mine.splice(random.int(mine.length), 1)[0]!
      say('TRY delete', id)
      await must('deleteProfile', () => api.deleteProfile({ profileId: id }))
      say('ACK delete', id)
      continue
    }
    const saved = await must('saveProfile', () =>
      api.saveProfile({
        name: `Crash ${run}.${n}`,
        endpoint: { scheme: 'https', host: `node-${run}-${n}.example`, port: 8443, path: 'zstack' },
        accountName: 'admin',
        folder: `run ${run}`,
        tls: { verify: true },
        timeoutMs: 5000
      })
    )
    mine.push(saved.id)
    say('ACK profile', saved.id)
  }
}

async function startMigrations(api: DeskApi, profileIds: string[], run: number): Promise<never> {
  const random = seededRandom(run * 104_729)
  // Every third run cancels its first long-job migration as soon as it is acknowledged.
  let cancelNext = run % 3 === 0
  for (let n = 0; ; n++) {
    // Runs alternate which node comes first, so both paths are acknowledged whatever the kill's timing.
    const profileId = profileIds[(n + run) % profileIds.length]!
    const active = (await must('listMigrations', () => api.listMigrations({ profileId }))).filter(
      (r) => !isFinal(r.state)
    )
    const busy = new Set(active.map((r) => r.vmUuid))
    const page = await must('queryVms', () =>
      api.queryVms({ profileId, states: ['Running'], start: random.int(40), limit: 20 })
    )
    const choices = page.items.filter((vm) => vm.type === 'UserVm' && !busy.has(vm.uuid))
    if (active.length >= 4 || choices.length === 0) {
      await sleep(50)
      continue
    }
    const vm = random.pick(choices)
    const plan = await must('getMigrationPlan', () => api.getMigrationPlan({ profileId, vmUuid: vm.uuid }))
    if (plan.blocked || plan.candidates.length === 0) continue
    say('TRY migrate', vm.uuid)
    const result = await api.migrateVm({
      profileId,
      vmUuid: vm.uuid,
      params: { hostUuid: random.pick(plan.candidates).host.uuid }
    })
    if (!result.ok) {
      say('REFUSED migration', vm.uuid, result.error.code)
      continue
    }
    say('ACK migration', result.data.id, result.data.jobUuid, result.data.state, result.data.mode ?? 'plain')
    if (cancelNext && result.data.mode === 'long-job') {
      cancelNext = false
      say('TRY cancel', result.data.id)
      const cancelled = await api.cancelMigration({ migrationId: result.data.id })
      if (cancelled.ok) say('ACK cancel', result.data.id)
      else say('REFUSED cancel', result.data.id, cancelled.error.code)
    }
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.CRASH_SIM_PORT)
  const plainPort = Number(process.env.CRASH_PLAIN_SIM_PORT)
  const run = Number(process.env.CRASH_RUN ?? 0)
  const runtime = await composeDesk({
    transport: 'web',
    dataDir: resolveDataDir(),
    version: 'crash',
    secretStore: createMemorySecretStore(),
    clientOptions: { pollBackoff: { initialMs: 100, maxMs: 300 } },
    migrationTiming: { retryDelayMs: 150, unknownJobChecks: 2 }
  })
  // Every call goes through the web host's HTTP API, as the browser's do.
  const served = await serveOverHttp(runtime, resolveDataDir())
  const api = served.api
  const profileIds = [
    await targetProfile(api, port, TARGET_NAME),
    await targetProfile(api, plainPort, PLAIN_TARGET_NAME)
  ]
  // Unfinished records were handed to the tracker by composeDesk; they continue once signed in.
  const journal = await must('listMigrations', () => api.listMigrations({}))
  say('JOURNAL', journal.map((r) => `${r.id}:${r.jobUuid}:${r.state}`).join(',') || '-')
  for (const profileId of profileIds) {
    await must('signIn', () =>
      api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: false })
    )
  }
  say('READY')

  if (process.env.CRASH_MODE === 'drain') {
    const deadline = Date.now() + 60_000
    for (;;) {
      const records = await must('listMigrations', () => api.listMigrations({}))
      if (records.every((r) => isFinal(r.state)) || Date.now() > deadline) {
        say('FINAL', JSON.stringify(records))
        break
      }
      await sleep(100)
    }
    await served.close()
    await runtime.dispose()
    return
  }
  await Promise.all([saveProfiles(api, run), startMigrations(api, profileIds, run)])
}

main().catch((error: unknown) => {
  say('CRASHED', error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(3)
})
