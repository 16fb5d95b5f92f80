// The fleet health view, the fleet filters' query, counts in words, and the sidebar order the user arranges.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api as realApi } from '@renderer/api'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import ActivityRow from '@renderer/features/activity/ActivityRow.vue'
import { useClustersStore } from '@renderer/stores/clusters'
import { useFleetStore } from '@renderer/stores/fleet'
import { i18n } from '@renderer/i18n'
import type { ClusterHealth, ClusterProfile, FleetQuery, MigrationRecord } from '../../../src/shared/api'
import { appError } from '../../../src/shared/error-kinds'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { DEMO, LAB, PROD } from '../vms-support/fixtures'
import { allByTestId, byTestId, click, freshPinia, mountInApp, settle } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const health = (profileId: string, name: string, patch: Partial<ClusterHealth> = {}): ClusterHealth => ({
  profileId,
  name,
  session: 'signed-in',
  vmsByState: { Running: 3, Stopped: 1 },
  hostsByState: { Enabled: 2, Maintenance: 1 },
  hostsByStatus: { Connected: 2, Disconnected: 1 },
  memory: { used: 8 * 1024 ** 3, total: 32 * 1024 ** 3 },
  cpu: { used: 6, total: 24 },
  refreshedAt: new Date().toISOString(),
  ...patch
})

let mounted: ReturnType<typeof mountInApp> | undefined
beforeEach(() => {
  localStorage.clear()
  api.reset()
})
afterEach(() => {
  mounted?.unmount()
  mounted = undefined
})

describe('fleet health view', () => {
  it('shows each cluster’s VMs by state, hosts by state and status, memory, vCPU and session', async () => {
    api.getFleetHealth.mockResolvedValue(
      ok({
        clusters: [
          health('prod', 'Production'),
          health('lab', 'Lab', {
            session: 'unreachable',
            stale: true,
            vmsByState: { Running: 1 },
            refreshedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
            error: appError('noAnswerInTime', { address: 'lab', seconds: 3 })
          })
        ]
      })
    )
    mounted = mountInApp(WorkspaceView)
    useFleetStore().openHealth()
    await settle()
    const rows = allByTestId('fleet-health-row')
    expect(rows.map((r) => r.dataset.profile)).toEqual(['prod', 'lab'])
    const prod = rows[0]!
    expect(prod.querySelector('[data-testid="fleet-health-vms"]')!.textContent).toContain('4 VMs')
    expect(prod.querySelector('[data-testid="fleet-health-state-Running"]')!.textContent).toContain(
      'Running 3'
    )
    const hosts = prod.querySelector('[data-testid="fleet-health-hosts"]')!.textContent
    expect(hosts).toContain('3 hosts')
    expect(hosts).toContain('Maintenance 1')
    expect(hosts).toContain('Disconnected 1')
    expect(prod.querySelector('[data-testid="fleet-health-memory"]')!.textContent).toContain(
      '8 GiB of 32 GiB (25%)'
    )
    expect(prod.querySelector('[data-testid="fleet-health-cpu"]')!.textContent).toContain('6 of 24 (25%)')
    const lab = rows[1]!
    // One VM is one VM; an old answer says its age and why it is old.
    expect(lab.querySelector('[data-testid="fleet-health-vms"]')!.textContent!.trim()).toBe('1 VM')
    expect(lab.dataset.session).toBe('unreachable')
    expect(lab.textContent).toContain('Unreachable')
    expect(lab.textContent).toContain('last known, 5 min ago')
  })

  it('a number clicked opens the list of that cluster’s VMs in that state', async () => {
    api.getFleetHealth.mockResolvedValue(ok({ clusters: [health('prod', 'Production')] }))
    mounted = mountInApp(WorkspaceView)
    const fleet = useFleetStore()
    fleet.openHealth()
    await settle()
    click(byTestId('fleet-health-state-Stopped'))
    await settle()
    expect(fleet.view).toBe('list')
    expect(byTestId('fleet-view')).not.toBeNull()
    const query = api.queryFleetVms.mock.calls.at(-1)![0] as FleetQuery
    expect(query).toMatchObject({ profileIds: ['prod'], states: ['Stopped'], start: 0 })
    expect(query.zoneUuid).toBeUndefined()
  })

  it('asks for a zone, ZStack cluster or host only within one chosen cluster, and counts in words', async () => {
    api.queryFleetVms.mockResolvedValue(
      ok({
        items: [],
        total: 1,
        clusters: [{ profileId: 'prod', name: 'Production', state: 'answered', total: 1 }]
      })
    )
    mounted = mountInApp(WorkspaceView)
    const fleet = useFleetStore()
    fleet.open()
    await settle()
    expect(byTestId('fleet-total')!.textContent).toBe('1 VM in 1 cluster')
    expect(byTestId('fleet-status-prod')!.textContent).toContain('Production: 1 VM')
    const ZONE = '0123456789abcdef0123456789abcdef'
    const CLUSTER = '1123456789abcdef0123456789abcdef'
    const HOST = '2123456789abcdef0123456789abcdef'
    fleet.setPlace('zone', ZONE)
    await settle()
    // No cluster chosen: the zone waits, never sent to every cluster.
    expect(api.queryFleetVms.mock.calls.at(-1)![0]).not.toHaveProperty('zoneUuid')
    fleet.setScope('prod')
    fleet.setPlace('zone', ZONE)
    fleet.setPlace('cluster', CLUSTER)
    fleet.setPlace('host', HOST)
    await settle()
    expect(api.queryFleetVms.mock.calls.at(-1)![0]).toMatchObject({
      profileIds: ['prod'],
      zoneUuid: ZONE,
      clusterUuid: CLUSTER,
      hostUuid: HOST
    })
    // A zone chosen anew drops the ZStack cluster and host within the old one; another cluster drops them all.
    fleet.setPlace('zone', null)
    await settle()
    expect(api.queryFleetVms.mock.calls.at(-1)![0]).not.toHaveProperty('hostUuid')
    expect(api.queryFleetVms.mock.calls.at(-1)![0]).not.toHaveProperty('clusterUuid')
    fleet.setPlace('host', HOST)
    fleet.setScope(null)
    await settle()
    expect(api.queryFleetVms.mock.calls.at(-1)![0]).not.toHaveProperty('hostUuid')
    expect(fleet.hostUuid).toBeNull()
    i18n.global.locale.value = 'zh-CN'
    await settle()
    expect(byTestId('fleet-total')!.textContent).toBe('1 个集群中共 1 台云主机')
    i18n.global.locale.value = 'en'
  })
})

