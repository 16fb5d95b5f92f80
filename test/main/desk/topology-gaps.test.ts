// A node that refuses one query (ID.1002, as for a restricted account) costs only that part: names, the plan and
// its candidates still come; the plan says what it lacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../src/simulator'
import { plainlyMigratableOn } from '../../support/plain-migratable'
import { failure, removeDir, startDesk, unwrap, type DeskFixture } from './support/desk-fixture'

const DEMO = 'demo'
let f: DeskFixture
let sim: RunningSimulator

beforeAll(async () => {
  f = await startDesk({ demoSimulator: { vms: 60, deniedQueries: ['primary-storage'] } })
  await f.runtime.demo.ensure()
  sim = f.runtime.demo.running()!
})
afterAll(async () => {
  await f.dispose()
  removeDir(f.dataDir)
})

const migratable = () => sim.findVms(plainlyMigratableOn(sim))

describe('topology and plan without a part', () => {
  it('loads zones, clusters and hosts when primary storage answers ID.1002, and names the gap', async () => {
    const topology = unwrap(await f.api.getTopology({ profileId: DEMO }))
    expect(topology.zones.length).toBeGreaterThan(0)
    expect(topology.clusters.length).toBeGreaterThan(0)
    expect(topology.hosts.length).toBeGreaterThan(0)
    expect(topology.primaryStorage).toEqual([])
    expect(topology.gaps).toEqual([
      {
        part: 'primaryStorage',
        error: expect.objectContaining({ zstack: expect.objectContaining({ code: 'ID.1002' }) })
      }
    ])
    // Not kept: the next look asks the node again.
    const requests = sim.stats().requests
    unwrap(await f.api.getTopology({ profileId: DEMO }))
    expect(sim.stats().requests - requests).toBe(4)
  })

  it('a plan still offers candidates with cluster names and explains the others, only the storage reason lost', async () => {
    const vm = migratable()[0]!
    const plan = unwrap(await f.api.getMigrationPlan({ profileId: DEMO, vmUuid: vm.uuid }))
    expect(plan.candidates.length).toBeGreaterThan(0)
    for (const option of plan.candidates) expect(option.clusterName).toMatch(/^cluster-/)
    expect(plan.current.hostName).toMatch(/^host-/)
    for (const option of plan.others) expect(option.reasons).not.toContain('storage-not-attached')
    expect(plan.gaps?.map((gap) => gap.part)).toEqual(['primaryStorage'])
  })

  it('when hosts cannot be listed either, ZStack own candidates still stand', async () => {
    sim.setOptions({ deniedQueries: ['primary-storage', 'hosts'] })
    try {
      const vm = migratable()[1]!
      const plan = unwrap(await f.api.getMigrationPlan({ profileId: DEMO, vmUuid: vm.uuid }))
      expect(plan.candidates.length).toBeGreaterThan(0)
      expect(plan.others).toEqual([])
      expect(plan.gaps?.map((gap) => gap.part).sort()).toEqual(['hosts', 'primaryStorage'])
      expect(plan.gaps?.every((gap) => gap.error.zstack?.code === 'ID.1002')).toBe(true)
    } finally {
      sim.setOptions({ deniedQueries: ['primary-storage'] })
    }
  })

  it('L3 networks refused (ID.1002) fail on their own: the topology still loads, the NICs keep their uuids', async () => {
    sim.setOptions({ deniedQueries: ['primary-storage', 'l3-networks'] })
    try {
      const denied = failure(await f.api.getL3Networks({ profileId: DEMO }))
      expect(denied.zstack?.code).toBe('ID.1002')
      expect(unwrap(await f.api.getTopology({ profileId: DEMO })).hosts.length).toBeGreaterThan(0)
    } finally {
      sim.setOptions({ deniedQueries: ['primary-storage'] })
    }
    // A refusal is not kept: allowed again, the names come.
    expect(unwrap(await f.api.getL3Networks({ profileId: DEMO })).length).toBeGreaterThan(0)
  })
})
