import type { z } from 'zod'
import type { profileInputSchema } from './contract/fields'
import type { AppError } from './result'

/** Where a cluster's management node answers: `scheme://host:port/path/v1/...`. */
export interface Endpoint {
  scheme: 'http' | 'https'
  host: string
  port: number
  /** Context path without slashes, `zstack` by default. */
  path: string
}

export interface TlsOptions {
  /** Verify the server certificate (on unless the user opts out for this profile). */
  verify: boolean
  /** Extra trusted CA certificates in PEM, for a private CA or a self-signed node. */
  caPem?: string
}

/** A cluster profile as stored on disk: never holds a secret. */
export interface ClusterProfile {
  id: string
  name: string
  endpoint: Endpoint
  accountName: string
  folder?: string
  tls: TlsOptions
  /** The proxy without its password (the user name may stay in it); the password is in the keychain. */
  proxyUrl?: string
  /** Only in listings and events: a proxy password for this profile is in the keychain. */
  proxyPasswordStored?: boolean
  timeoutMs: number
  color?: string
  /** `as-written` or an IANA zone; absent: the node's zone as learnt at sign-in. */
  timeZone?: string
  /** `demo` marks the built-in profile backed by the embedded simulator. */
  builtIn?: 'demo'
  lastUsedAt?: string
  /** Place in the sidebar the user chose (0 first); listings come sorted by it. */
  order?: number
}

/** What the profile form sends: `id` absent means create. */
export type ProfileInput = z.input<typeof profileInputSchema>

export interface ProfileListing {
  profiles: ClusterProfile[]
  /** Problems met while loading, e.g. a corrupt file moved aside; shown once to the user, phrased by kind. */
  notices: AppError[]
  /** The user hid the built-in Demo cluster (it stays in the listing; the sidebar and the fleet leave it out). */
  demoHidden?: boolean
}

export interface ImportEntryReport {
  /** Position of the entry in the file (1-based) and its line when known. */
  index: number
  line?: number
  name?: string
  /** The profile an added or updated entry became. */
  profileId?: string
  outcome: 'added' | 'updated' | 'rejected'
  /** The entry's proxy names a user but no password is in the keychain: ask for it in the profile form. */
  needsProxyPassword?: boolean
  /** For imported entries: fields left out (a password), with the field's line when known. */
  warnings?: { field: string; line?: number; problem: AppError }[]
  /** For rejected entries: which field and why, with the field's line when known. */
  problems?: { field: string; message: string; line?: number; problem: AppError }[]
}

export interface ImportReport {
  added: number
  updated: number
  rejected: number
  entries: ImportEntryReport[]
}

export interface ExportedProfiles {
  fileName: string
  content: string
}

/**
 * `zstack`: a ZStack node answered with its version. `wrong-path`: something answered, but no ZStack API at that
 * context path. `not-zstack`: a web page answered. `failed`: no answer, or an error (see `error`).
 */
export type ConnectionVerdict = 'zstack' | 'wrong-path' | 'not-zstack' | 'failed'

export interface ConnectionReport {
  verdict: ConnectionVerdict
  /** Something answered at that address (whatever it was). */
  reachable: boolean
  /** The title of the web page that answered instead of ZStack. */
  pageTitle?: string
  /** The management node's version when it answered. */
  version?: string
  latencyMs?: number
  tls?: 'verified' | 'not-verified' | 'plain-http'
  error?: import('./result').AppError
}

export type SessionStatus = 'signed-out' | 'signed-in' | 'expired' | 'unreachable'

export interface SessionState {
  profileId: string
  status: SessionStatus
  accountName?: string
  /** ISO time at which the server will drop the session unless it is used. */
  expiresAt?: string
  /**
   * The node's offset from UTC in minutes, learnt at sign-in (its dates carry no zone): the session's createDate
   * against this computer's clock. Absent when not learnt: dates are then shown as the node wrote them.
   */
  nodeUtcOffsetMinutes?: number
  /** A password is kept in the keychain for one silent re-login. */
  rememberPassword: boolean
  /** Where the session lives: the OS keychain, or memory for this run only. */
  storage: 'keychain' | 'memory' | 'none'
  error?: import('./result').AppError
}
