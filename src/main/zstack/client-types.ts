// The REST client's surface, as the session, migration and DeskApi layers use it.
import type { ClusterProfile } from '../../shared/profile-types'
import type {
  ClusterInventory,
  HostInventory,
  L3NetworkInventory,
  PrimaryStorageInventory,
  VmInventory,
  ZoneInventory
} from '../../shared/zstack-types'
import type { Page, VmQuery } from '../../shared/api'
import type { MonitoringUnavailable } from '../../shared/metrics-types'
import type { MetricQuery, MetricSample } from './metric-data'

/** One `q=` condition: `field` `op` `value` (values are encoded by the client, never by the caller). */
export interface Condition {
  field: string
  op: '=' | '!=' | '>' | '<' | '>=' | '<=' | '?=' | '!?=' | '~=' | '!~=' | 'is null' | 'not null'
  /** A list for `?=` / `!?=`; absent for `is null` / `not null`. For `~=` the caller supplies the wildcards. */
  value?: string | number | boolean | (string | number)[]
}

export interface ResourceQuery {
  conditions?: Condition[]
  start?: number
  limit?: number
  sort?: { field: string; direction: 'asc' | 'desc' }
  fields?: string[]
  replyWithCount?: boolean
}

export interface LoginResult {
  sessionUuid: string
  /** Gson date strings from the server, as given: wall-clock time in the node's own zone, which the text omits. */
  expiredDate?: string
  createDate?: string
}

/** What an action's first answer was: the finished result (200, as the doc page shows) or an accepted job (202). */
export type ActionSubmission =
  | { kind: 'done'; body: Record<string, unknown> }
  | { kind: 'accepted'; jobPath: string; apiTimeoutMs?: number }

/** LongJobInventory, the fields the client reads (the rest is passed through). */
export interface LongJob {
  uuid: string
  apiId?: string
  state: 'Waiting' | 'Suspended' | 'Running' | 'Succeeded' | 'Canceling' | 'Canceled' | 'Failed' | string
  /** JSON text: the API event on success, the error otherwise. */
  jobResult?: string
  [field: string]: unknown
}

/** The latest `Progress` entry of GET /v1/task-progresses/{apiId}: a percentage. */
export interface TaskProgress {
  percent: number
  /** Server time of the report, in ms, when given. */
  time?: number
}

export interface LongJobRequest {
  jobName: 'APIMigrateVmMsg'
  /** The API's fields; sent as JSON text. */
  jobData: Record<string, unknown>
  targetResourceUuid: string
  /** The long job's uuid, chosen by the caller. Re-sending it RESTARTS the job on the server: send once. */
  resourceUuid: string
  name?: string
}

/** What answered `getVersion` (it needs no session): a ZStack node, nothing at that context path, or a web page. */
export type VersionProbe =
  | { kind: 'zstack'; version: string }
  | { kind: 'no-api'; httpStatus: number }
  | { kind: 'web-page'; httpStatus: number; title?: string }

export type JobPoll = { state: 'running' } | { state: 'done'; body: Record<string, unknown> }

export interface WaitOptions {
  /** Called after each poll (running or not), for progress events and counters. */
  onPoll?: (poll: JobPoll, pollCount: number) => void
  signal?: AbortSignal
  /** Overall limit; default 1 h, the server's own MigrateVm timeout. */
  timeoutMs?: number
  /** The longest pause between two polls (default: the client's backoff maximum). */
  maxIntervalMs?: number
}

/**
 * One client per cluster profile, built on one axios instance. Every method throws a DeskError
 * (via toAppError) on failure; a 503 with ID.1001 becomes SESSION_EXPIRED.
 */
export interface ZStackClient {
  readonly profile: ClusterProfile
  login(accountName: string, password: string): Promise<LoginResult>
  logout(sessionUuid: string): Promise<void>
  validateSession(sessionUuid: string): Promise<boolean>
  /** Any other answer (a ZStack error, plain text, cut-off JSON) and network or TLS failures throw. */
  getVersion(): Promise<VersionProbe>

  queryVms(sessionUuid: string, query: Omit<VmQuery, 'profileId'>): Promise<Page<VmInventory>>
  getVm(sessionUuid: string, vmUuid: string): Promise<VmInventory | undefined>
  queryHosts(sessionUuid: string, query?: ResourceQuery): Promise<Page<HostInventory>>
  queryZones(sessionUuid: string, query?: ResourceQuery): Promise<Page<ZoneInventory>>
  queryClusters(sessionUuid: string, query?: ResourceQuery): Promise<Page<ClusterInventory>>
  queryPrimaryStorage(sessionUuid: string, query?: ResourceQuery): Promise<Page<PrimaryStorageInventory>>
  queryL3Networks(sessionUuid: string, query?: ResourceQuery): Promise<Page<L3NetworkInventory>>
  getMigrationCandidates(sessionUuid: string, vmUuid: string): Promise<HostInventory[]>
  /** ZWatch samples, or why this node gives none (no ZWatch: 404; no permission: ID.1002) instead of a throw. */
  getMetricData(sessionUuid: string, query: MetricQuery): Promise<MetricSample[] | MonitoringUnavailable>

  /** PUT /v1/vm-instances/{uuid}/actions with `{[action]: params, systemTags?, userTags?}` and X-Job-UUID. Sent once. */
  submitVmAction(
    sessionUuid: string,
    vmUuid: string,
    action: 'migrateVm' | 'startVmInstance' | 'stopVmInstance' | 'rebootVmInstance',
    params: Record<string, unknown>,
    options: { jobUuid: string; systemTags?: string[]; userTags?: string[] }
  ): Promise<ActionSubmission>
  /**
   * Whether the node has the long-job API: a harmless query of one long job. true on 200, false on 404
   * `no api mapping` (an older or open-source node); any other failure throws (it is not known).
   */
  supportsLongJobs(sessionUuid: string): Promise<boolean>
  /** POST /v1/longjobs with X-Job-UUID (the job's apiId). Sent exactly once, like submitVmAction. */
  submitLongJob(
    sessionUuid: string,
    request: LongJobRequest,
    options: { jobUuid: string }
  ): Promise<ActionSubmission>
  /** GET /v1/longjobs/{uuid}; undefined when the node does not know it. */
  getLongJob(sessionUuid: string, longJobUuid: string): Promise<LongJob | undefined>
  /** PUT /v1/longjobs/{uuid}/actions `{cancelLongJob: {}}` with X-Job-UUID; sent once. */
  cancelLongJob(
    sessionUuid: string,
    longJobUuid: string,
    options: { jobUuid: string }
  ): Promise<ActionSubmission>
  /** PUT /v1/hosts/{uuid}/actions `{changeHostState: {stateEvent}}` with X-Job-UUID; sent once. */
  changeHostState(
    sessionUuid: string,
    hostUuid: string,
    stateEvent: 'enable' | 'disable' | 'maintain',
    options: { jobUuid: string }
  ): Promise<ActionSubmission>
  /** The latest progress report of an API (by its id); undefined when there is none. */
  getTaskProgress(sessionUuid: string, apiId: string): Promise<TaskProgress | undefined>
  /** One GET of the job; the path is the `/zstack/v1/api-jobs/<uuid>` part of `location`, sent to the profile's endpoint. */
  pollJob(sessionUuid: string, jobPath: string): Promise<JobPoll>
  /**
   * Polls until done with backoff (0.5 s to 5 s). A network error, a timeout or a 5xx other than a ZStack
   * error is retried; a ZStack 503 error, SESSION_EXPIRED or JOB_EXPIRED (404) ends the wait by throwing.
   */
  waitForJob(
    sessionUuid: string,
    submission: ActionSubmission,
    options?: WaitOptions
  ): Promise<Record<string, unknown>>
}

/** Where a client reads the proxy password when it sends a request (the keychain, or a form not yet saved). */
export type ProxyPasswordSource = () => Promise<string | undefined>

/** Builds a profile's client; without a source the proxy password is the one in the keychain for the profile. */
export type CreateZStackClient = (
  profile: ClusterProfile,
  proxyPassword?: ProxyPasswordSource
) => ZStackClient
