// Picking VMs that can migrate, and waiting for a migration's records.
import { expect } from 'vitest'
import type { DeskApi, MigrateParams, MigrationRecord } from '../../../src/shared/api'
import type { RunningSimulator } from '../../../src/simulator'
import type { ComposeOptions } from '../../../src/main/compose'
import {
  simulatorProfile,
  startDesk,
  tempDataDir,
  unwrap,
  type DeskFixture
} from '../desk/support/desk-fixture'

/** A desk on `dataDir` (a new one when absent) signed in to the simulator's "Migration cloud" profile. */
export async function signedInDesk(
  sim: RunningSimulator,
  track: { fixtures: DeskFixture[]; dirs: string[] },
  options: Partial<ComposeOptions> & { remember?: boolean } = {}
): Promise<DeskFixture & { profileId: string }> {
  const { remember = true, ...rest } = options
  const dataDir = rest.dataDir ?? tempDataDir('desk-migrations-')
  if (!rest.dataDir) track.dirs.push(dataDir)
  const f = await startDesk({ ...rest, dataDir })
  track.fixtures.push(f)
  const existing = unwrap(await f.api.listProfiles()).profiles.find((p) => p.name === 'Migration cloud')
  const profileId =
    existing?.id ?? unwrap(await f.api.saveProfile(simulatorProfile(sim, 'Migration cloud'))).id
  if (!existing) {
    unwrap(
      await f.api.signIn({
        profileId,
        accountName: 'admin',
        password: 'password',
        rememberPassword: remember
      })
    )
  }
  return { ...f, profileId }
}

export interface MigrationChoice {
  vmUuid: string
  vmName: string
  sourceHostUuid: string
  targetHostUuid: string
}

/** A running VM with at least one candidate host, never one handed out before in this file. */
export async function pickMigration(
  api: DeskApi,
  sim: RunningSimulator,
  profileId: string,
  used: Set<string>
): Promise<MigrationChoice> {
  // A source host that is not Connected (the Demo world has one Connecting) refuses to migrate, as ZStack does.
  const running = sim.findVms(
    (vm) =>
      vm.state === 'Running' &&
      vm.type === 'UserVm' &&
      !used.has(vm.uuid) &&
      sim.host(vm.hostUuid ?? '')?.status === 'Connected'
  )
  for (const vm of running) {
    const plan = unwrap(await api.getMigrationPlan({ profileId, vmUuid: vm.uuid }))
    const target = plan.candidates[0]
    if (!target || plan.blocked) continue
    used.add(vm.uuid)
    return {
      vmUuid: vm.uuid,
      vmName: vm.name,
      sourceHostUuid: vm.hostUuid!,
      targetHostUuid: target.host.uuid
    }
  }
  throw new Error('the simulator has no migratable VM left; give it more VMs')
}

/** Migrates the chosen VM to its chosen candidate through DeskApi; the record as journaled and submitted. */
export async function migrateToTarget(
  f: DeskFixture & { profileId: string },
  choice: MigrationChoice,
  params: MigrateParams = {}
): Promise<MigrationRecord> {
  return unwrap(
    await f.api.migrateVm({
      profileId: f.profileId,
      vmUuid: choice.vmUuid,
      params: { hostUuid: choice.targetHostUuid, ...params }
    })
  )
}

export function submissionsFor(sim: RunningSimulator, vmUuid: string): number {
  return sim.stats().migrationSubmissions.filter((s) => s.vmUuid === vmUuid).length
}

/** The updates pushed for one migration record, in order. */
export function updatesOf(f: DeskFixture, recordId: string): MigrationRecord[] {
  return f.of('migration:update').filter((r) => r.id === recordId)
}

export async function waitForState(
  f: DeskFixture,
  recordId: string,
  states: MigrationRecord['state'][],
  timeout = 10_000
): Promise<MigrationRecord> {
  await expect
    .poll(() => updatesOf(f, recordId).at(-1)?.state, { timeout, interval: 20 })
    .toSatisfy((state: MigrationRecord['state'] | undefined) => state !== undefined && states.includes(state))
  return updatesOf(f, recordId).at(-1)!
}
