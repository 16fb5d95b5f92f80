// The process the drain crash test kills: the real composeDesk on ZSTACK_DESK_HOME. The first run plans and starts
// the drain; every run signs in, lets the queue resume, prints how many rows ended, and FINAL <batch> at the end.
import { writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { composeDesk } from '../../../../src/main/compose'
import { resolveDataDir } from '../../../../src/main/data-dir'
import type { MigrationBatch, Result } from '../../../../src/shared/api'
import { createMemorySecretStore } from '../../desk/support/memory-secret-store'

/** One line on stdout, written synchronously so that a kill right after cannot lose it. */
function say(line: string): void {
  writeSync(1, `${line}\n`)
}

/** Signs in again when the session expired (the test expires them on purpose). */
let signInAgain: () => Promise<unknown> = async () => undefined

/** Faults hit reads too: a refused call is asked again. */
async function must<T>(what: string, call: () => Promise<Result<T>>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const result = await call()
    if (result.ok) return result.data
    if (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'NOT_SIGNED_IN') await signInAgain()
    if (attempt >= 100 || result.error.code === 'INVALID_INPUT')
      throw new Error(`${what}: ${result.error.message}`)
    await sleep(50)
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.DRAIN_SIM_PORT)
  const hostUuid = process.env.DRAIN_HOST ?? ''
  const runtime = await composeDesk({
    transport: 'web',
    dataDir: resolveDataDir(),
    version: 'drain-crash',
    secretStore: createMemorySecretStore(),
    clientOptions: { pollBackoff: { initialMs: 40, maxMs: 120 } },
    migrationTiming: { retryDelayMs: 80, vmStateEveryPolls: 2, unknownJobChecks: 3, longJobPollMs: 60 },
    batchTickMs: 100
  })
  const api = runtime.guarded.api
  const ended = (b: MigrationBatch): number =>
    b.rows.filter((r) => r.state !== 'queued' && r.state !== 'running').length
  runtime.events.on('batch:update', (b) => say(`ROWS ${ended(b)}`))
  const listing = await must('listProfiles', () => api.listProfiles())
  const profileId =
    listing.profiles.find((p) => p.name === 'Drain target')?.id ??
    (
      await must('saveProfile', () =>
        api.saveProfile({
          name: 'Drain target',
          endpoint: { scheme: 'http', host: '127.0.0.1', port, path: 'zstack' },
          accountName: 'admin',
          tls: { verify: true },
          timeoutMs: 5000
        })
      )
    ).id
  const signIn = () =>
    api.signIn({ profileId, accountName: 'admin', password: 'password', rememberPassword: true })
  await must('signIn', signIn)
  signInAgain = signIn
  let batch = (await must('listBatches', () => api.listBatches({ profileId })))[0]
  if (!batch) {
    const plan = await must('planDrain', () => api.planDrain({ profileId, hostUuid }))
    batch = await must('startBatch', () =>
      api.startBatch({
        profileId,
        rows: plan.rows.filter((r) => r.to).map((r) => ({ vmUuid: r.vmUuid })),
        concurrency: 4,
        stopOnFirstFailure: false,
        drain: { hostUuid, thenMaintain: true }
      })
    )
    say(`STARTED ${batch.id}`)
  } else say(`RESUMED ${batch.id} ${ended(batch)}`)
  for (;;) {
    const batchId = batch.id
    const now = await must('getBatch', () => api.getBatch({ batchId }))
    if (now.finishedAt) {
      say(`FINAL ${JSON.stringify(now)}`)
      break
    }
    await sleep(100)
  }
  await runtime.dispose()
  process.exit(0)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
