// Issue 8.2, a targeted case: the management node restarts while a migration runs, so several job polls in a row
// fail in one fault shape. The migration goes on on the server; the journal must end up agreeing with the VM's host.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import type { MigrationPlan, MigrationRecord } from '../../src/shared/api'
import { startSimulator, type FaultKind, type RunningSimulator } from '../../src/simulator'
import { createMemorySecretStore } from '../main/desk/support/memory-secret-store'

/** Polls in a row that fail; at the default backoff (0.5 s, growing by half) the fifth comes 4 s after the first. */
const FAILED_POLLS = 6

describe('a node restart during a migration (issue 8.2)', () => {
  let sim: RunningSimulator
  let runtime: DeskRuntime
  let dataDir: string
  let profileId: string

  beforeAll(async () => {
    sim = await startSimulator({ vms: 40, seed: 82, migrationDurationMs: 1500 })
    dataDir = mkdtempSync(join(tmpdir(), 'desk-restart-'))
    runtime = await composeDesk({
      transport: 'web',
      dataDir,
      version: 'restart',
      secretStore: createMemorySecretStore(),
      clientOptions: { pollBackoff: { initialMs: 100, maxMs: 150 } },
      migrationTiming: { retryDelayMs: 200 }
    })
    const saved = await runtime.guarded.api.saveProfile({
      name: 'Restarting node',
      endpoint: { scheme: 'http', host: '127.0.0.1', port: sim.port, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: true },
      timeoutMs: 5000
    })
    if (!saved.ok) throw new Error(saved.error.message)
    profileId = saved.data.id
    const signedIn = await runtime.guarded.api.signIn({
      profileId,
      accountName: 'admin',
      password: 'password',
      rememberPassword: true
    })
    if (!signedIn.ok) throw new Error(signedIn.error.message)
  })

  afterAll(async () => {
    await runtime?.dispose()
    await sim?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const used = new Set<string>()

  it.each<FaultKind>(['error503', 'html502', 'drop', 'truncate'])(
    `follows the migration to its real end through ${FAILED_POLLS} job polls failing with %s`,
    async (kind) => {
      const api = runtime.guarded.api
      const vm = sim.findVms((v) => v.state === 'Running' && v.type === 'UserVm' && !used.has(v.uuid))[0]!
      used.add(vm.uuid)
      const plan = await api.getMigrationPlan({ profileId, vmUuid: vm.uuid })
      const target = (plan.ok ? (plan.data as MigrationPlan) : undefined)?.candidates[0]?.host.uuid
      expect(target, 'a destination host').toBeDefined()
      sim.injectFaults({ kind, count: FAILED_POLLS, pathIncludes: '/api-jobs/', method: 'GET' })
      const started = await api.migrateVm({ profileId, vmUuid: vm.uuid, params: { hostUuid: target } })
      if (!started.ok) throw new Error(started.error.message)
      let record: MigrationRecord | undefined
      for (let i = 0; i < 150 && !(record?.state === 'succeeded' || record?.state === 'failed'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        const list = await api.listMigrations({ profileId })
        record = list.ok ? list.data.find((r) => r.id === started.data.id) : undefined
      }
      // The server's migration goes on however the journal ended: wait until it has ended too.
      await vi.waitFor(() => expect(sim.vm(vm.uuid)?.state).not.toBe('Migrating'), { timeout: 10_000 })
      const simHost = sim.vm(vm.uuid)?.hostUuid
      const journalHost = record?.state === 'succeeded' ? record.after?.hostUuid : record?.before.hostUuid
      const outcome = `${record?.state} ${record?.error?.code ?? ''} ${record?.error?.message ?? ''}`
      expect({ state: record?.state, host: journalHost }, outcome).toEqual({
        state: simHost === target ? 'succeeded' : 'failed',
        host: simHost
      })
      expect(sim.stats().migrationSubmissions.filter((s) => s.jobUuid === record?.jobUuid)).toHaveLength(1)
    }
  )
})
