// Login, logout, validate, renew and the version call: the APIs that work with or without a session.
import { checkParamTypes, optional, parseJsonBody, readActionBody } from './action-body'
import { pathParam, sessionIdOf, type ApiRequest } from './api-request'
import { errorReply, jsonReply, type Reply } from './http-reply'
import { inventorySchema, SHAPES } from './reply-schema'
import type { SessionInventory } from './sessions'
import type { SimContext } from './sim-context'
import { zstackErrors } from './zstack-errors'

const ZSTACK_VERSION = '5.2.1'
const RENEW_RANGE_SEC = [60, 31536000] as const

const sessionReply = (inventory: SessionInventory): Reply =>
  jsonReply(200, { inventory }, inventorySchema('inventory', { ...inventory }, SHAPES.session))

export function logIn(ctx: SimContext, request: ApiRequest): Reply {
  const { params } = readActionBody(parseJsonBody(request.rawBody), request.apiPath, ['logInByAccount'])
  checkParamTypes('logInByAccount', params, { accountName: 'string', password: 'string' })
  const accountName = optional<string>(params, 'accountName')
  const password = optional<string>(params, 'password')
  if (accountName === undefined || password === undefined) {
    return errorReply(zstackErrors.invalidArgument('accountName and password are mandatory'))
  }
  const inventory = ctx.sessions.logIn(accountName, password)
  if (!inventory) return errorReply(zstackErrors.badCredentials())
  ctx.stats.logins += 1
  return sessionReply(inventory)
}

export function logOut(ctx: SimContext, request: ApiRequest): Reply {
  ctx.sessions.logOut(pathParam(request, 'uuid'))
  return jsonReply(200, {})
}

export function validateSession(ctx: SimContext, request: ApiRequest): Reply {
  return jsonReply(200, { valid: ctx.sessions.isValid(pathParam(request, 'uuid')) })
}

export function renewSession(ctx: SimContext, request: ApiRequest): Reply {
  const { params } = readActionBody(parseJsonBody(request.rawBody), request.apiPath, ['renewSession'])
  const caller = sessionIdOf(request)
  checkParamTypes('renewSession', params, { duration: 'integer' })
  if (!ctx.sessions.touch(caller)) return errorReply(zstackErrors.invalidSession(caller))
  const duration = optional<number>(params, 'duration') ?? ctx.options.sessionTimeoutSec
  if (duration < RENEW_RANGE_SEC[0] || duration > RENEW_RANGE_SEC[1]) {
    return errorReply(
      zstackErrors.invalidArgument(
        `duration[${duration}] is out of range [${RENEW_RANGE_SEC[0]}, ${RENEW_RANGE_SEC[1]}]`
      )
    )
  }
  const target = pathParam(request, 'uuid')
  const inventory = ctx.sessions.renew(target, duration)
  return inventory ? sessionReply(inventory) : errorReply(zstackErrors.invalidSession(target))
}

/** The one action a node answers without a session: the "is this ZStack, and which" probe. */
export function getVersion(_ctx: SimContext, request: ApiRequest): Reply {
  readActionBody(parseJsonBody(request.rawBody), request.apiPath, ['getVersion'])
  return jsonReply(200, { version: ZSTACK_VERSION })
}
