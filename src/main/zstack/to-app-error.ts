import { appError, zstackKind, type ErrorParamValues } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import type { ZStackErrorInfo } from '../../shared/zstack-types'
import { isDeskError } from '../desk-error'
import { redact } from '../log/redact'
import { sniffBody, zstackErrorOf, type SniffedBody } from './response-body'
import type { PeerCertificateInfo } from './tls-peer'

/** Maps anything thrown to the one AppError shape; unknown throws become INTERNAL without leaking internals. */
export function toAppError(error: unknown): AppError {
  if (isDeskError(error)) return error.error
  const message = error instanceof Error ? error.message : String(error)
  return appError('unexpected', {}, { details: message.slice(0, 500) })
}

/** Where a request went, for messages: never holds a secret. */
export interface FailureContext {
  host: string
  port: number
  timeoutMs: number
  /** The proxy as `host:port` (no credentials) when the profile uses one. */
  proxy?: string
}

/** host:port as errors name it (IPv6 in brackets). */
export const address = (ctx: FailureContext): string =>
  `${ctx.host.includes(':') ? `[${ctx.host}]` : ctx.host}:${ctx.port}`

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The ZStack codes of an error and its causes, outermost first. */
export function zstackCodes(info: ZStackErrorInfo | undefined): string[] {
  if (!info) return []
  return [info.code, ...zstackCodes(info.cause), ...(info.causes ?? []).flatMap((c) => zstackCodes(c))]
}

/** A ZStack error body (`{"error": {...}}`, HTTP 503) as an AppError; ID.1001 is an expired session. */
export function zstackErrorToAppError(info: ZStackErrorInfo, httpStatus = 503): AppError {
  if (info.code === 'ID.1001') {
    return appError(
      'sessionEnded',
      {},
      { details: info.details ?? info.description, zstack: info, httpStatus }
    )
  }
  const kind = zstackKind(zstackCodes(info))
  return appError(
    kind as 'zstackOther',
    { zstackCode: info.code },
    { details: causeChainText(info), zstack: info, httpStatus }
  )
}

function causeChainText(info: ZStackErrorInfo): string | undefined {
  const lines: string[] = []
  if (info.details && info.details !== info.description) lines.push(info.details)
  let cause = info.cause ?? info.causes?.[0]
  for (let depth = 0; cause && depth < 8; depth++) {
    lines.push(
      `Caused by ${cause.code}: ${cause.description ?? ''}${cause.details ? ` (${cause.details})` : ''}`
    )
    cause = cause.cause ?? cause.causes?.[0]
  }
  return lines.length > 0 ? lines.join('\n') : undefined
}

const BODY_KINDS = {
  empty: 'emptyAnswer',
  'broken-json': 'brokenAnswer',
  json: 'unexpectedJson',
  text: 'plainTextAnswer'
} as const

/** Any HTTP answer that is not the success the caller expected, by the shape of its body. */
export function responseToAppError(status: number, rawBody: unknown, ctx: FailureContext): AppError {
  const body: SniffedBody = sniffBody(rawBody)
  const zstack = zstackErrorOf(body)
  if (zstack) return zstackErrorToAppError(zstack, status)
  const from = address(ctx)
  const httpStatus = status

  if (body.kind === 'html') {
    const details = body.title ? `Page title: ${body.title}` : `Page start: ${oneLine(body.text, 200)}`
    return appError('htmlPage', { status, address: from }, { details, httpStatus })
  }
  const raw = body.kind === 'empty' ? '' : body.kind === 'json' ? JSON.stringify(body.value) : body.text
  if (status >= 200 && status < 300) {
    const details = raw ? oneLine(raw, 300) : undefined
    return appError(BODY_KINDS[body.kind], { status, address: from }, { details, httpStatus })
  }
  const details = raw ? oneLine(raw, 2000) : undefined
  if (status >= 300 && status < 400)
    return appError('redirected', { status, address: from }, { details, httpStatus })
  if (status === 404) return appError('nothingAtAddress', { address: from }, { details, httpStatus })
  if (status >= 400 && status < 500) return appError('requestRejected', { status }, { details, httpStatus })
  return appError('serverFailed', { status }, { details, httpStatus })
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ERR_SOCKET_CONNECTION_TIMEOUT'
])
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'])
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_REVOKED'
])
const TLS_CODES = new Set([
  ...UNTRUSTED_CODES,
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO'
])

/** The Node/axios error code of a failure without a response (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...). */
export function failureCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code !== 'ERR_NETWORK' && code !== 'ERR_BAD_RESPONSE') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

export function isTlsFailureCode(code: string | undefined): boolean {
  return (
    code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
  )
}

function tlsToAppError(reason: string, ctx: FailureContext, peer: PeerCertificateInfo | undefined): AppError {
  const from = address(ctx)
  // The certificate's own fields, verbatim.
  const details = peer
    ? [
        peer.subject && `Subject: ${peer.subject}`,
        peer.issuer && `Issuer: ${peer.issuer}`,
        peer.validTo && `Valid until: ${peer.validTo}`,
        peer.subjectAltName && `Names: ${peer.subjectAltName}`,
        peer.fingerprint256 && `SHA-256 fingerprint: ${peer.fingerprint256}`
      ]
        .filter(Boolean)
        .join('\n')
    : undefined
  const tls = {
    reason,
    subject: peer?.subject,
    issuer: peer?.issuer,
    validTo: peer?.validTo,
    fingerprint256: peer?.fingerprint256
  }
  const extra = { details, tls }
  if (UNTRUSTED_CODES.has(reason)) return appError('tlsUntrusted', { address: from, reason }, extra)
  if (reason === 'CERT_HAS_EXPIRED')
    return appError('tlsExpired', { address: from, validTo: peer?.validTo ?? '?' }, extra)
  if (reason === 'CERT_NOT_YET_VALID') return appError('tlsNotYetValid', { address: from }, extra)
  if (reason === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return appError('tlsWrongName', { address: from, names: peer?.subjectAltName ?? '?' }, extra)
  return appError('tlsFailed', { address: from, reason }, extra)
}

/** A failure where no HTTP answer arrived: network, TLS or timeout; `peer` is the refused certificate, if read. */
export function transportErrorToAppError(
  error: unknown,
  ctx: FailureContext,
  peer?: PeerCertificateInfo
): AppError {
  if (isDeskError(error)) return error.error
  const code = failureCode(error)
  const from = address(ctx)
  if (code && TIMEOUT_CODES.has(code)) {
    const seconds = Math.round(ctx.timeoutMs / 100) / 10
    return appError(
      'noAnswerInTime',
      { address: from, seconds },
      { details: ctx.proxy && `proxy ${ctx.proxy}` }
    )
  }
  if (isTlsFailureCode(code)) return tlsToAppError(code as string, ctx, peer)
  const details = code
  switch (code) {
    case 'ECONNREFUSED':
      return ctx.proxy
        ? appError('proxyNotAnswering', { proxy: ctx.proxy }, { details })
        : appError('nothingAnswers', { address: from }, { details })
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return appError('nameNotResolved', { host: ctx.host }, { details })
    case 'ECONNRESET':
    case 'EPIPE':
      return appError('connectionClosed', { address: from }, { details })
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return appError('unreachable', { address: from, reason: code }, { details })
  }
  if (code && NETWORK_CODES.has(code))
    return appError('networkFailed', { address: from, reason: code }, { details })
  const text = error instanceof Error ? error.message : String(error)
  if (/socket hang up|network error|aborted/i.test(text)) {
    return appError('connectionClosed', { address: from }, { details: oneLine(text, 200) })
  }
  return toAppError(error)
}

/** Whether a poll that failed this way is worth repeating (the job itself may still be fine). */
export function isTransientFailure(error: AppError): boolean {
  if (error.code === 'NETWORK' || error.code === 'TIMEOUT') return true
  if (error.code !== 'HTTP') return false
  const status = error.httpStatus
  return status === undefined || status < 400 || status >= 500
}

/** Replaces every secret (session ids, password hashes) anywhere in an AppError's text. */
export function scrubAppError(error: AppError, secrets: readonly string[]): AppError {
  const present = secrets.filter((secret) => secret.length > 0)
  const clean = (text: string): string => redact(text, present)
  const cleanInfo = (info: ZStackErrorInfo): ZStackErrorInfo => ({
    ...info,
    description: info.description === undefined ? undefined : clean(info.description),
    details: info.details === undefined ? undefined : clean(info.details),
    elaboration: info.elaboration === undefined ? undefined : clean(info.elaboration),
    cause: info.cause && cleanInfo(info.cause),
    causes: info.causes?.map(cleanInfo)
  })
  const scrubbed: AppError = {
    ...error,
    message: clean(error.message),
    params: cleanParams(error.params, clean)
  }
  if (error.details !== undefined) scrubbed.details = clean(error.details)
  if (error.cause) scrubbed.cause = scrubAppError(error.cause, present)
  if (error.zstack) scrubbed.zstack = dropUndefined(cleanInfo(error.zstack))
  return scrubbed
}

function cleanParams(params: ErrorParamValues, clean: (text: string) => string): ErrorParamValues {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? clean(value) : value])
  )
}

function dropUndefined(info: ZStackErrorInfo): ZStackErrorInfo {
  const out = Object.fromEntries(
    Object.entries(info).filter(([, value]) => value !== undefined)
  ) as ZStackErrorInfo
  if (out.cause) out.cause = dropUndefined(out.cause)
  if (out.causes) out.causes = out.causes.map(dropUndefined)
  return out
}