describe('sidebar order', () => {
  const P1: ClusterProfile = { ...LAB, id: 'p1', name: 'One', folder: undefined }
  const listing = (profiles: ClusterProfile[], demoHidden = false) =>
    ok({ profiles, notices: [], ...(demoHidden ? { demoHidden } : {}) })

  beforeEach(() => {
    freshPinia()
    api.listProfiles.mockResolvedValue(listing([DEMO, P1, LAB, PROD]))
  })

  it('moves a profile within its folder and sends main the whole order; at an edge nothing is sent', async () => {
    const clusters = useClustersStore()
    await clusters.load()
    api.arrangeProfiles.mockImplementation(async ({ profileIds }: { profileIds: string[] }) =>
      listing(profileIds.map((id) => [DEMO, P1, LAB, PROD].find((p) => p.id === id)!))
    )
    await clusters.move('prod', { delta: -1 })
    expect(api.arrangeProfiles).toHaveBeenLastCalledWith({ profileIds: ['demo', 'p1', 'prod', 'lab'] })
    expect(clusters.groups.map((g) => g.profiles.map((p) => p.id))).toEqual([
      ['demo', 'p1'],
      ['prod', 'lab']
    ])
    // The first in its folder goes no higher: it never jumps into another folder.
    expect(await clusters.move('prod', { delta: -1 })).toBeNull()
    expect(await clusters.move('demo', { beforeId: 'lab' })).toBeNull()
    expect(await clusters.move('demo', { beforeId: 'demo' })).toBeNull()
    expect(api.arrangeProfiles).toHaveBeenCalledTimes(1)
    await clusters.move('p1', { beforeId: 'demo' })
    expect(api.arrangeProfiles).toHaveBeenLastCalledWith({ profileIds: ['p1', 'demo', 'prod', 'lab'] })
  })

  it('a refused order changes nothing on screen', async () => {
    const clusters = useClustersStore()
    await clusters.load()
    api.arrangeProfiles.mockResolvedValue({
      ok: false,
      error: appError('profileOrderMismatch', { ids: 'lab' })
    })
    const result = await clusters.move('lab', { delta: 1 })
    expect(result?.ok).toBe(false)
    expect(clusters.profiles.map((p) => p.id)).toEqual(['demo', 'p1', 'lab', 'prod'])
  })

  it('hides the Demo (and leaves it if it was open), keeps it in the order sent, and folds folders across restarts', async () => {
    const clusters = useClustersStore()
    await clusters.load()
    clusters.select('demo')
    api.setDemoHidden.mockResolvedValue(listing([DEMO, P1, LAB, PROD], true))
    await clusters.setDemoHidden(true)
    expect(clusters.selectedProfileId).toBeNull()
    expect(clusters.groups.flatMap((g) => g.profiles.map((p) => p.id))).toEqual(['p1', 'lab', 'prod'])
    api.arrangeProfiles.mockResolvedValue(listing([DEMO, LAB, P1, PROD], true))
    // Dropped on the next one: it takes that one's place; the hidden Demo keeps its own.
    await clusters.move('lab', { beforeId: 'prod' })
    expect(api.arrangeProfiles).toHaveBeenLastCalledWith({ profileIds: ['demo', 'p1', 'prod', 'lab'] })

    clusters.toggleFolder('Beijing')
    expect(clusters.collapsed.has('Beijing')).toBe(true)
    freshPinia()
    const again = useClustersStore()
    await again.load()
    expect(again.collapsed.has('Beijing')).toBe(true)
  })
})

describe('Activity', () => {
  it('marks a Demo cluster migration as Demo, and no other', async () => {
    const record = (profileId: string): MigrationRecord =>
      ({
        id: `m-${profileId}`,
        profileId,
        profileName: profileId,
        vmUuid: '0123456789abcdef0123456789abcdef',
        vmName: 'web-1',
        state: 'succeeded',
        params: {},
        before: { hostUuid: 'h1', hostName: 'host-1', vmState: 'Running' },
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString()
      }) as unknown as MigrationRecord
    mounted = mountInApp(ActivityRow, { record: record('demo') })
    await settle()
    expect(byTestId('row-demo')!.textContent!.trim()).toBe('Demo')
    mounted.unmount()
    mounted = mountInApp(ActivityRow, { record: record('prod') })
    await settle()
    expect(byTestId('row-demo')).toBeNull()
  })
})
