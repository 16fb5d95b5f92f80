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
  return {
    code: 'INTERNAL',
    message: 'ZStack Desk hit an unexpected problem. Try again; if it persists, report it with the log file.',
    details: message.slice(0, 500)
  }
}

/** Where a request went, for messages: never holds a secret. */
export interface FailureContext {
  host: string
  port: number
  timeoutMs: number
  /** The proxy as `host:port` (no credentials) when the profile uses one. */
  proxy?: string
}

const address = (ctx: FailureContext): string =>
  `${ctx.host.includes(':') ? `[${ctx.host}]` : ctx.host}:${ctx.port}`

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

const withoutStop = (text: string): string => text.trim().replace(/[.。]+$/, '')

/** What to do about the ZStack errors a user of this app meets most. */
const ZSTACK_HINTS: Record<string, string> = {
  'ID.1000': 'Check the account name and password.',
  'ID.1002': 'This account lacks the permission; ask a ZStack administrator.',
  'SYS.1001': 'The management node timed out; try again in a moment.',
  'SYS.1003': 'It may have been deleted; refresh and try again.',
  'VM.1008': 'Check the VM state: only Running, Paused or Unknown VMs can be live-migrated.',
  'VM.1010': 'Check the VM state and try again when it allows the operation.',
  'HOST_ALLOCATION.1000': 'No host qualifies; pick another destination or free capacity.',
  'HOST.1009': 'The hypervisor could not migrate the VM; check both hosts, then try again.',
  'HOST.1010': 'The host is disconnected; reconnect it in ZStack, then try again.'
}

