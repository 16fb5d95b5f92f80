// The ZStack REST client: one axios instance per cluster profile, every answer sniffed and every failure mapped.
import { createHash } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import tls from 'node:tls'
import { setTimeout as wait } from 'node:timers/promises'
import axios, { type AxiosInstance, type AxiosProxyConfig } from 'axios'
import type { Page } from '../../shared/api'
import type { AppError } from '../../shared/result'
import { appError } from '../../shared/error-kinds'
import type { ClusterProfile } from '../../shared/profile-types'
import type {
  ClusterInventory,
  HostInventory,
  L3NetworkInventory,
  PrimaryStorageInventory,
  VmInventory,
  ZoneInventory
} from '../../shared/zstack-types'
import { DeskError, deskError, isDeskError } from '../desk-error'
import type { Logger } from '../log/logger'
import { redact } from '../log/redact'
import type {
  ActionSubmission,
  JobPoll,
  LoginResult,
  ProxyPasswordSource,
  ResourceQuery,
  WaitOptions,
  ZStackClient,
  LongJob,
  TaskProgress
} from './client-types'
import { metricPath, monitoringRefusal, readSamples } from './metric-data'
import { withQuery } from './query-string'
import { parseJsonOffThread } from './json-worker'
import { isRecord, jsonTooDeep, MAX_JSON_DEPTH, sniffBody, type SniffedBody } from './response-body'
import {
  failureCode,
  isTlsFailureCode,
  isTransientFailure,
  address,
  responseToAppError,
  scrubAppError,
  transportErrorToAppError,
  type FailureContext
} from './to-app-error'
import { readPeerCertificate } from './tls-peer'
import { vmQueryToResourceQuery } from './vm-search'

export interface ZStackClientOptions {
  /** The app's version, sent as `User-Agent: ZStack-Desk/<version>`. */
  appVersion?: string
  /** Overrides the whole User-Agent header. */
  userAgent?: string
  /** Receives one line per request (method, path without secrets, status, time); session ids are registered as secrets. */
  logger?: Logger
  /** Job polling backoff: starts at initialMs and doubles up to maxMs (default 0.5 s to 5 s). */
  pollBackoff?: { initialMs: number; maxMs: number }
  /** The proxy password (from the keychain), read for each request when the proxy URL names a user. */
  proxyPassword?: ProxyPasswordSource
}

const DEFAULT_JOB_TIMEOUT_MS = 60 * 60 * 1000
/** Polls grow by half each time (0.5 s, 0.75 s, 1.1 s ... 5 s): quick for short jobs, light for long ones. */
const BACKOFF_FACTOR = 1.5
const HEX32 = /^[0-9a-f]{32}$/i
/** The most read of one answer (a login, a VM, a job result: all a few kB), counted after decompression. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024
/** The most read of one page of inventories (1,000 VMs with disks and NICs are about 8 MB), after decompression. */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024
/** Answers above this are parsed on a worker thread, so the event loop keeps serving the window. */
const OFF_THREAD_BYTES = 1024 * 1024
const JOB_PATH = /\/v1\/api-jobs\/([A-Za-z0-9-]{1,64})\/?$/

/** SHA-512 of the password as lower-case hex: what ZStack stores and compares; the clear text never leaves. */
export function hashPassword(password: string): string {
  return createHash('sha512').update(password, 'utf8').digest('hex')
}

interface Answer {
  status: number
  body: SniffedBody
  raw: unknown
}

interface SendRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE'
  /** Relative to the profile's base URL (`v1/...`). */
  path: string
  session?: string
  data?: unknown
  headers?: Record<string, string>
  /** Extra values to keep out of logs and errors (the password hash, a session in the path). */
  secrets?: string[]
  signal?: AbortSignal
  /** A new connection: a non-idempotent request must not ride a keep-alive socket the server may be closing. */
  freshConnection?: boolean
  /** The decoded body cap: MAX_ANSWER_BYTES unless the answer is a page. */
  maxBytes?: number
}

