// A small world for the migrate components: one VM, hosts with every exclusion reason, and records.
import type {
  HostInventory,
  HostOption,
  MigrationPlan,
  MigrationRecord,
  VmInventory
} from '../../../src/shared/api'

const GIB = 1024 ** 3

export const uuid = (n: number): string => n.toString(16).padStart(32, '0')

export const VM: VmInventory = {
  uuid: uuid(0xa1),
  name: 'web-01',
  type: 'UserVm',
  state: 'Running',
  cpuNum: 4,
  memorySize: 8 * GIB,
  hostUuid: uuid(1),
  lastHostUuid: null,
  clusterUuid: uuid(0xc1),
  zoneUuid: uuid(0xf1),
  hypervisorType: 'KVM'
}

export function host(n: number, name: string, patch: Partial<HostInventory> = {}): HostInventory {
  return {
    uuid: uuid(n),
    name,
    zoneUuid: uuid(0xf1),
    clusterUuid: uuid(0xc1),
    managementIp: `10.0.0.${n}`,
    hypervisorType: 'KVM',
    state: 'Enabled',
    status: 'Connected',
    totalCpuCapacity: 32,
    availableCpuCapacity: 20,
    totalMemoryCapacity: 128 * GIB,
    availableMemoryCapacity: 64 * GIB,
    ...patch
  }
}

const option = (
  h: HostInventory,
  reasons: HostOption['reasons'] = [],
  clusterName = 'cluster-1'
): HostOption => ({
  host: h,
  clusterName,
  reasons
})

export function plan(patch: Partial<MigrationPlan> = {}): MigrationPlan {
  return {
    vm: VM,
    current: {
      hostUuid: uuid(1),
      hostName: 'host-a',
      clusterUuid: uuid(0xc1),
      clusterName: 'cluster-1',
      zoneUuid: uuid(0xf1),
      zoneName: 'zone-1'
    },
    candidates: [
      option(host(2, 'host-b', { availableCpuCapacity: 6, availableMemoryCapacity: 16 * GIB })),
      option(
        host(3, 'host-c', { availableCpuCapacity: 28, availableMemoryCapacity: 100 * GIB }),
        [],
        'cluster-2'
      )
    ],
    others: [
      option(host(1, 'host-a'), ['current-host']),
      option(host(4, 'host-d', { state: 'Maintenance' }), ['maintenance']),
      option(host(5, 'host-e', { availableMemoryCapacity: 2 * GIB }), ['not-enough-memory']),
      option(host(6, 'host-f', { availableCpuCapacity: 1 }), ['not-enough-cpu']),
      option(host(7, 'host-g', { hypervisorType: 'ESX' }), ['other-hypervisor']),
      option(host(8, 'host-h'), ['storage-not-attached']),
      option(host(9, 'host-i', { status: 'Disconnected' }), ['disconnected']),
      option(host(10, 'host-j', { state: 'Disabled' }), ['disabled'])
    ],
    ...patch
  }
}

export function record(patch: Partial<MigrationRecord> = {}): MigrationRecord {
  return {
    id: 'm1',
    profileId: 'demo',
    profileName: 'Demo',
    vmUuid: VM.uuid,
    vmName: VM.name,
    params: { hostUuid: uuid(2) },
    jobUuid: 'f'.repeat(32),
    state: 'submitted',
    createdAt: '2025-01-01T10:00:00.000Z',
    submittedAt: '2025-01-01T10:00:00.100Z',
    updatedAt: '2025-01-01T10:00:00.100Z',
    polls: 0,
    before: { hostUuid: uuid(1), hostName: 'host-a', clusterName: 'cluster-1', zoneName: 'zone-1' },
    ...patch
  }
}
