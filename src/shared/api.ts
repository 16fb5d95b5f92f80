// The one contract between the renderer and main: every call, every event, every shape.
import type { AppError, Result } from './result'
import type {
  ClusterInventory,
  HostInventory,
  PrimaryStorageInventory,
  VmInventory,
  VmState,
  ZoneInventory
} from './zstack-types'
import type {
  ClusterProfile,
  ConnectionReport,
  ExportedProfiles,
  ImportReport,
  ProfileInput,
  ProfileListing,
  SessionState
} from './profile-types'
import type { MigrateParams, MigrationPlan, MigrationRecord } from './migration-types'

export type * from './result'
export type * from './zstack-types'
export type * from './profile-types'
export type * from './migration-types'

export interface AppInfo {
  name: string
  version: string
  transport: 'electron' | 'web'
  platform: string
}

export interface ProfileRef {
  profileId: string
}

export interface VmRef extends ProfileRef {
  vmUuid: string
}

export type SortDirection = 'asc' | 'desc'

export const VM_SORT_FIELDS = ['name', 'state', 'cpuNum', 'memorySize', 'createDate'] as const
export type VmSortField = (typeof VM_SORT_FIELDS)[number]

/** A server-side page of VMs: every filter becomes a `q=` condition. */
export interface VmQuery extends ProfileRef {
  /** Matched against name, UUID or IP, chosen by its shape (see main/zstack/vm-search.ts). */
  search?: string
  states?: VmState[]
  zoneUuid?: string
  clusterUuid?: string
  hostUuid?: string
  /** Appliance VMs (virtual routers) are hidden unless asked for. */
  includeAppliance?: boolean
  start: number
  limit: number
  sort?: { field: VmSortField; direction: SortDirection }
  /** Top-level VM fields to fetch; all when absent. */
  fields?: string[]
  replyWithCount?: boolean
}

export interface Page<T> {
  items: T[]
  total?: number
}

/** Names and placement of the cluster's zones, clusters and hosts, fetched once per cluster. */
export type TopologyPart = 'zones' | 'clusters' | 'hosts' | 'primaryStorage'

/** A part of the topology the node would not give (ID.1002 for a restricted account, 404 on an older node). */
export interface TopologyGap {
  part: TopologyPart
  error: import('./result').AppError
}

export interface Topology {
  zones: ZoneInventory[]
  clusters: ClusterInventory[]
  hosts: HostInventory[]
  primaryStorage: PrimaryStorageInventory[]
  /** The parts that failed, each loaded (and failing) on its own; their lists are empty. */
  gaps?: TopologyGap[]
}

export interface MigrateRequest extends VmRef {
  params: MigrateParams
}

export interface ListMigrationsRequest {
  profileId?: string
}

export interface ImportRequest {
  content: string
  fileName?: string
}

export interface ExportRequest {
  profileIds?: string[]
  format: 'json' | 'yaml'
}

export interface TestConnectionRequest {
  profile: ProfileInput
}

export interface SignInRequest extends ProfileRef {
  accountName: string
  password: string
  rememberPassword: boolean
}

/** Every call the renderer may make. Each takes at most one plain object and resolves to a Result. */
export interface DeskApi {
  getAppInfo(): Promise<Result<AppInfo>>

  listProfiles(): Promise<Result<ProfileListing>>
  saveProfile(input: ProfileInput): Promise<Result<ClusterProfile>>
  deleteProfile(req: ProfileRef): Promise<Result<null>>
  importProfiles(req: ImportRequest): Promise<Result<ImportReport>>
  exportProfiles(req: ExportRequest): Promise<Result<ExportedProfiles>>
  testConnection(req: TestConnectionRequest): Promise<Result<ConnectionReport>>

  getSessions(): Promise<Result<SessionState[]>>
  signIn(req: SignInRequest): Promise<Result<SessionState>>
  signOut(req: ProfileRef): Promise<Result<SessionState>>

  queryVms(req: VmQuery): Promise<Result<Page<VmInventory>>>
  getVm(req: VmRef): Promise<Result<VmInventory>>
  getTopology(req: ProfileRef): Promise<Result<Topology>>
  startVm(req: VmRef): Promise<Result<VmInventory>>
  stopVm(req: VmRef): Promise<Result<VmInventory>>

  getMigrationPlan(req: VmRef): Promise<Result<MigrationPlan>>
  migrateVm(req: MigrateRequest): Promise<Result<MigrationRecord>>
  listMigrations(req: ListMigrationsRequest): Promise<Result<MigrationRecord[]>>
}

export type DeskApiMethod = keyof DeskApi

/** The methods in a fixed order: the preload and the web host build their bridges from it. */
export const DESK_API_METHODS = [
  'getAppInfo',
  'listProfiles',
  'saveProfile',
  'deleteProfile',
  'importProfiles',
  'exportProfiles',
  'testConnection',
  'getSessions',
  'signIn',
  'signOut',
  'queryVms',
  'getVm',
  'getTopology',
  'startVm',
  'stopVm',
  'getMigrationPlan',
  'migrateVm',
  'listMigrations'
] as const satisfies readonly DeskApiMethod[]

/** Events main pushes to the renderer. */
export interface DeskEvents {
  'migration:update': MigrationRecord
  'session:changed': SessionState
  'profiles:changed': ProfileListing
  notice: { level: 'info' | 'warning' | 'error'; message: string; error?: AppError }
}

export type DeskEventName = keyof DeskEvents

export const DESK_EVENT_NAMES = [
  'migration:update',
  'session:changed',
  'profiles:changed',
  'notice'
] as const satisfies readonly DeskEventName[]

/** What the preload exposes as `window.zstack` and the web transport implements. */
export interface DeskBridge extends DeskApi {
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void
}
