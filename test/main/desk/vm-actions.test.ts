// Starts and stops are logged for Activity: over real HTTP to the Demo simulator, on disk, across a restart.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator, VmInventory } from '../../../src/simulator'
import type { VmActionRecord } from '../../../src/shared/api'
import { VM_ACTIONS_FILE } from '../../../src/main/vm-actions/vm-action-log'
import { failure, removeDir, startDesk, tempDataDir, unwrap, type DeskFixture } from './support/desk-fixture'

const dataDir = tempDataDir('desk-vm-actions-')
let f: DeskFixture
let sim: RunningSimulator

beforeAll(async () => {
  f = await startDesk({ dataDir })
  unwrap(await f.api.getSessions())
  sim = f.runtime.demo.running()!
})
afterAll(async () => {
  await f.dispose()
  removeDir(dataDir)
})

const runningVm = (): VmInventory => {
  const vm = sim.findVms((v) => v.state === 'Running' && v.type === 'UserVm')[0]
  if (!vm) throw new Error('no running VM in the simulator')
  return vm
}

const onDisk = (): VmActionRecord[] =>
  (JSON.parse(readFileSync(join(dataDir, VM_ACTIONS_FILE), 'utf8')) as { records: VmActionRecord[] }).records

describe('start and stop actions are recorded', () => {
  let vm: VmInventory

  it('a stop is logged before it is sent, then with the job state and the VM state before and after', async () => {
    vm = runningVm()
    const host = sim.vm(vm.uuid)!.hostUuid
    unwrap(await f.api.stopVm({ profileId: 'demo', vmUuid: vm.uuid }))
    const [stop] = unwrap(await f.api.listVmActions({ profileId: 'demo' }))
    expect(stop).toMatchObject({
      action: 'stop',
      profileId: 'demo',
      profileName: 'Demo cluster',
      vmUuid: vm.uuid,
      vmName: vm.name,
      state: 'succeeded',
      before: { vmState: 'Running', hostUuid: host },
      after: { vmState: 'Stopped', hostUuid: null, lastHostUuid: host }
    })
    expect(stop!.jobUuid).toMatch(/^[0-9a-f]{32}$/)
    expect(Date.parse(stop!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(stop!.createdAt))
    // The renderer heard it sent, then answered: the same record, its job state moving on.
    const heard = f.of('vm-action:update').filter((r) => r.id === stop!.id)
    expect(heard.map((r) => r.state)).toEqual(['submitted', 'succeeded'])
    expect(heard[0]!.after).toBeUndefined()
    expect(onDisk().find((r) => r.id === stop!.id)).toEqual(stop)
  })

  it('a stop the server refuses is logged as failed with its error, the VM state unchanged', async () => {
    expect(failure(await f.api.stopVm({ profileId: 'demo', vmUuid: vm.uuid })).code).toBe('ZSTACK')
    const [refused] = unwrap(await f.api.listVmActions({}))
    expect(refused).toMatchObject({
      action: 'stop',
      vmUuid: vm.uuid,
      state: 'failed',
      before: { vmState: 'Stopped' },
      after: { vmState: 'Stopped' },
      error: { code: 'ZSTACK' }
    })
  })

  it('a start is logged too; the list is newest first and per cluster', async () => {
    unwrap(await f.api.startVm({ profileId: 'demo', vmUuid: vm.uuid }))
    const all = unwrap(await f.api.listVmActions({}))
    expect(all.map((r) => `${r.action} ${r.state}`)).toEqual([
      'start succeeded',
      'stop failed',
      'stop succeeded'
    ])
    expect(all[0]).toMatchObject({
      before: { vmState: 'Stopped' },
      after: { vmState: 'Running', hostUuid: sim.vm(vm.uuid)!.hostUuid }
    })
    expect(failure(await f.api.listVmActions({ profileId: 'no-such-profile' })).code).toBe('NOT_FOUND')
    expect(failure(await f.api.listVmActions({ profileId: 'demo', extra: 1 } as never)).code).toBe(
      'INVALID_INPUT'
    )
  })

  it('after a restart the log is read back; an action left without its answer is shown as outcome unknown', async () => {
    const before = unwrap(await f.api.listVmActions({}))
    await f.dispose()
    // As if the app had stopped between sending a stop and its answer.
    const file = join(dataDir, VM_ACTIONS_FILE)
    const body = JSON.parse(readFileSync(file, 'utf8')) as { version: number; records: VmActionRecord[] }
    const interrupted = {
      ...body.records[0]!,
      id: 'interrupted',
      state: 'submitted' as const,
      createdAt: new Date().toISOString()
    }
    delete interrupted.after
    delete interrupted.finishedAt
    writeFileSync(file, JSON.stringify({ ...body, records: [interrupted, ...body.records, { id: 'bad' }] }))
    f = await startDesk({ dataDir })
    const after = unwrap(await f.api.listVmActions({}))
    expect(after.slice(1)).toEqual(before)
    expect(after[0]).toMatchObject({ id: 'interrupted', state: 'unknown', finishedAt: interrupted.updatedAt })
  })
})