/** A ZStack error body (`{"error": {...}}`, HTTP 503) as an AppError; ID.1001 is an expired session. */
export function zstackErrorToAppError(info: ZStackErrorInfo, httpStatus = 503): AppError {
  if (info.code === 'ID.1001') {
    return {
      code: 'SESSION_EXPIRED',
      message: 'The session on this cluster has expired or was ended on the server. Sign in again.',
      details: info.details ?? info.description,
      zstack: info,
      httpStatus
    }
  }
  const what = withoutStop(info.description || info.details || 'The management node reported an error')
  const hint = ZSTACK_HINTS[info.code] ?? (info.cause ? ZSTACK_HINTS[info.cause.code] : undefined)
  return {
    code: 'ZSTACK',
    message: `${what} (ZStack ${info.code}). ${hint ?? 'See the details from the management node.'}`,
    details: causeChainText(info),
    zstack: info,
    httpStatus
  }
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

/** Any HTTP answer that is not the success the caller expected, by the shape of its body. */
export function responseToAppError(status: number, rawBody: unknown, ctx: FailureContext): AppError {
  const body: SniffedBody = sniffBody(rawBody)
  const zstack = zstackErrorOf(body)
  if (zstack) return zstackErrorToAppError(zstack, status)
  const from = address(ctx)

  if (body.kind === 'html') {
    return {
      code: 'HTTP',
      message: `A proxy or gateway answered with an HTML page (HTTP ${status}) instead of ZStack at ${from}. Check the profile's address and proxy settings, and that the management node is running.`,
      details: body.title ? `Page title: ${body.title}` : `Page start: ${oneLine(body.text, 200)}`,
      httpStatus: status
    }
  }
  const raw = body.kind === 'empty' ? '' : body.kind === 'json' ? JSON.stringify(body.value) : body.text
  if (status >= 200 && status < 300) {
    const problem =
      body.kind === 'empty'
        ? 'an empty answer'
        : body.kind === 'broken-json'
          ? 'an answer that was cut off or is not valid JSON'
          : body.kind === 'json'
            ? 'JSON that is not the expected answer'
            : 'plain text instead of JSON'
    return {
      code: 'HTTP',
      message: `The management node at ${from} sent ${problem} (HTTP ${status}). Try again; if it keeps happening, check any proxy between this computer and the node.`,
      details: raw ? `${raw.length} characters received: ${oneLine(raw, 300)}` : undefined,
      httpStatus: status
    }
  }

  const said = raw ? `: ${withoutStop(oneLine(raw, 300))}` : ''
  let message: string
  if (status >= 300 && status < 400) {
    message = `The address ${from} redirects elsewhere (HTTP ${status}). Check the profile's scheme (http or https), port and path.`
  } else if (status === 404) {
    message = `Nothing was found at ${from} (HTTP 404${said}). Check the profile's port and context path (usually "zstack").`
  } else if (status >= 400 && status < 500) {
    message = `The management node rejected the request (HTTP ${status}${said}). If it repeats, report it with the log file.`
  } else {
    message = `The management node failed to answer (HTTP ${status}${said}). Try again in a moment; if it persists, check the node's logs.`
  }
  return {
    code: 'HTTP',
    message,
    details: raw ? oneLine(raw, 2000) : undefined,
    httpStatus: status
  }
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
  let message: string
  if (UNTRUSTED_CODES.has(reason)) {
    message = `The certificate of ${from} is not signed by an authority this computer trusts (${reason}). If you trust this node, add its CA certificate (PEM) to the profile after checking the fingerprint below against the server's.`
  } else if (reason === 'CERT_HAS_EXPIRED') {
    message = `The certificate of ${from} expired${peer?.validTo ? ` on ${peer.validTo}` : ''}. Renew the management node's certificate, then connect again.`
  } else if (reason === 'CERT_NOT_YET_VALID') {
    message = `The certificate of ${from} is not valid yet. Check the clock of this computer and of the management node.`
  } else if (reason === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    message = `The certificate of ${from} was issued for another name${peer?.subjectAltName ? ` (${peer.subjectAltName})` : ''}. Check the host name in the profile: use the name the certificate was issued for.`
  } else {
    message = `The secure connection to ${from} failed (${reason}). Check that the profile's scheme (https) and port match the node; a plain-HTTP port cannot answer TLS.`
  }
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
  return {
    code: 'TLS',
    message,
    details,
    tls: {
      reason,
      subject: peer?.subject,
      issuer: peer?.issuer,
      validTo: peer?.validTo,
      fingerprint256: peer?.fingerprint256
    }
  }
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
  const via = ctx.proxy ? ` (through the proxy ${ctx.proxy})` : ''
  if (code && TIMEOUT_CODES.has(code)) {
    const seconds = Math.round(ctx.timeoutMs / 100) / 10
    return {
      code: 'TIMEOUT',
      message: `No answer from ${from}${via} within ${seconds} s. The node may be busy or unreachable: try again, or raise the profile's timeout.`
    }
  }
  if (isTlsFailureCode(code)) return tlsToAppError(code as string, ctx, peer)
  switch (code) {
    case 'ECONNREFUSED':
      return {
        code: 'NETWORK',
        message: ctx.proxy
          ? `Nothing answers at the proxy ${ctx.proxy}: check the profile's proxy setting.`
          : `Nothing answers at ${from}: check the address and that the management node is running.`,
        details: code
      }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        code: 'NETWORK',
        message: `The name ${ctx.host} could not be resolved (DNS${code === 'EAI_AGAIN' ? ', temporary failure' : ''}). Check the host name in the profile and this computer's network.`,
        details: code
      }
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        code: 'NETWORK',
        message: `The connection to ${from}${via} was closed before an answer came. Try again; if it repeats, check any proxy or firewall in between.`,
        details: code
      }
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return {
        code: 'NETWORK',
        message: `${from} cannot be reached from this computer (${code}). Check the network, VPN or firewall.`,
        details: code
      }
  }
  if (code && NETWORK_CODES.has(code)) {
    return {
      code: 'NETWORK',
      message: `Could not talk to ${from}${via} (${code}). Check the address and the network.`,
      details: code
    }
  }
  const text = error instanceof Error ? error.message : String(error)
  if (/socket hang up|network error|aborted/i.test(text)) {
    return {
      code: 'NETWORK',
      message: `The connection to ${from}${via} was closed before an answer came. Try again; if it repeats, check any proxy or firewall in between.`,
      details: oneLine(text, 200)
    }
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
  const scrubbed: AppError = { ...error, message: clean(error.message) }
  if (error.details !== undefined) scrubbed.details = clean(error.details)
  if (error.zstack) scrubbed.zstack = dropUndefined(cleanInfo(error.zstack))
  return scrubbed
}

function dropUndefined(info: ZStackErrorInfo): ZStackErrorInfo {
  const out = Object.fromEntries(
    Object.entries(info).filter(([, value]) => value !== undefined)
  ) as ZStackErrorInfo
  if (out.cause) out.cause = dropUndefined(out.cause)
  if (out.causes) out.causes = out.causes.map(dropUndefined)
  return out
}
