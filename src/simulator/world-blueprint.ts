// The fixed shape of the demo cloud (zones, clusters, storage, names); the seed only varies the details.
import type { HostState, HostStatus, PrimaryStorageType, VmState } from './types'

/** The well-known uuid of ZStack's built-in admin account. */
export const ADMIN_ACCOUNT_UUID = '36c27e8ff05c4780bf6d2fa65700f22e'

export interface PrimaryStorageBlueprint {
  key: string
  name: string
  type: PrimaryStorageType
  url: string
}

export interface ClusterBlueprint {
  key: string
  name: string
  hypervisorType: 'KVM' | 'ESX'
  /** Share of the user VMs placed here. */
  weight: number
  /** Primary storage keys attached to this cluster; local storage is always cluster-private. */
  storage: string[]
  /** Host states/statuses beyond the first host; the rest are Enabled/Connected. */
  specialHosts?: readonly (readonly [HostState, HostStatus])[]
  /** Its first host is packed until almost no memory is left. */
  nearlyFullHost?: boolean
  /** A fixed number of hosts instead of one per ~28 VMs. */
  hostCount?: number
}

export interface ZoneBlueprint {
  key: string
  name: string
  description: string
  storage: PrimaryStorageBlueprint[]
  clusters: ClusterBlueprint[]
  l3Names: string[]
}

export const ZONE_BLUEPRINTS: readonly ZoneBlueprint[] = [
  {
    key: 'bj',
    name: 'zone-beijing',
    description: 'Beijing Yizhuang data centre',
    storage: [
      { key: 'ceph-bj', name: 'ps-ceph-bj', type: 'Ceph', url: 'ceph://ceph-bj-mon-01:6789' },
      { key: 'local-bj-dev', name: 'ps-local-bj-dev', type: 'LocalStorage', url: '/zstack_ps' },
      { key: 'nfs-bj-vmware', name: 'ps-nfs-bj-vmware', type: 'NFS', url: '172.20.0.30:/export/vmware' }
    ],
    clusters: [
      {
        key: 'a',
        name: 'cluster-prod-a',
        hypervisorType: 'KVM',
        weight: 22,
        storage: ['ceph-bj'],
        specialHosts: [
          ['Maintenance', 'Connected'],
          ['PreMaintenance', 'Connected'],
          ['Disabled', 'Connected'],
          ['Enabled', 'Disconnected'],
          ['Enabled', 'Connecting']
        ]
      },
      {
        key: 'b',
        name: 'cluster-prod-b',
        hypervisorType: 'KVM',
        weight: 18,
        storage: ['ceph-bj'],
        nearlyFullHost: true
      },
      {
        key: 'dev',
        name: 'cluster-dev-a',
        hypervisorType: 'KVM',
        weight: 10,
        storage: ['local-bj-dev', 'ceph-bj']
      },
      { key: 'esx', name: 'cluster-vmware-a', hypervisorType: 'ESX', weight: 5, storage: ['nfs-bj-vmware'] }
    ],
    l3Names: ['l3-bj-prod', 'l3-bj-dev', 'l3-bj-dmz']
  },
  {
    key: 'sh',
    name: 'zone-shanghai',
    description: 'Shanghai Jinqiao data centre',
    storage: [
      { key: 'nfs-sh', name: 'ps-nfs-sh', type: 'NFS', url: '172.21.0.20:/export/zstack' },
      { key: 'sblk-sh-db', name: 'ps-sharedblock-sh-db', type: 'SharedBlock', url: 'sharedblock://sh-db-vg' },
      { key: 'local-sh-edge', name: 'ps-local-sh-edge', type: 'LocalStorage', url: '/zstack_ps' },
      { key: 'local-sh-gpu', name: 'ps-local-sh-gpu', type: 'LocalStorage', url: '/zstack_ps' }
    ],
    clusters: [
      { key: 'c', name: 'cluster-prod-c', hypervisorType: 'KVM', weight: 18, storage: ['nfs-sh'] },
      {
        key: 'd',
        name: 'cluster-prod-d',
        hypervisorType: 'KVM',
        weight: 12,
        storage: ['nfs-sh'],
        specialHosts: [['Disabled', 'Connected']]
      },
      { key: 'db', name: 'cluster-db-a', hypervisorType: 'KVM', weight: 9, storage: ['sblk-sh-db'] },
      { key: 'edge', name: 'cluster-edge-a', hypervisorType: 'KVM', weight: 6, storage: ['local-sh-edge'] },
      // One GPU host on local storage: its VMs have nowhere to migrate to.
      {
        key: 'gpu',
        name: 'cluster-gpu-a',
        hypervisorType: 'KVM',
        weight: 0,
        storage: ['local-sh-gpu'],
        hostCount: 1
      }
    ],
    l3Names: ['l3-sh-prod', 'l3-sh-db', 'l3-sh-edge']
  }
]

