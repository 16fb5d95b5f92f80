import type { ErrorKind, ErrorParamValues } from './error-kinds'
import type { ZStackErrorInfo } from './zstack-types'

/** Stable codes the UI switches on; the kind says what exactly happened, codes are for code. */
export type AppErrorCode =
  | 'ZSTACK'
  | 'HTTP'
  | 'NETWORK'
  | 'TLS'
  | 'TIMEOUT'
  | 'SESSION_EXPIRED'
  | 'NOT_SIGNED_IN'
  | 'INVALID_INPUT'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'JOB_EXPIRED'
  | 'NOT_FOUND'
  | 'MIGRATION_IN_PROGRESS'
  | 'PROFILES_CORRUPT'
  | 'FORBIDDEN'
  | 'INTERNAL'
  /** A ZStack answer over a stated limit (decoded size, JSON depth): dropped unread. */
  | 'ANSWER_LIMIT'
  /** migrations.json is unreadable and could not be copied aside: it is not written, so no migration starts. */
  | 'JOURNAL_UNWRITABLE'
  /** Not a failed call: what main tells the user on its own at start (a folder made private, a file set aside). */
  | 'NOTICE'

export interface InputIssue {
  /** Dotted path of the offending field, e.g. `params.downTime`. */
  path: string
  /** English, for logs. */
  message: string
  /** The problem as a kind with parameters, for the window to phrase. */
  problem: AppError
}

export interface TlsProblem {
  /** Node's error code, e.g. SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID. */
  reason: string
  subject?: string
  issuer?: string
  validTo?: string
  fingerprint256?: string
}

/** Build one with `appError(kind, params)` from './error-kinds'; the renderer phrases kind + params. */
export interface AppError {
  code: AppErrorCode
  /** What exactly happened: a key of ERROR_KINDS, whose text the renderer shows in the chosen language. */
  kind: ErrorKind
  params: ErrorParamValues
  /** English, built from ERROR_KINDS, for logs only: never shown in the window. */
  message: string
  /** Verbatim text from the server, the network stack or a file: shown as is. */
  details?: string
  /** The error this one wraps (e.g. an answer lost in transit). */
  cause?: AppError
  /** The ZStack error for server-side failures (code ZSTACK), with its cause chain. */
  zstack?: ZStackErrorInfo
  httpStatus?: number
  tls?: TlsProblem
  issues?: InputIssue[]
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError }
