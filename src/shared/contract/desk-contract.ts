// Every DeskApi method, defined once: its argument schema, its answer type and how main may send it to ZStack.
import { z } from 'zod'
import type { AppInfo, Page, Topology } from '../api'
import type { HostsLoad, VmMetrics } from '../metrics-types'
import type { FleetHealth, FleetPage } from '../fleet-types'
import type { MigrationPlan, MigrationRecord } from '../migration-types'
import type { BatchPlan, MigrationBatch } from '../batch-types'
import type {
  ClusterProfile,
  ConnectionReport,
  ExportedProfiles,
  ImportReport,
  ProfileListing,
  SessionState
} from '../profile-types'
import type { HostInventory, L3NetworkInventory, VmInventory } from '../zstack-types'
import type { VmActionRecord } from '../vm-action-types'
import {
  arrangeProfilesSchema,
  demoVisibilitySchema,
  batchRefSchema,
  batchRowRefSchema,
  changeHostStateRequestSchema,
  exportRequestSchema,
  hostRefSchema,
  listBatchesRequestSchema,
  planMigrationsRequestSchema,
  startBatchRequestSchema,
  hostsLoadRequestSchema,
  fleetHealthRequestSchema,
  fleetQuerySchema,
  importRequestSchema,
  listMigrationsRequestSchema,
  migrateRequestSchema,
  migrationRefSchema,
  profileInputSchema,
  profileRefSchema,
  signInRequestSchema,
  testConnectionRequestSchema,
  vmMetricsRequestSchema,
  vmQueryRequestSchema,
  vmRefSchema
} from './fields'

/**
 * How main may talk to ZStack for a method. `read`: may be retried once after a silent re-login. `action`: sent at
 * most once, never retried (its job may be polled again). `local`: needs no session.
 */
export type CallPolicy = 'read' | 'action' | 'local'

export interface MethodDefinition<Input extends z.ZodType = z.ZodType, Output = unknown> {
  policy: CallPolicy
  /** The one argument it takes, checked by main's guard; `z.undefined()` for none. */
  input: Input
  /** Type-only: never read at run time. */
  output: Output
}

const none = z.undefined()

function method<Output>() {
  return <Input extends z.ZodType, P extends CallPolicy>(
    policy: P,
    input: Input
  ): MethodDefinition<Input, Output> & { policy: P } => ({ policy, input, output: undefined as Output })
}

// The answers that are lists or pages, named: every row of the table below then reads `name: method<Answer>()(…)`.
type VmPage = Page<VmInventory>
type SessionStates = SessionState[]
type L3Networks = L3NetworkInventory[]
type VmActionRecords = VmActionRecord[]
type MigrationRecords = MigrationRecord[]
type MigrationBatches = MigrationBatch[]

export const deskContract = {
  getAppInfo: method<AppInfo>()('local', none),

  listProfiles: method<ProfileListing>()('local', none),
  saveProfile: method<ClusterProfile>()('local', profileInputSchema),
  deleteProfile: method<null>()('local', profileRefSchema),
  importProfiles: method<ImportReport>()('local', importRequestSchema),
  exportProfiles: method<ExportedProfiles>()('local', exportRequestSchema),
  testConnection: method<ConnectionReport>()('local', testConnectionRequestSchema),
  arrangeProfiles: method<ProfileListing>()('local', arrangeProfilesSchema),
  setDemoHidden: method<ProfileListing>()('local', demoVisibilitySchema),

  getSessions: method<SessionStates>()('local', none),
  signIn: method<SessionState>()('local', signInRequestSchema),
  signOut: method<SessionState>()('local', profileRefSchema),

  queryVms: method<VmPage>()('read', vmQueryRequestSchema),
  getVm: method<VmInventory>()('read', vmRefSchema),
  getTopology: method<Topology>()('read', profileRefSchema),
  /** The cluster's L3 networks by name, for the inspector's NICs; cached with the topology. */
  getL3Networks: method<L3Networks>()('read', profileRefSchema),
  startVm: method<VmInventory>()('action', vmRefSchema),
  stopVm: method<VmInventory>()('action', vmRefSchema),
  /** Every start and stop asked for from this machine, newest first (the activity list). */
  listVmActions: method<VmActionRecords>()('local', listMigrationsRequestSchema),

  queryFleetVms: method<FleetPage>()('read', fleetQuerySchema),
  getFleetHealth: method<FleetHealth>()('read', fleetHealthRequestSchema),
  clearFleetCache: method<null>()('local', none),

  getMigrationPlan: method<MigrationPlan>()('read', vmRefSchema),
  migrateVm: method<MigrationRecord>()('action', migrateRequestSchema),
  listMigrations: method<MigrationRecords>()('local', listMigrationsRequestSchema),

  getVmMetrics: method<VmMetrics>()('read', vmMetricsRequestSchema),
  getHostsLoad: method<HostsLoad>()('read', hostsLoadRequestSchema),
  cancelMigration: method<MigrationRecord>()('action', migrationRefSchema),
  retryMigration: method<MigrationRecord>()('action', migrationRefSchema),

  planMigrations: method<BatchPlan>()('read', planMigrationsRequestSchema),
  planDrain: method<BatchPlan>()('read', hostRefSchema),
  startBatch: method<MigrationBatch>()('action', startBatchRequestSchema),
  pauseBatch: method<MigrationBatch>()('local', batchRefSchema),
  resumeBatch: method<MigrationBatch>()('local', batchRefSchema),
  cancelBatch: method<MigrationBatch>()('action', batchRefSchema),
  cancelBatchRow: method<MigrationBatch>()('action', batchRowRefSchema),
  listBatches: method<MigrationBatches>()('local', listBatchesRequestSchema),
  getBatch: method<MigrationBatch>()('local', batchRefSchema),
  changeHostState: method<HostInventory>()('action', changeHostStateRequestSchema)
}

export type DeskContract = typeof deskContract
export type DeskApiMethod = keyof DeskContract

/** What a caller sends (before the schema's trims and transforms). */
export type DeskArgument<M extends DeskApiMethod> = z.input<DeskContract[M]['input']>
/** What a handler receives, after the guard parsed it. */
export type DeskInput<M extends DeskApiMethod> = z.output<DeskContract[M]['input']>
export type DeskOutput<M extends DeskApiMethod> = DeskContract[M]['output']
/** The methods in the contract's order: the guard, IPC registration and both bridges are built from it. */
export const DESK_API_METHODS = Object.keys(deskContract) as DeskApiMethod[]

export function isDeskApiMethod(name: unknown): name is DeskApiMethod {
  return typeof name === 'string' && Object.hasOwn(deskContract, name)
}