const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`

function isBodyLimitError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('maxContentLength size of')
}

/** Sniffs a body; JSON is depth-checked first, and big JSON is parsed off the main thread. */
async function readBody(bytes: Buffer): Promise<{ body: SniffedBody; raw: string } | 'too-deep'> {
  const looksJson = /^\s*[[{]/.test(bytes.subarray(0, 64).toString('latin1'))
  if (looksJson && bytes.length > OFF_THREAD_BYTES) {
    // The raw text only feeds error details, which keep its first few hundred characters; read it before the bytes move.
    const raw = bytes.subarray(0, 64 * 1024).toString('utf8')
    const parsed = await parseJsonOffThread(bytes, MAX_JSON_DEPTH)
    if (parsed.kind === 'too-deep') return 'too-deep'
    return { body: parsed.kind === 'json' ? parsed : { kind: 'broken-json', text: raw }, raw }
  }
  const raw = bytes.toString('utf8')
  if (looksJson && jsonTooDeep(raw, MAX_JSON_DEPTH)) return 'too-deep'
  return { body: sniffBody(raw), raw }
}

function baseUrlOf(profile: ClusterProfile): { origin: string; basePath: string } {
  const { scheme, host, port, path } = profile.endpoint
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  const trimmed = path.replace(/^\/+|\/+$/g, '')
  return { origin: `${scheme}://${hostPart}:${port}`, basePath: trimmed ? `/${trimmed}` : '' }
}

function proxyConfigOf(proxyUrl: string | undefined): { proxy: AxiosProxyConfig | false; label?: string } {
  if (!proxyUrl) return { proxy: false }
  let url: URL
  try {
    url = new URL(proxyUrl)
  } catch {
    throw deskError('proxyUrlInvalid', {})
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw deskError('proxySchemeUnsupported', { scheme: url.protocol })
  }
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  const proxy: AxiosProxyConfig = { protocol: url.protocol.slice(0, -1), host: hostname, port }
  if (url.username) {
    // A password left in the URL (an old profile) still works; a stored profile never has one.
    proxy.auth = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
  }
  return { proxy, label: `${url.hostname}:${port}` }
}

function checkUuid(value: string, what: string): string {
  if (!HEX32.test(value)) throw deskError('notAUuid', { field: what })
  return value.toLowerCase()
}

/** A session id goes into a header, the keychain and a log scrub list: nothing but a plain token is acceptable. */
const SESSION_ID = /^[A-Za-z0-9-]{8,64}$/

function checkSession(session: string): void {
  if (!SESSION_ID.test(session)) {
    throw deskError('noValidSession', {})
  }
}

