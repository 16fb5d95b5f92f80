// A host's VMs with the stopped ones it last ran, over real HTTP against the simulator: two ZStack queries merged into
// pages that neither drop nor repeat a VM, in the server's order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import type { ZStackClient } from '../../../src/main/zstack/client-types'
import { compareVms } from '../../../src/main/fleet/fleet-merge'
import { vmQueryRequestSchema } from '../../../src/shared/contract/fields'
import type { VmInventory, VmQuery, VmSortField } from '../../../src/shared/api'
import { profileFor } from './support/profiles'

let sim: RunningSimulator
let client: ZStackClient
let session: string
let hostUuid: string
/** The host's VMs and the stopped VMs last on it, by uuid. */
let onHost: Set<string>
let stoppedThere: Set<string>

type Query = Omit<VmQuery, 'profileId'>

beforeAll(async () => {
  sim = await startSimulator({ vms: 300, seed: 7 })
  client = createZStackClient(profileFor(sim.url), { appVersion: '1.2.3' })
  session = (await client.login('admin', 'password')).sessionUuid
  const users = sim.findVms((vm) => vm.type === 'UserVm')
  const score = (host: string) => {
    const on = users.filter((vm) => vm.hostUuid === host).length
    const stopped = users.filter(
      (vm) => !vm.hostUuid && vm.state === 'Stopped' && vm.lastHostUuid === host
    ).length
    return on > 0 && stopped > 1 ? on + stopped : 0
  }
  const hosts = [...new Set(users.flatMap((vm) => (vm.hostUuid ? [vm.hostUuid] : [])))]
  hostUuid = hosts.reduce((best, host) => (score(host) > score(best) ? host : best))
  expect(score(hostUuid), 'no host has both running and stopped VMs: pick another seed').toBeGreaterThan(0)
  onHost = new Set(users.filter((vm) => vm.hostUuid === hostUuid).map((vm) => vm.uuid))
  stoppedThere = new Set(
    users
      .filter((vm) => !vm.hostUuid && vm.state === 'Stopped' && vm.lastHostUuid === hostUuid)
      .map((vm) => vm.uuid)
  )
})

afterAll(async () => {
  await sim?.stop()
})

/** Every page of `size` rows, in order, with the totals each page reported. */
async function allPages(query: Omit<Query, 'start' | 'limit'>, size: number) {
  const rows: VmInventory[] = []
  const totals = new Set<number | undefined>()
  for (let start = 0; ; start += size) {
    const page = await client.queryVms(session, { ...query, start, limit: size, replyWithCount: true })
    totals.add(page.total)
    rows.push(...page.items)
    if (page.items.length < size) break
  }
  return { rows, totals: [...totals] }
}

const uuids = (rows: readonly VmInventory[]) => rows.map((vm) => vm.uuid)

describe('host filter with the stopped VMs last on the host', () => {
  it('without the option, only the VMs on the host', async () => {
    const { rows } = await allPages({ hostUuid }, 4)
    expect(new Set(uuids(rows))).toEqual(onHost)
  })

  it('unsorted: the VMs on the host, then the stopped ones, every VM once across pages of any size', async () => {
    const expected = new Set([...onHost, ...stoppedThere])
    for (const size of [1, 3, onHost.size, 1000]) {
      const { rows, totals } = await allPages({ hostUuid, includeStoppedOnHost: true }, size)
      expect(uuids(rows), `pages of ${size}`).toHaveLength(expected.size)
      expect(new Set(uuids(rows))).toEqual(expected)
      expect(totals).toEqual([expected.size])
      const firstStopped = rows.findIndex((vm) => stoppedThere.has(vm.uuid))
      expect(firstStopped).toBe(onHost.size)
    }
  })

  it.each<[VmSortField, 'asc' | 'desc']>([
    ['name', 'asc'],
    ['name', 'desc'],
    ['memorySize', 'desc'],
    ['createDate', 'asc'],
    ['state', 'asc'],
    ['hostUuid', 'asc']
  ])('sorted by %s %s: pages continue one merged order', async (field, direction) => {
    const sort = { field, direction }
    const whole = (await allPages({ hostUuid, includeStoppedOnHost: true, sort }, 1000)).rows
    expect(new Set(uuids(whole))).toEqual(new Set([...onHost, ...stoppedThere]))
    for (let i = 1; i < whole.length; i++)
      expect(compareVms(whole[i - 1]!, whole[i]!, sort)).toBeLessThanOrEqual(0)
    // Stopped VMs interleave with the host's VMs (not all after them) when sorted by name.
    if (field === 'name') expect(whole.findIndex((vm) => stoppedThere.has(vm.uuid))).toBeLessThan(onHost.size)
    for (const size of [1, 2, 3, 5]) {
      const { rows, totals } = await allPages({ hostUuid, includeStoppedOnHost: true, sort }, size)
      expect(uuids(rows), `pages of ${size}`).toEqual(uuids(whole))
      expect(totals).toEqual([whole.length])
    }
  })

  it('keeps the other filters: a state filter without Stopped asks for the host only', async () => {
    const { rows } = await allPages({ hostUuid, includeStoppedOnHost: true, states: ['Running'] }, 3)
    expect(rows.every((vm) => vm.state === 'Running' && vm.hostUuid === hostUuid)).toBe(true)
    const { rows: stopped } = await allPages({ hostUuid, includeStoppedOnHost: true, states: ['Stopped'] }, 3)
    expect(new Set(uuids(stopped))).toEqual(stoppedThere)
  })

  it('is refused without a host', () => {
    const refused = vmQueryRequestSchema.safeParse({
      profileId: 'demo',
      start: 0,
      limit: 20,
      includeStoppedOnHost: true
    })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.message).toBe('includeStoppedOnHost needs a hostUuid')
  })
})
