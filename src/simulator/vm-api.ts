// The VM endpoints beyond queries: the migration dry run and the asynchronous actions.
import { randomUUID } from 'node:crypto'
import {
  BadRequestError,
  checkParamTypes,
  optional,
  parseJsonBody,
  readActionBody,
  type ParamType
} from './action-body'
import { pathParam, sessionIdOf, type ApiRequest } from './api-request'
import { migrationTargets } from './host-allocation'
import { errorReply, jsonReply, type Reply } from './http-reply'
import { listSchema, SHAPES } from './reply-schema'
import type { SimContext } from './sim-context'
import { MIGRATABLE_STATES, type MigrateParams, type PowerAction } from './vm-operations'
import { zstackErrors } from './zstack-errors'

const ACTION_PARAMS: Record<'migrateVm' | PowerAction, Record<string, ParamType>> = {
  migrateVm: {
    hostUuid: 'string',
    migrateFromDestination: 'boolean',
    allowUnknown: 'boolean',
    strategy: 'string',
    downTime: 'integer'
  },
  startVmInstance: { clusterUuid: 'string', hostUuid: 'string' },
  stopVmInstance: { type: 'string', stopHA: 'boolean' },
  rebootVmInstance: {}
}
const VM_ACTIONS = Object.keys(ACTION_PARAMS) as ('migrateVm' | PowerAction)[]
const JOB_UUID = /^[0-9a-fA-F]{32}$/
/** MigrateVm runs under a one-hour server timeout; the other VM actions under 30 minutes. */
export const API_TIMEOUT_MS = { migrateVm: 3_600_000, other: 1_800_000 }

export function migrationTargetHosts(ctx: SimContext, request: ApiRequest): Reply {
  const sessionId = sessionIdOf(request)
  if (!ctx.sessions.touch(sessionId)) return errorReply(zstackErrors.invalidSession(sessionId))
  const vmUuid = pathParam(request, 'uuid')
  const vm = ctx.world.vmByUuid.get(vmUuid)
  if (!vm) return errorReply(zstackErrors.notFound(`unable to find vm[uuid:${vmUuid}]`))
  if (!MIGRATABLE_STATES.includes(vm.state)) {
    return errorReply(
      zstackErrors.unableToMigrate(
        vm.uuid,
        zstackErrors.wrongVmState(vm.uuid, vm.state, 'APIGetVmMigrationCandidateHostsMsg', MIGRATABLE_STATES)
      )
    )
  }
  const inventories = migrationTargets(ctx.world, vm).map((host) => ({ ...host }))
  return jsonReply(200, { inventories }, listSchema(inventories, SHAPES.host))
}

/** Accepts the action (202 and a job location); every check past the request's shape is reported by the job. */
export function vmAction(ctx: SimContext, request: ApiRequest): Reply {
  const body = readActionBody(parseJsonBody(request.rawBody), request.apiPath, VM_ACTIONS)
  const action = body.action as (typeof VM_ACTIONS)[number]
  const sessionId = sessionIdOf(request)
  checkParamTypes(action, body.params, ACTION_PARAMS[action])
  const jobUuid = jobUuidFor(ctx, request)
  const vmUuid = pathParam(request, 'uuid')
  ctx.jobs.create(jobUuid)
  if (action === 'migrateVm') {
    const hostUuid = optional<string>(body.params, 'hostUuid')
    ctx.stats.migrationSubmissions.push({
      jobUuid,
      vmUuid,
      ...(hostUuid ? { hostUuid } : {}),
      at: Date.now()
    })
  }
  if (!ctx.sessions.touch(sessionId)) {
    ctx.jobs.finish(jobUuid, { ok: false, error: zstackErrors.invalidSession(sessionId) })
  } else if (action === 'migrateVm') {
    const params: MigrateParams = {
      hostUuid: optional(body.params, 'hostUuid'),
      strategy: optional(body.params, 'strategy'),
      migrateFromDestination: optional(body.params, 'migrateFromDestination'),
      allowUnknown: optional(body.params, 'allowUnknown'),
      downTime: optional(body.params, 'downTime')
    }
    ctx.operations.migrate(jobUuid, vmUuid, params)
  } else {
    ctx.operations.power(jobUuid, vmUuid, action, { type: optional(body.params, 'type') })
  }
  return acceptedJob(
    ctx,
    request,
    jobUuid,
    action === 'migrateVm' ? API_TIMEOUT_MS.migrateVm : API_TIMEOUT_MS.other
  )
}

/** 202 with the job's poll location and the API's timeout. */
export function acceptedJob(ctx: SimContext, request: ApiRequest, jobUuid: string, timeoutMs: number): Reply {
  return jsonReply(202, {
    location: `${ctx.baseUrl()}/zstack/v1/api-jobs/${jobUuid}`,
    apiTimeout: apiTimeoutMs(request, timeoutMs)
  })
}

/** The client's X-Job-UUID when given (32 hex, never reused), else a fresh one. */
export function jobUuidFor(ctx: SimContext, request: ApiRequest): string {
  const header = request.headers['x-job-uuid']
  if (header === undefined) return randomUUID().replace(/-/g, '')
  const value = Array.isArray(header) ? header.join(',') : header
  if (!JOB_UUID.test(value))
    throw new BadRequestError(`Invalid header X-Job-UUID[${value}], it must be a 32-character hex UUID`)
  const uuid = value.toLowerCase()
  if (ctx.jobs.has(uuid)) throw new BadRequestError('Duplicate job uuid')
  return uuid
}

export function apiTimeoutMs(request: ApiRequest, fallback: number): number {
  const header = request.headers['x-api-timeout']
  const seconds = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : 0
  return seconds > 0 ? seconds * 1000 : fallback
}
