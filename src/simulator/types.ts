// Inventory shapes the simulator serves, field for field as a ZStack 5.2.1 node returns them (ZSTACK_API.md §6).

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

export type HostState = 'Enabled' | 'Disabled' | 'PreMaintenance' | 'Maintenance'
export type HostStatus = 'Connecting' | 'Connected' | 'Disconnected'
export type PrimaryStorageType = 'LocalStorage' | 'NFS' | 'Ceph' | 'SharedBlock'

/** One address of a NIC (UsedIpInventory). */
export interface UsedIpInventory {
  uuid: string
  ipRangeUuid: string
  l3NetworkUuid: string
  ipVersion: number
  ip: string
  netmask: string
  gateway: string
  usedFor: string
  ipInLong: number
  vmNicUuid: string
  createDate: string
  lastOpDate: string
}

export interface VmNicInventory {
  uuid: string
  vmInstanceUuid: string
  usedIpUuid: string
  usedIps: UsedIpInventory[]
  type: string
  l3NetworkUuid: string
  ip: string
  mac: string
  hypervisorType: string
  netmask: string
  gateway: string
  deviceId: number
  state: string
  internalName: string
  createDate: string
  lastOpDate: string
}

export interface VolumeInventory {
  uuid: string
  name: string
  description: string
  primaryStorageUuid: string
  vmInstanceUuid: string
  diskOfferingUuid: string | null
  rootImageUuid: string | null
  installPath: string
  type: 'Root' | 'Data'
  format: string
  size: number
  actualSize: number
  deviceId: number
  state: string
  status: string
  isShareable: boolean
  /** The VM it was last attached to, and when; a root volume was never detached so has no lastDetachDate. */
  lastVmInstanceUuid: string
  lastAttachDate: string
  /** The volume's QoS text when one is set (absent, so omitted, otherwise). */
  volumeQos: string | null
  createDate: string
  lastOpDate: string
}

export interface VmCdRomInventory {
  uuid: string
  vmInstanceUuid: string
  deviceId: number
  isoUuid: string | null
  isoInstallPath: string | null
  name: string
  createDate: string
  lastOpDate: string
}

export interface VmInventory {
  uuid: string
  name: string
  description: string
  zoneUuid: string
  clusterUuid: string
  imageUuid: string
  hostUuid: string | null
  lastHostUuid: string | null
  instanceOfferingUuid: string | null
  rootVolumeUuid: string
  platform: string
  architecture: string
  defaultL3NetworkUuid: string
  type: 'UserVm' | 'ApplianceVm'
  hypervisorType: string
  memorySize: number
  cpuNum: number
  cpuSpeed: number
  allocatorStrategy: string
  createDate: string
  lastOpDate: string
  state: VmState
  vmNics: VmNicInventory[]
  allVolumes: VolumeInventory[]
  vmCdRoms: VmCdRomInventory[]
}

export interface HostInventory {
  uuid: string
  name: string
  description: string
  zoneUuid: string
  clusterUuid: string
  managementIp: string
  hypervisorType: string
  state: HostState
  status: HostStatus
  totalCpuCapacity: number
  availableCpuCapacity: number
  totalMemoryCapacity: number
  availableMemoryCapacity: number
  cpuNum: number
  cpuSockets: number
  architecture: string
  ipmiAddress?: string
  ipmiUsername?: string
  ipmiPort?: number
  ipmiPowerStatus?: string
  /** KVMHostInventory only: the SSH login and the host's OS. */
  username?: string
  sshPort?: number
  osDistribution?: string
  osRelease?: string
  osVersion?: string
  createDate: string
  lastOpDate: string
}

export interface ZoneInventory {
  uuid: string
  name: string
  description: string
  state: 'Enabled' | 'Disabled'
  type: string
  isDefault: boolean
  createDate: string
  lastOpDate: string
}

export interface ClusterInventory {
  uuid: string
  name: string
  description: string
  state: 'Enabled' | 'Disabled'
  hypervisorType: string
  zoneUuid: string
  type: string
  architecture: string
  createDate: string
  lastOpDate: string
}

export interface PrimaryStorageInventory {
  uuid: string
  name: string
  description: string
  zoneUuid: string
  url: string
  type: PrimaryStorageType
  state: 'Enabled' | 'Disabled'
  status: 'Connected' | 'Disconnected'
  totalCapacity: number
  availableCapacity: number
  totalPhysicalCapacity: number
  availablePhysicalCapacity: number
  attachedClusterUuids: string[]
  createDate: string
  lastOpDate: string
}
