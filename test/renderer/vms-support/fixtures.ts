// A small world for the cluster, VM list and inspector components: three profiles, a topology, numbered VMs.
import type { ClusterProfile, Page, SessionState, Topology, VmInventory } from '../../../src/shared/api'

const GIB = 1024 ** 3
export const uuid = (n: number): string => n.toString(16).padStart(32, '0')

export const ZONE = uuid(0xf1)
export const CLUSTER_A = uuid(0xc1)
export const CLUSTER_B = uuid(0xc2)
export const HOST_1 = uuid(0x101)
export const HOST_2 = uuid(0x102)
export const HOST_3 = uuid(0x103)
export const STORAGE = uuid(0x5001)
export const L3_PUBLIC = uuid(0x3001)
/** The L3 networks getL3Networks answers: every fixture NIC is on the first. */
export const L3_NETWORKS = [{ uuid: L3_PUBLIC, name: 'l3-public-east', zoneUuid: ZONE }]

export const DEMO: ClusterProfile = {
  id: 'demo',
  name: 'Demo',
  endpoint: { scheme: 'http', host: '127.0.0.1', port: 8080, path: 'zstack' },
  accountName: 'admin',
  tls: { verify: true },
  timeoutMs: 30_000,
  builtIn: 'demo',
  color: '#1e88e5',
  lastUsedAt: '2025-01-01T00:00:00.000Z'
}

export const PROD: ClusterProfile = {
  id: 'prod',
  name: 'Production',
  endpoint: { scheme: 'https', host: 'zstack.example.com', port: 8443, path: 'zstack' },
  accountName: 'ops',
  folder: 'Beijing',
  tls: { verify: true },
  timeoutMs: 20_000,
  color: '#e53935',
  lastUsedAt: '2025-03-01T00:00:00.000Z'
}

export const LAB: ClusterProfile = {
  id: 'lab',
  name: 'Lab',
  endpoint: { scheme: 'http', host: '10.0.0.5', port: 8080, path: 'zstack' },
  accountName: 'admin',
  folder: 'Beijing',
  tls: { verify: true },
  timeoutMs: 30_000,
  lastUsedAt: '2025-02-01T00:00:00.000Z'
}

export const PROFILES: ClusterProfile[] = [DEMO, LAB, PROD]

export function session(
  profileId: string,
  status: SessionState['status'],
  patch: Partial<SessionState> = {}
): SessionState {
  return {
    profileId,
    status,
    accountName: 'admin',
    rememberPassword: false,
    storage: status === 'signed-out' ? 'none' : 'keychain',
    ...patch
  }
}

export const TOPOLOGY: Topology = {
  zones: [{ uuid: ZONE, name: 'zone-east' }],
  clusters: [
    { uuid: CLUSTER_A, name: 'cluster-kvm-a', zoneUuid: ZONE },
    { uuid: CLUSTER_B, name: 'cluster-kvm-b', zoneUuid: ZONE }
  ],
  hosts: [HOST_1, HOST_2, HOST_3].map((hostUuid, i) => ({
    uuid: hostUuid,
    name: `host-${i + 1}`,
    zoneUuid: ZONE,
    clusterUuid: i < 2 ? CLUSTER_A : CLUSTER_B,
    managementIp: `172.20.0.${i + 1}`,
    hypervisorType: 'KVM',
    state: 'Enabled',
    status: 'Connected',
    totalCpuCapacity: 320,
    availableCpuCapacity: 200,
    totalMemoryCapacity: 256 * GIB,
    availableMemoryCapacity: 128 * GIB
  })),
  primaryStorage: [{ uuid: STORAGE, name: 'ceph-pool-1', type: 'Ceph', attachedClusterUuids: [CLUSTER_A] }]
}

/** VM number n: Stopped when n % 5 === 4, else Running on one of the three hosts. */
export function vm(n: number, patch: Partial<VmInventory> = {}): VmInventory {
  const stopped = n % 5 === 4
  const hostUuid = [HOST_1, HOST_2, HOST_3][n % 3]!
  return {
    uuid: uuid(0xa000 + n),
    name: `vm-${String(n).padStart(3, '0')}`,
    type: 'UserVm',
    state: stopped ? 'Stopped' : 'Running',
    cpuNum: 1 + (n % 8),
    memorySize: (1 + (n % 4)) * GIB,
    hostUuid: stopped ? null : hostUuid,
    lastHostUuid: hostUuid,
    clusterUuid: hostUuid === HOST_3 ? CLUSTER_B : CLUSTER_A,
    zoneUuid: ZONE,
    createDate: 'Nov 14, 2017 10:20:57 PM',
    vmNics: [
      {
        uuid: uuid(0xb000 + n),
        vmInstanceUuid: uuid(0xa000 + n),
        l3NetworkUuid: L3_PUBLIC,
        ip: `10.10.${Math.floor(n / 250)}.${(n % 250) + 10}`,
        mac: `fa:16:3e:00:00:${(n % 256).toString(16).padStart(2, '0')}`,
        netmask: '255.255.0.0',
        gateway: '10.10.0.1',
        deviceId: 0,
        state: 'Enabled'
      }
    ],
    ...patch
  }
}

export function vmPage(start: number, limit: number, total = 137): Page<VmInventory> {
  const items: VmInventory[] = []
  for (let n = start; n < Math.min(total, start + limit); n++) items.push(vm(n))
  return { items, total }
}

/** The full inventory getVm answers, with volumes and the fields the list does not fetch. */
export function fullVm(n: number, patch: Partial<VmInventory> = {}): VmInventory {
  const base = vm(n)
  return {
    ...base,
    platform: 'Linux',
    architecture: 'x86_64',
    hypervisorType: 'KVM',
    imageUuid: uuid(0x1e1),
    lastOpDate: 'Mar 3, 2024 9:05:00 AM',
    allVolumes: [
      {
        uuid: uuid(0xd000 + n),
        name: `ROOT-for-${base.name}`,
        type: 'Root',
        format: 'qcow2',
        size: 40 * GIB,
        actualSize: 10 * GIB,
        installPath: `ceph://pool/${uuid(0xd000 + n)}`,
        primaryStorageUuid: STORAGE,
        deviceId: 0
      },
      {
        uuid: uuid(0xe000 + n),
        name: `data-${base.name}`,
        type: 'Data',
        format: 'raw',
        size: 100 * GIB,
        actualSize: 75 * GIB,
        installPath: `ceph://pool/${uuid(0xe000 + n)}`,
        primaryStorageUuid: STORAGE,
        deviceId: 1
      }
    ],
    ...patch
  }
}
