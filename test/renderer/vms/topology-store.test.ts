import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api as realApi } from '@renderer/api'
import { usePowerActions } from '@renderer/composables/use-power-actions'
import { useClustersStore } from '@renderer/stores/clusters'
import { TOPOLOGY_TTL_MS, useTopologyStore } from '@renderer/stores/topology'
import type { MigrationRecord, Result, Topology } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { HOST_1, TOPOLOGY, vm } from '../vms-support/fixtures'
import { freshPinia } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const renamed = (name: string): Topology => ({
  ...TOPOLOGY,
  hosts: TOPOLOGY.hosts.map((h) => (h.uuid === HOST_1 ? { ...h, name } : h))
})

function succeeded(id: string, profileId: string): MigrationRecord {
  return {
    id,
    profileId,
    profileName: 'Demo',
    vmUuid: vm(1).uuid,
    vmName: 'vm-001',
    params: {},
    state: 'succeeded',
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:01:00.000Z',
    polls: 1
  } as MigrationRecord
}

describe('topology store: the expiry rule of main', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    localStorage.clear()
    api.reset()
    freshPinia()
  })
  afterEach(() => vi.useRealTimers())

  it('reuses a topology for 30 s, then fetches it again, one request at a time', async () => {
    const topology = useTopologyStore()
    await Promise.all([topology.ensure('demo'), topology.ensure('demo')])
    expect(api.getTopology).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(TOPOLOGY_TTL_MS - 1)
    await topology.ensure('demo')
    expect(api.getTopology).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    api.getTopology.mockResolvedValueOnce(ok(renamed('host-1b')))
    await topology.ensure('demo')
    expect(api.getTopology).toHaveBeenCalledTimes(2)
    expect(topology.names('demo').hosts.get(HOST_1)).toBe('host-1b')
  })

  it('keeps the same object (and names) when the topology comes back unchanged', async () => {
    const topology = useTopologyStore()
    await topology.ensure('demo')
    const first = topology.of('demo')
    const names = topology.names('demo')
    topology.invalidate('demo')
    await topology.ensure('demo')
    expect(api.getTopology).toHaveBeenCalledTimes(2)
    expect(topology.of('demo')).toBe(first)
    expect(topology.names('demo')).toBe(names)
  })

  it('is stale at once after a start or stop and after a migration succeeds', async () => {
    const topology = useTopologyStore()
    await topology.ensure('demo')
    const { runAction } = usePowerActions()
    api.startVm.mockResolvedValueOnce(ok({ ...vm(4), state: 'Running' }))
    expect(await runAction('demo', vm(4), 'start')).toBe(true)
    await topology.ensure('demo')
    expect(api.getTopology).toHaveBeenCalledTimes(2)

    api.emit('migration:update', succeeded('m1', 'lab'))
    await topology.ensure('demo')
    expect(api.getTopology).toHaveBeenCalledTimes(2)
    api.emit('migration:update', succeeded('m2', 'demo'))
    await topology.ensure('demo')
    expect(api.getTopology).toHaveBeenCalledTimes(3)
  })

  it('shows but does not keep an answer that an invalidation overtook; shows a stale one until replaced', async () => {
    const topology = useTopologyStore()
    await topology.ensure('demo')
    vi.advanceTimersByTime(TOPOLOGY_TTL_MS)
    let answer!: (value: Result<Topology>) => void
    api.getTopology.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
    const loading = topology.ensure('demo')
    // Stale, yet still shown while the new one loads: names never fall back to uuids.
    expect(topology.names('demo').hosts.get(HOST_1)).toBe('host-1')
    topology.invalidate('demo')
    answer(ok(renamed('host-1-old')))
    expect((await loading)?.hosts.find((h) => h.uuid === HOST_1)?.name).toBe('host-1-old')
    expect(topology.names('demo').hosts.get(HOST_1)).toBe('host-1')
    api.getTopology.mockResolvedValueOnce(ok(renamed('host-1-new')))
    await topology.ensure('demo')
    expect(topology.names('demo').hosts.get(HOST_1)).toBe('host-1-new')
    expect(api.getTopology).toHaveBeenCalledTimes(3)
  })

  it('forgets a removed cluster, even when its answer arrives afterwards', async () => {
    const clusters = useClustersStore()
    await clusters.load()
    const topology = useTopologyStore()
    let answer!: (value: Result<Topology>) => void
    api.getTopology.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
    const loading = topology.ensure('lab')
    await clusters.remove('lab')
    answer(ok(TOPOLOGY))
    await loading
    expect(topology.of('lab')).toBeUndefined()
    expect(topology.names('lab').hosts.size).toBe(0)
  })
})
