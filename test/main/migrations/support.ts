// Picking VMs that can migrate, and waiting for a migration's records.
import { expect } from 'vitest'
import type { DeskApi, MigrateParams, MigrationRecord } from '../../../src/shared/api'
import type { RunningSimulator } from '../../../src/simulator'
import { unwrap, type DeskFixture } from '../desk/support/desk-fixture'

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
  const running = sim.findVms((vm) => vm.state === 'Running' && vm.type === 'UserVm' && !used.has(vm.uuid))
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