export function createZStackClient(profile: ClusterProfile, options: ZStackClientOptions = {}): ZStackClient {
  const { origin, basePath } = baseUrlOf(profile)
  const { proxy, label: proxyLabel } = proxyConfigOf(profile.proxyUrl)
  const logger = options.logger
  const backoff = options.pollBackoff ?? { initialMs: 500, maxMs: 5000 }
  const ctx: FailureContext = {
    host: profile.endpoint.host,
    port: profile.endpoint.port,
    timeoutMs: profile.timeoutMs,
    proxy: proxyLabel
  }
  const where = address(ctx)
  const tlsOptions: https.AgentOptions = {
    // Extra CAs are added to Node's roots, not put in their place: a public CA must keep working.
    ca: profile.tls.caPem ? [...tls.rootCertificates, profile.tls.caPem] : undefined,
    rejectUnauthorized: profile.tls.verify
  }
  const agents = {
    pooled: {
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ ...tlsOptions, keepAlive: true })
    },
    fresh: {
      httpAgent: new http.Agent({ keepAlive: false }),
      httpsAgent: new https.Agent({ ...tlsOptions, keepAlive: false })
    }
  }

  const instance: AxiosInstance = axios.create({
    baseURL: `${origin}${basePath}`,
    timeout: profile.timeoutMs,
    headers: {
      'User-Agent': options.userAgent ?? `ZStack-Desk/${options.appVersion ?? 'dev'}`,
      Accept: 'application/json'
    },
    ...agents.pooled,
    proxy,
    responseType: 'arraybuffer',
    // Bodies are sniffed, never trusted to a Content-Type.
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0
  })
  const proxyAuth = proxy ? proxy.auth : undefined
  const proxyPassword = options.proxyPassword
  if (proxy && proxyAuth && !proxyAuth.password && proxyPassword) {
    // Read when each request leaves, so a password changed in the form is used without rebuilding the client.
    instance.interceptors.request.use(async (config) => {
      const password = await proxyPassword().catch(() => undefined)
      if (!password) return config
      logger?.addSecret(password)
      config.proxy = { ...proxy, auth: { username: proxyAuth.username, password } }
      return config
    })
  }

  async function send(req: SendRequest): Promise<Answer> {
    const secrets = [...(req.secrets ?? [])]
    if (req.session) {
      checkSession(req.session)
      secrets.push(req.session)
      logger?.addSecret(req.session)
    }
    const headers: Record<string, string> = { ...req.headers }
    if (req.session) headers.Authorization = `OAuth ${req.session}`
    if (req.data !== undefined) headers['Content-Type'] = 'application/json;charset=UTF-8'
    const shownPath = redact(`${basePath}/${req.path}`, secrets).slice(0, 400)
    const maxBytes = req.maxBytes ?? MAX_ANSWER_BYTES
    const started = Date.now()
    // axios' timeout only watches for silence; this deadline covers the whole exchange, body included.
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), profile.timeoutMs)
    const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal
    let status: number
    let bytes: Buffer
    try {
      const response = await instance.request<Buffer>({
        method: req.method,
        url: req.path,
        data: req.data === undefined ? undefined : JSON.stringify(req.data),
        headers,
        signal,
        maxContentLength: maxBytes,
        ...(req.freshConnection ? agents.fresh : {})
      })
      status = response.status
      bytes = Buffer.isBuffer(response.data) ? response.data : Buffer.from(String(response.data ?? ''))
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason
      const code = failureCode(error)
      let failure: AppError
      if (deadline.signal.aborted) failure = deadlineError()
      else if (isBodyLimitError(error))
        failure = appError('answerTooLarge', { address: where, size: megabytes(maxBytes) })
      else {
        const peer =
          isTlsFailureCode(code) && profile.endpoint.scheme === 'https' && !proxyLabel
            ? await readPeerCertificate(
                profile.endpoint.host,
                profile.endpoint.port,
                Math.min(profile.timeoutMs, 5000)
              )
            : undefined
        failure = scrubAppError(transportErrorToAppError(error, ctx, peer), secrets)
      }
      logger?.warn(
        `HTTP ${req.method} ${shownPath} -> ${failure.code} ${code ?? ''} in ${Date.now() - started} ms`
      )
      throw new DeskError(failure)
    } finally {
      clearTimeout(timer)
    }
    logger?.info(`HTTP ${req.method} ${shownPath} -> ${status} in ${Date.now() - started} ms`)
    const read = await readBody(bytes)
    if (read === 'too-deep') throw deskError('answerTooDeep', { address: where, depth: MAX_JSON_DEPTH })
    return { status, body: read.body, raw: read.raw }
  }

  function deadlineError(): AppError {
    // Worded as a silent node is: to the user a reply that never completes is no answer.
    return transportErrorToAppError(Object.assign(new Error('deadline passed'), { code: 'ETIMEDOUT' }), ctx)
  }

  function fail(answer: Answer, secrets: string[]): never {
    throw new DeskError(scrubAppError(responseToAppError(answer.status, answer.raw, ctx), secrets))
  }

  /** The JSON object of a successful answer; anything else (a ZStack 503, plain text, HTML, cut-off JSON) throws. */
  function jsonObject(answer: Answer, okStatus: number, secrets: string[] = []): Record<string, unknown> {
    if (answer.status === okStatus && answer.body.kind === 'json' && isRecord(answer.body.value))
      return answer.body.value
    return fail(answer, secrets)
  }

  function unexpectedShape(field: string): DeskError {
    return deskError('answerIncomplete', { field })
  }

  async function query<T>(session: string, path: string, resourceQuery?: ResourceQuery): Promise<Page<T>> {
    const answer = await send({
      method: 'GET',
      path: withQuery(path, resourceQuery),
      session,
      maxBytes: MAX_PAGE_BYTES
    })
    const body = jsonObject(answer, 200, [session])
    if (!Array.isArray(body.inventories)) throw unexpectedShape('inventories')
    const page: Page<T> = { items: body.inventories as T[] }
    if (typeof body.total === 'number') page.total = body.total
    return page
  }

  function jobUrl(jobPath: string): string {
    const match = JOB_PATH.exec(jobPath)
    if (!match) throw deskError('notAJobPath', { path: jobPath.slice(0, 120) })
    // The job is always asked of the configured endpoint: the node's own idea of its address may be behind NAT.
    return `v1/api-jobs/${match[1]}`
  }

  function accepted(answer: Answer, session: string): ActionSubmission {
    const body = answer.body.kind === 'json' && isRecord(answer.body.value) ? answer.body.value : undefined
    const location = typeof body?.location === 'string' ? body.location : undefined
    let jobPath: string | undefined
    if (location) {
      try {
        const pathname = new URL(location, `${origin}${basePath}/`).pathname
        if (JOB_PATH.test(pathname)) jobPath = pathname
      } catch {
        jobPath = undefined
      }
    }
    if (!jobPath) {
      throw new DeskError(
        scrubAppError(
          appError(
            'noJobInAnswer',
            {},
            {
              details: typeof answer.raw === 'string' ? answer.raw.slice(0, 500) : undefined,
              httpStatus: 202
            }
          ),
          [session]
        )
      )
    }
    const submission: ActionSubmission = { kind: 'accepted', jobPath }
    if (typeof body?.apiTimeout === 'number' && body.apiTimeout > 0) submission.apiTimeoutMs = body.apiTimeout
    return submission
  }

  /** An API that must run at most once, sent with its X-Job-UUID on a fresh connection: every failure goes back. */
  async function submitOnce(
    session: string,
    method: 'PUT' | 'POST',
    path: string,
    data: Record<string, unknown>,
    jobUuid: string
  ): Promise<ActionSubmission> {
    const job = checkUuid(jobUuid, 'The job id')
    let answer: Answer
    try {
      answer = await send({
        method,
        path,
        session,
        data,
        headers: { 'X-Job-UUID': job },
        freshConnection: true
      })
    } catch (error) {
      if (isDeskError(error) && (error.error.code === 'TIMEOUT' || failureCodeIsAmbiguous(error))) {
        throw deskError('mayHaveArrived', {}, { cause: error.error })
      }
      throw error
    }
    if (answer.status === 202) return accepted(answer, session)
    return { kind: 'done', body: jsonObject(answer, 200, [session]) }
  }

  async function pollJob(session: string, jobPath: string, signal?: AbortSignal): Promise<JobPoll> {
    const answer = await send({ method: 'GET', path: jobUrl(jobPath), session, signal })
    if (answer.status === 202) return { state: 'running' }
    if (answer.status === 404) {
      throw deskError('jobForgotten', {}, { httpStatus: 404 })
    }
    return { state: 'done', body: jsonObject(answer, 200, [session]) }
  }

  const client: ZStackClient = {
    profile,

    async login(accountName, password) {
      const hash = hashPassword(password)
      logger?.addSecret(hash)
      const answer = await send({
        method: 'PUT',
        path: 'v1/accounts/login',
        data: { logInByAccount: { accountName, password: hash } },
        secrets: [hash, password]
      })
      const body = jsonObject(answer, 200, [hash, password])
      const inventory = isRecord(body.inventory) ? body.inventory : undefined
      if (typeof inventory?.uuid !== 'string' || inventory.uuid === '')
        throw unexpectedShape('inventory.uuid')
      // It goes to the keychain and into headers: only the shape a session id has is accepted.
      if (!SESSION_ID.test(inventory.uuid)) throw deskError('malformedSessionId', {})
      logger?.addSecret(inventory.uuid)
      const result: LoginResult = { sessionUuid: inventory.uuid }
      if (typeof inventory.expiredDate === 'string') result.expiredDate = inventory.expiredDate
      if (typeof inventory.createDate === 'string') result.createDate = inventory.createDate
      return result
    },

    async logout(sessionUuid) {
      checkSession(sessionUuid)
      logger?.addSecret(sessionUuid)
      const answer = await send({
        method: 'DELETE',
        path: `v1/accounts/sessions/${sessionUuid}`,
        secrets: [sessionUuid]
      })
      jsonObject(answer, 200, [sessionUuid])
    },

    async validateSession(sessionUuid) {
      checkSession(sessionUuid)
      logger?.addSecret(sessionUuid)
      const answer = await send({
        method: 'GET',
        path: `v1/accounts/sessions/${sessionUuid}/valid`,
        secrets: [sessionUuid]
      })
      const body = jsonObject(answer, 200, [sessionUuid])
      if (typeof body.valid !== 'boolean') throw unexpectedShape('valid')
      return body.valid
    },

    async getVersion() {
      const answer = await send({
        method: 'PUT',
        path: 'v1/management-nodes/actions',
        data: { getVersion: {} }
      })
      if (answer.body.kind === 'html')
        return answer.body.title === undefined
          ? { kind: 'web-page', httpStatus: answer.status }
          : { kind: 'web-page', httpStatus: answer.status, title: answer.body.title }
      // `no api mapping to ...`: a servlet answered, but not ZStack's REST API at this context path.
      if (answer.status === 404) return { kind: 'no-api', httpStatus: 404 }
      const body = jsonObject(answer, 200)
      if (typeof body.version !== 'string') throw unexpectedShape('a version')
      return { kind: 'zstack', version: body.version }
    },

    queryVms: (session, vmQuery) =>
      query<VmInventory>(session, 'v1/vm-instances', vmQueryToResourceQuery(vmQuery)),

    async getVm(session, vmUuid) {
      const page = await query<VmInventory>(session, `v1/vm-instances/${checkUuid(vmUuid, 'The VM id')}`)
      return page.items[0]
    },

    queryHosts: (session, q) => query<HostInventory>(session, 'v1/hosts', q),
    queryZones: (session, q) => query<ZoneInventory>(session, 'v1/zones', q),
    queryClusters: (session, q) => query<ClusterInventory>(session, 'v1/clusters', q),
    queryPrimaryStorage: (session, q) => query<PrimaryStorageInventory>(session, 'v1/primary-storage', q),
    queryL3Networks: (session, q) => query<L3NetworkInventory>(session, 'v1/l3-networks', q),

    async getMigrationCandidates(session, vmUuid) {
      const path = `v1/vm-instances/${checkUuid(vmUuid, 'The VM id')}/migration-target-hosts`
      return (await query<HostInventory>(session, path)).items
    },

    async getMetricData(session, metricQuery) {
      const answer = await send({ method: 'GET', path: metricPath(metricQuery), session })
      const refusal = monitoringRefusal(answer.status, answer.body)
      if (refusal) return refusal
      const samples = readSamples(jsonObject(answer, 200, [session]))
      if (!samples) throw unexpectedShape('monitoring data')
      return samples
    },

    async submitVmAction(session, vmUuid, action, params, { jobUuid, systemTags, userTags }) {
      const vm = checkUuid(vmUuid, 'The VM id')
      const data: Record<string, unknown> = { [action]: params }
      if (systemTags) data.systemTags = systemTags
      if (userTags) data.userTags = userTags
      return submitOnce(session, 'PUT', `v1/vm-instances/${vm}/actions`, data, jobUuid)
    },

    async supportsLongJobs(session) {
      const answer = await send({ method: 'GET', path: 'v1/longjobs?limit=1', session })
      if (
        answer.status === 404 &&
        answer.body.kind !== 'json' &&
        typeof answer.raw === 'string' &&
        /no api mapping/i.test(answer.raw)
      )
        return false
      jsonObject(answer, 200, [session])
      return true
    },

    async submitLongJob(session, request, { jobUuid }) {
      const params: Record<string, unknown> = {
        jobName: request.jobName,
        jobData: JSON.stringify(request.jobData),
        targetResourceUuid: checkUuid(request.targetResourceUuid, 'The VM id'),
        resourceUuid: checkUuid(request.resourceUuid, 'The long job id')
      }
      if (request.name !== undefined) params.name = request.name
      return submitOnce(session, 'POST', 'v1/longjobs', { params }, jobUuid)
    },

    async getLongJob(session, longJobUuid) {
      const page = await query<LongJob>(session, `v1/longjobs/${checkUuid(longJobUuid, 'The long job id')}`)
      const job = page.items[0]
      if (job !== undefined && (!isRecord(job) || typeof job.state !== 'string'))
        throw unexpectedShape('a long job with a state')
      return job
    },

    async cancelLongJob(session, longJobUuid, { jobUuid }) {
      const path = `v1/longjobs/${checkUuid(longJobUuid, 'The long job id')}/actions`
      return submitOnce(session, 'PUT', path, { cancelLongJob: {} }, jobUuid)
    },

    async changeHostState(session, hostUuid, stateEvent, { jobUuid }) {
      const path = `v1/hosts/${checkUuid(hostUuid, 'The host id')}/actions`
      return submitOnce(session, 'PUT', path, { changeHostState: { stateEvent } }, jobUuid)
    },

    async getTaskProgress(session, apiId) {
      const page = await query<unknown>(session, `v1/task-progresses/${checkUuid(apiId, 'The API id')}`)
      // The latest Progress entry; Task entries name steps and carry no percentage.
      for (const entry of [...page.items].reverse()) {
        if (!isRecord(entry) || entry.type !== 'Progress') continue
        const percent = Number(entry.content)
        if (!Number.isFinite(percent)) continue
        const progress: TaskProgress = { percent: Math.max(0, Math.min(100, percent)) }
        if (typeof entry.time === 'number') progress.time = entry.time
        return progress
      }
      return undefined
    },

    pollJob: (session, jobPath) => pollJob(session, jobPath),

    async waitForJob(session, submission, waitOptions: WaitOptions = {}) {
      if (submission.kind === 'done') return submission.body
      const { signal, onPoll } = waitOptions
      const timeoutMs = waitOptions.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS
      const deadline = Date.now() + timeoutMs
      const maxMs = Math.min(backoff.maxMs, waitOptions.maxIntervalMs ?? backoff.maxMs)
      let delay = Math.min(backoff.initialMs, maxMs)
      for (let pollCount = 1; ; pollCount++) {
        signal?.throwIfAborted()
        try {
          const poll = await pollJob(session, submission.jobPath, signal)
          onPoll?.(poll, pollCount)
          if (poll.state === 'done') return poll.body
        } catch (error) {
          if (signal?.aborted) throw signal.reason
          // A failed poll says nothing about the job: ask again. A ZStack 503 on a poll is the job's own final answer.
          const retry = isDeskError(error) && isTransientFailure(error.error)
          if (!retry) throw error
          logger?.warn(`Job poll failed, will retry: ${error.error.code}`, { pollCount })
        }
        const left = deadline - Date.now()
        if (left <= 0) {
          throw deskError('jobTimedOut', { minutes: Math.round(timeoutMs / 60_000) })
        }
        await wait(Math.min(delay, left), undefined, { signal }).catch((error: unknown) => {
          // timers/promises rejects with its own AbortError; the caller gets the reason it aborted with.
          throw signal?.aborted ? signal.reason : error
        })
        delay = Math.min(delay * BACKOFF_FACTOR, maxMs)
      }
    }
  }
  return client
}

/** A connection reset after the request was written leaves it unknown whether the node received it. */
function failureCodeIsAmbiguous(error: DeskError): boolean {
  return error.error.code === 'NETWORK' && /ECONNRESET|EPIPE|socket hang up/i.test(error.error.details ?? '')
}
