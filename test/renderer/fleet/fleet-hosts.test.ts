// The hosts of a cluster in the fleet health view: what each carries, a count clicked shows those hosts, drain and
// exit maintenance offered only when they can be asked, and why not otherwise.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api as realApi } from '@renderer/api'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import { countByHost, useFleetStore } from '@renderer/stores/fleet'
import { useBatchStore } from '@renderer/stores/batch'
import { clusterBlock, drainBlock, hostMatches } from '@renderer/features/fleet/fleet-hosts'
import { i18n } from '@renderer/i18n'
import type { ClusterHealth, Topology, VmInventory } from '../../../src/shared/api'
import { appError } from '../../../src/shared/error-kinds'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { HOST_1, HOST_2, HOST_3, TOPOLOGY } from '../vms-support/fixtures'
import { $$, allByTestId, byTestId, click, mountInApp, settle } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const health = (patch: Partial<ClusterHealth> = {}): ClusterHealth => ({
  profileId: 'prod',
  name: 'Production',
  session: 'signed-in',
  vmsByState: { Running: 3 },
  hostsByState: { Enabled: 2, Maintenance: 1 },
  hostsByStatus: { Connected: 2, Disconnected: 1 },
  memory: { used: 0, total: 0 },
  cpu: { used: 0, total: 0 },
  refreshedAt: new Date().toISOString(),
  ...patch
})

// host-1 Enabled and Connected, host-2 Enabled but Disconnected, host-3 in Maintenance.
const topology: Topology = {
  ...TOPOLOGY,
  hosts: TOPOLOGY.hosts.map((host) =>
    host.uuid === HOST_2
      ? { ...host, status: 'Disconnected' }
      : host.uuid === HOST_3
        ? { ...host, state: 'Maintenance' }
        : host
  )
}
const vm = (uuid: string, hostUuid: string, state: string) =>
  ({ uuid, hostUuid, state, zoneUuid: TOPOLOGY.zones[0]!.uuid }) as VmInventory

const hostRow = (uuid: string): HTMLElement =>
  $$(`[data-testid="fleet-host-row"][data-host-uuid="${uuid}"]`)[0]!
const drainButton = (uuid: string): HTMLButtonElement =>
  hostRow(uuid).querySelector<HTMLButtonElement>('[data-testid="drain-host"]')!

let mounted: ReturnType<typeof mountInApp> | undefined
beforeEach(() => {
  localStorage.clear()
  api.reset()
  api.getTopology.mockResolvedValue(ok(topology))
  api.queryVms.mockResolvedValue(
    ok({
      items: [
        vm('a', HOST_1, 'Running'),
        vm('b', HOST_1, 'Running'),
        vm('c', HOST_1, 'Paused'),
        vm('d', HOST_2, 'Unknown')
      ]
    })
  )
})
afterEach(() => {
  mounted?.unmount()
  mounted = undefined
})

async function openHostsOf(cluster: ClusterHealth): Promise<void> {
  api.getFleetHealth.mockResolvedValue(ok({ clusters: [cluster] }))
  mounted = mountInApp(WorkspaceView)
  useFleetStore().openHealth()
  await settle()
  const toggle = byTestId('fleet-health-host-toggle')!
  expect(toggle.getAttribute('aria-expanded')).toBe('false')
  click(toggle)
  await settle()
  expect(toggle.getAttribute('aria-expanded')).toBe('true')
}

describe('host rules', () => {
  const signedIn = health()
  const host = { name: 'h', state: 'Enabled', status: 'Connected' }

  it('counts only what a drain moves, by host and state', () => {
    expect(
      countByHost([
        vm('a', HOST_1, 'Running'),
        vm('b', HOST_1, 'Stopped'),
        vm('c', HOST_1, 'Unknown'),
        vm('d', HOST_2, 'Paused'),
        { state: 'Running' } as VmInventory
      ])
    ).toEqual({ [HOST_1]: { Running: 1, Unknown: 1 }, [HOST_2]: { Paused: 1 } })
  })

  it('matches a clicked state or status, or every host', () => {
    expect(hostMatches(host, null)).toBe(true)
    expect(hostMatches(host, 'Connected')).toBe(true)
    expect(hostMatches(host, 'Enabled')).toBe(true)
    expect(hostMatches(host, 'Maintenance')).toBe(false)
  })

  it('says why a drain cannot be asked: the cluster first, then the host', () => {
    expect(drainBlock(signedIn, host)).toBeNull()
    expect(drainBlock(signedIn, { ...host, status: 'Connecting' })?.reason).toBe('notConnected')
    expect(drainBlock(signedIn, { ...host, state: 'PreMaintenance' })?.reason).toBe('maintenance')
    expect(drainBlock(health({ session: 'expired' }), { ...host, status: 'Disconnected' })?.reason).toBe(
      'expired'
    )
    expect(clusterBlock(health({ session: 'signed-out' }))?.reason).toBe('signedOut')
    expect(clusterBlock(health({ session: 'unreachable', stale: true }))?.reason).toBe('unreachable')
    expect(clusterBlock(health({ stale: true }))?.reason).toBe('stale')
  })
})

describe('the hosts of a cluster in fleet health', () => {
  it('lists each host with what it carries; drain is offered on a connected host, exit on one in maintenance', async () => {
    await openHostsOf(health())
    expect(allByTestId('fleet-host-row').map((row) => row.dataset.hostUuid)).toEqual([HOST_1, HOST_2, HOST_3])
    // One paged read of the VMs a drain moves, appliances included.
    expect(api.queryVms).toHaveBeenCalledWith(
      expect.objectContaining({
        profileId: 'prod',
        states: ['Running', 'Paused', 'Unknown'],
        includeAppliance: true,
        start: 0
      })
    )
    expect(hostRow(HOST_1).querySelector('[data-testid="fleet-host-vms"]')!.textContent).toBe(
      '3: Running 2, Paused 1'
    )
    expect(hostRow(HOST_3).querySelector('[data-testid="fleet-host-vms"]')!.textContent).toBe('none')
    expect(hostRow(HOST_1).textContent).toContain('128 GiB of 256 GiB (50%)')
    expect(hostRow(HOST_1).textContent).toContain('120 of 320 (38%)')

    expect(drainButton(HOST_1).disabled).toBe(false)
    expect(drainButton(HOST_1).getAttribute('aria-label')).toBe('Drain host host-1')
    // Disconnected: the drain is off, and the row says why (and the button points to it).
    expect(drainButton(HOST_2).disabled).toBe(true)
    const why = hostRow(HOST_2).querySelector('[data-testid="fleet-host-why"]')!
    expect(why.textContent).toContain('host-2 is Disconnected: ZStack moves VMs only off a connected host.')
    expect(drainButton(HOST_2).getAttribute('aria-describedby')).toBe(why.id)
    // In maintenance: no drain, the exit instead.
    expect(drainButton(HOST_3)).toBeNull()
    const exit = hostRow(HOST_3).querySelector<HTMLButtonElement>('[data-testid="host-exit-maintenance"]')!
    expect(exit.disabled).toBe(false)

    // Drain opens the same plan the host filter opens, for this host of this cluster.
    api.planDrain.mockResolvedValue({
      ok: false,
      error: appError('noAnswerInTime', { address: 'x', seconds: 1 })
    })
    click(drainButton(HOST_1))
    await settle()
    expect(api.planDrain).toHaveBeenCalledWith({ profileId: 'prod', hostUuid: HOST_1 })
    expect(useBatchStore().dialogOpen).toBe(true)
  })

  it('a host count clicked shows those hosts only, until every host is asked for', async () => {
    await openHostsOf(health())
    click(byTestId('fleet-health-hosts')!.querySelector('[data-host-count="Maintenance"]'))
    await settle()
    expect(allByTestId('fleet-host-row').map((row) => row.dataset.hostUuid)).toEqual([HOST_3])
    expect(byTestId('fleet-hosts-filtered')!.textContent).toContain('Showing the Maintenance hosts only.')
    click(byTestId('fleet-health-hosts')!.querySelector('[data-host-count="Disconnected"]'))
    await settle()
    expect(allByTestId('fleet-host-row').map((row) => row.dataset.hostUuid)).toEqual([HOST_2])
    click(byTestId('fleet-hosts-all'))
    await settle()
    expect(allByTestId('fleet-host-row')).toHaveLength(3)
    // The toggle hides the list again.
    click(byTestId('fleet-health-host-toggle'))
    await settle()
    expect(byTestId('fleet-hosts')).toBeNull()
  })

  it('with the session expired every action is off and the cluster says why, in both languages', async () => {
    await openHostsOf(health({ session: 'expired', stale: true }))
    const blocked = byTestId('fleet-hosts-blocked')!
    expect(blocked.textContent).toContain(
      'The session of Production expired: sign in again to drain its hosts.'
    )
    expect(drainButton(HOST_1).disabled).toBe(true)
    expect(drainButton(HOST_1).getAttribute('aria-describedby')).toBe(blocked.id)
    const exit = hostRow(HOST_3).querySelector<HTMLButtonElement>('[data-testid="host-exit-maintenance"]')!
    expect(exit.disabled).toBe(true)
    expect(exit.getAttribute('aria-describedby')).toBe(blocked.id)
    i18n.global.locale.value = 'zh-CN'
    await settle()
    expect(byTestId('fleet-hosts-blocked')!.textContent).toContain('Production 的会话已过期')
    expect(hostRow(HOST_3).querySelector('[data-testid="fleet-host-state"]')!.textContent).toBe('维护模式')
    i18n.global.locale.value = 'en'
  })

  it('counts that could not be read say so, and the hosts still show', async () => {
    api.queryVms.mockResolvedValue({
      ok: false,
      error: appError('noAnswerInTime', { address: 'x', seconds: 3 })
    })
    await openHostsOf(health())
    expect(byTestId('fleet-hosts-vms-error')!.textContent).toContain('could not be counted')
    expect(hostRow(HOST_1).querySelector('[data-testid="fleet-host-vms"]')!.textContent).toBe('—')
  })
})
