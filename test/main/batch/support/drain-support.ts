// Filling a host with plainly migratable VMs through the batch queue, and checking a finished drain against the simulator.
import { expect } from 'vitest'
import type { DeskApi, MigrationBatch } from '../../../../src/shared/api'
import type { HostInventory, RunningSimulator } from '../../../../src/simulator'
import { isPlainlyMigratable } from '../../../support/plain-migratable'
import { unwrap } from '../../desk/support/desk-fixture'

/** Per cluster its least loaded Enabled, Connected host; the one most plainly migratable VMs can move to wins. */
export async function bestTarget(
  api: DeskApi,
  sim: RunningSimulator,
  profileId: string
): Promise<{ host: HostInventory; movable: string[] }> {
  const vms = sim.findVms(isPlainlyMigratable)
  const load = (h: HostInventory): number => sim.findVms((vm) => vm.hostUuid === h.uuid).length
  const byCluster = new Map<string, HostInventory>()
  for (const uuid of new Set(vms.map((vm) => vm.hostUuid!))) {
    const h = sim.host(uuid)!
    if (h.state !== 'Enabled' || h.status !== 'Connected') continue
    const best = byCluster.get(h.clusterUuid)
    if (!best || load(h) < load(best)) byCluster.set(h.clusterUuid, h)
  }
  let winner: { host: HostInventory; movable: string[] } | undefined
  for (const host of byCluster.values()) {
    const others = vms
      .filter((vm) => vm.zoneUuid === host.zoneUuid && vm.hostUuid !== host.uuid)
      .map((vm) => vm.uuid)
    if (others.length <= (winner?.movable.length ?? 0)) continue
    const plan = unwrap(
      await api.planMigrations({
        profileId,
        vmUuids: others,
        destinations: others.map((vmUuid) => ({ vmUuid, hostUuid: host.uuid }))
      })
    )
    const movable = plan.rows.filter((r) => r.to?.hostUuid === host.uuid).map((r) => r.vmUuid)
    if (movable.length > (winner?.movable.length ?? 0)) winner = { host, movable }
  }
  return winner!
}

export async function waitForBatch(api: DeskApi, batchId: string, timeout = 60_000): Promise<MigrationBatch> {
  await expect
    .poll(async () => unwrap(await api.getBatch({ batchId })).finishedAt, { timeout, interval: 100 })
    .toBeDefined()
  return unwrap(await api.getBatch({ batchId }))
}

/** Moves `count` of the movable VMs onto the host (chosen destination), through the queue. */
export async function fillHost(
  api: DeskApi,
  profileId: string,
  target: { host: HostInventory; movable: string[] },
  count: number
): Promise<string[]> {
  expect(target.movable.length, 'VMs that fit on the host').toBeGreaterThanOrEqual(count)
  const chosen = target.movable.slice(0, count)
  const batch = unwrap(
    await api.startBatch({
      profileId,
      rows: chosen.map((vmUuid) => ({ vmUuid, hostUuid: target.host.uuid })),
      concurrency: 8,
      stopOnFirstFailure: false
    })
  )
  const done = await waitForBatch(api, batch.id)
  expect(done.counts).toMatchObject({ succeeded: count })
  return chosen
}

/** Every row's outcome agrees with where the simulator has its VM, and no VM was stopped. */
export function expectReportMatchesSimulator(
  sim: RunningSimulator,
  batch: MigrationBatch,
  hostUuid: string
): void {
  for (const row of batch.rows) {
    const vm = sim.vm(row.vmUuid)!
    if (row.state === 'succeeded')
      expect(vm.hostUuid, `${row.vmName} is where the report says`).toBe(row.to?.hostUuid)
    else expect(vm.hostUuid, `${row.vmName} (${row.state}) stayed`).toBe(hostUuid)
    expect(['Running', 'Paused', 'Unknown'], `${row.vmName} was not stopped`).toContain(vm.state)
  }
  const left = batch.drain?.outcome?.remaining.map((r) => r.vmUuid).sort()
  const onHost = sim
    .findVms((vm) => vm.hostUuid === hostUuid)
    .map((vm) => vm.uuid)
    .sort()
  expect(left).toEqual(onHost)
  const hostState = sim.host(hostUuid)!.state
  if (onHost.length > 0) expect(hostState).toBe('Enabled')
}

/** The drain's submissions per VM: each at most once. */
export function doubleSubmissions(sim: RunningSimulator, since: number): string[] {
  const counts = new Map<string, number>()
  for (const s of sim.stats().migrationSubmissions.slice(since))
    counts.set(s.vmUuid, (counts.get(s.vmUuid) ?? 0) + 1)
  return [...counts].filter(([, n]) => n > 1).map(([vm, n]) => `${vm} x${n}`)
}
