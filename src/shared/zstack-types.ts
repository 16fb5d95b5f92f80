// ZStack inventory shapes as a 5.x management node returns them (see shared/reference/ZSTACK_API.md §6).

export type VmState =
  | 'Created'
  | 'Starting'
  | 'Running'
  | 'Stopping'
  | 'Stopped'
  | 'Rebooting'
  | 'Destroying'
  | 'Destroyed'
  | 'Migrating'
  | 'Expunging'
  | 'Pausing'
  | 'Paused'
  | 'Resuming'
  | 'VolumeMigrating'
  | 'VolumeRecovering'
  | 'Error'
  | 'NoState'
  | 'Unknown'
  | 'Crashed'

export const VM_STATES: readonly VmState[] = [
  'Created',
  'Starting',
  'Running',
  'Stopping',
  'Stopped',
  'Rebooting',
  'Destroying',
  'Destroyed',
  'Migrating',
  'Expunging',
  'Pausing',
  'Paused',
  'Resuming',
  'VolumeMigrating',
  'VolumeRecovering',
  'Error',
  'NoState',
  'Unknown',
  'Crashed'
]

/** States from which ZStack accepts a live migration. */
export const MIGRATABLE_VM_STATES: readonly VmState[] = ['Running', 'Paused', 'Unknown']

export interface VmNicInventory {
  uuid: string
  vmInstanceUuid: string
  l3NetworkUuid: string
  usedIpUuid?: string
  ip?: string
  mac: string
  netmask?: string
  gateway?: string
  hypervisorType?: string
  deviceId: number
  state?: string
  createDate?: string
  lastOpDate?: string
}

export interface VolumeInventory {
  uuid: string
  name: string
  description?: string
  primaryStorageUuid?: string | null
  vmInstanceUuid?: string | null
  diskOfferingUuid?: string | null
  rootImageUuid?: string | null
  installPath?: string
  type: 'Root' | 'Data' | string
  format?: string
  size: number
  actualSize?: number
  deviceId?: number
  state?: string
  status?: string
  createDate?: string
  lastOpDate?: string
}

export interface VmCdRomInventory {
  uuid: string
  vmInstanceUuid: string
  deviceId: number
  isoUuid?: string | null
  name?: string
}

export interface VmInventory {
  uuid: string
  name: string
  description?: string
  zoneUuid?: string
  clusterUuid?: string
  imageUuid?: string | null
  hostUuid?: string | null
  lastHostUuid?: string | null
  instanceOfferingUuid?: string | null
  rootVolumeUuid?: string | null
  platform?: string
  architecture?: string
  defaultL3NetworkUuid?: string | null
  type: 'UserVm' | 'ApplianceVm' | string
  hypervisorType?: string
  memorySize: number
  cpuNum: number
  cpuSpeed?: number
  allocatorStrategy?: string
  createDate?: string
  lastOpDate?: string
  state: VmState | string
  vmNics?: VmNicInventory[]
  allVolumes?: VolumeInventory[]
  vmCdRoms?: VmCdRomInventory[]
}

export type HostState = 'Enabled' | 'Disabled' | 'PreMaintenance' | 'Maintenance'
export type HostStatus = 'Connecting' | 'Connected' | 'Disconnected'

export interface HostInventory {
  uuid: string
  name: string
  description?: string
  zoneUuid: string
  clusterUuid: string
  managementIp: string
  hypervisorType: string
  state: HostState | string
  status: HostStatus | string
  totalCpuCapacity: number
  availableCpuCapacity: number
  totalMemoryCapacity: number
  availableMemoryCapacity: number
  cpuNum?: number
  cpuSockets?: number
  architecture?: string
  createDate?: string
  lastOpDate?: string
}

export interface ZoneInventory {
  uuid: string
  name: string
  description?: string
  state?: string
  type?: string
  isDefault?: boolean
}

/** An L3 network as the inspector needs it (the query asks for these fields only). */
export interface L3NetworkInventory {
  uuid: string
  name: string
  zoneUuid?: string
  category?: string
  system?: boolean
}

export interface ClusterInventory {
  uuid: string
  name: string
  description?: string
  state?: string
  hypervisorType?: string
  zoneUuid: string
  architecture?: string
}

export interface PrimaryStorageInventory {
  uuid: string
  name: string
  type: string
  zoneUuid?: string
  attachedClusterUuids: string[]
  totalCapacity?: number
  availableCapacity?: number
  state?: string
  status?: string
}

/** The `error` object of a 503 reply, with its cause chain. */
export interface ZStackErrorInfo {
  code: string
  description?: string
  details?: string
  elaboration?: string
  cause?: ZStackErrorInfo
  causes?: ZStackErrorInfo[]
}