export const NAME_PREFIXES: readonly (readonly [prefix: string, weight: number, description: string])[] = [
  ['web-prod', 16, 'nginx front end'],
  ['web-staging', 7, 'nginx front end (staging)'],
  ['api-prod', 10, 'REST API service'],
  ['api-staging', 4, 'REST API service (staging)'],
  ['db-prod', 6, 'MySQL 8 primary or replica'],
  ['db-staging', 3, 'MySQL 8 (staging)'],
  ['cache-prod', 6, 'redis cache'],
  ['mq-prod', 3, 'RabbitMQ broker'],
  ['worker-batch', 9, 'batch worker'],
  ['k8s-node', 12, 'Kubernetes worker node'],
  ['ci-runner', 7, 'GitLab CI runner'],
  ['analytics', 4, 'ClickHouse analytics'],
  ['jump-host', 1, 'SSH bastion']
]

export const WINDOWS_PREFIXES: readonly (readonly [prefix: string, weight: number, description: string])[] = [
  ['win-ad', 2, 'Active Directory domain controller'],
  ['win-rds', 3, 'Remote Desktop session host'],
  ['win-sql', 2, 'SQL Server']
]

export const LINUX_IMAGES = [
  ['CentOS-7.9-x86_64', 40],
  ['Ubuntu-22.04-server', 40],
  ['Rocky-9.3-x86_64', 50],
  ['Debian-12-genericcloud', 20],
  ['Kylin-V10-SP3', 60]
] as const

export const WINDOWS_IMAGES = [
  ['Windows-Server-2019-Datacenter', 100],
  ['Windows-Server-2022-Standard', 120]
] as const

export const ISO_NAMES = [
  'ubuntu-22.04.4-live-server-amd64.iso',
  'virtio-win-0.1.240.iso',
  'systemrescue-11.00-amd64.iso'
]

export const MEMORY_GB_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 10],
  [2, 20],
  [4, 30],
  [8, 22],
  [16, 12],
  [32, 5],
  [64, 1]
]

export const STATE_WEIGHTS: readonly (readonly [VmState, number])[] = [
  ['Running', 80],
  ['Stopped', 13],
  ['Paused', 2],
  ['Unknown', 1.5],
  ['Starting', 0.4],
  ['Stopping', 0.4],
  ['Migrating', 0.3],
  ['Error', 0.4],
  ['Destroyed', 1]
]

/** Traits forced on a few VMs spread through the list, so every case a test or demo needs exists at any size. */
export interface ShowcaseTraits {
  name?: string
  state?: VmState
  clusterKey?: string
  storage?: 'local' | 'shared'
  dataVolumes?: number
  iso?: boolean
  platform?: 'Linux' | 'Windows'
  memoryGb?: number
}

export const SHOWCASE_VMS: readonly ShowcaseTraits[] = [
  { name: 'promo_50%_off', state: 'Running', clusterKey: 'c' },
  { name: 'promo-500-offline', state: 'Running', clusterKey: 'c' },
  { name: 'db_backup_01', state: 'Stopped', clusterKey: 'a' },
  { name: 'dbxbackupx01', state: 'Running', clusterKey: 'a' },
  { state: 'Paused', clusterKey: 'a' },
  { state: 'Unknown', clusterKey: 'a' },
  { state: 'Starting', clusterKey: 'b' },
  { state: 'Stopping', clusterKey: 'b' },
  { state: 'Migrating', clusterKey: 'c' },
  { state: 'Error', clusterKey: 'd' },
  { state: 'Destroyed', clusterKey: 'd' },
  { state: 'Stopped', clusterKey: 'a', storage: 'shared' },
  { state: 'Running', clusterKey: 'dev', storage: 'local', dataVolumes: 2, iso: false, platform: 'Linux' },
  { state: 'Running', clusterKey: 'dev', storage: 'local', dataVolumes: 0, iso: false, platform: 'Linux' },
  { state: 'Running', clusterKey: 'dev', storage: 'local', dataVolumes: 0, iso: true, platform: 'Linux' },
  { state: 'Running', clusterKey: 'dev', storage: 'local', dataVolumes: 0, iso: false, platform: 'Windows' },
  {
    state: 'Running',
    clusterKey: 'dev',
    storage: 'shared',
    dataVolumes: 1,
    iso: false,
    platform: 'Linux',
    memoryGb: 4
  },
  { state: 'Running', clusterKey: 'a', storage: 'shared', platform: 'Windows', iso: false },
  { state: 'Running', clusterKey: 'a', memoryGb: 64, iso: false, platform: 'Linux' },
  { state: 'Running', clusterKey: 'a', memoryGb: 2, iso: false, platform: 'Linux' },
  { state: 'Running', clusterKey: 'c', iso: true },
  { state: 'Running', clusterKey: 'esx' },
  { state: 'Running', clusterKey: 'edge', dataVolumes: 0, iso: false, platform: 'Linux' },
  { state: 'Running', clusterKey: 'gpu', dataVolumes: 0, iso: false, platform: 'Linux', memoryGb: 32 },
  { state: 'Stopped', clusterKey: 'gpu', dataVolumes: 1, iso: false, platform: 'Linux', memoryGb: 16 }
]
