// The profile form's editable copy, its checks (the same rules main's schema applies), and the ProfileInput it sends.
import type { AppError, ClusterProfile, InputIssue, ProfileInput } from '../../../../shared/api'
import {
  caPemSchema,
  endpointPathSchema,
  hostnameSchema,
  PEM_MAX_LENGTH,
  proxyUrlSchema,
  timeZoneSettingSchema
} from '../../../../shared/contract/fields'
import { DEFAULT_ENDPOINT_PATH, endpointFromUrl, splitHostPort } from '../../../../shared/endpoint-address'

export interface ProfileDraft {
  id?: string
  name: string
  folder: string
  color: string | null
  scheme: 'http' | 'https'
  host: string
  port: number | null
  path: string
  accountName: string
  verifyTls: boolean
  caPem: string
  caFileName: string
  proxyUrl: string
  /** Typed only: never filled from the keychain. */
  proxyPassword: string
  /** The keychain holds a proxy password for the profile being edited. */
  proxyPasswordStored: boolean
  timeoutSec: number | null
  /** NODE_ZONE, `as-written` or an IANA zone. */
  timeZone: string
}

/** The draft's value for "the node's zone, as learnt at sign-in" (the profile leaves `timeZone` out). */
export const NODE_ZONE = 'node'

export type DraftField =
  | 'name'
  | 'folder'
  | 'host'
  | 'port'
  | 'path'
  | 'accountName'
  | 'caPem'
  | 'proxyUrl'
  | 'timeoutSec'
  | 'color'
  | 'timeZone'

/** Field → i18n key of what is wrong with it. */
export type DraftErrors = Partial<Record<DraftField, string>>

export const PROFILE_COLOURS = [
  '#1e88e5',
  '#43a047',
  '#fb8c00',
  '#e53935',
  '#8e24aa',
  '#00897b',
  '#6d4c41',
  '#546e7a'
]
export const DEFAULT_PORT = 8080
/** The port HTTPS suggests when the port is still HTTP's default (and HTTP's back). */
export const HTTPS_PORT = 443
export const DEFAULT_PATH = DEFAULT_ENDPOINT_PATH
/** A check that only says a field is empty: shown after a save or test attempt, never while filling in. */
export const REQUIRED = 'profileForm.errors.required'
export const DEFAULT_TIMEOUT_SEC = 30

/** The palette colour the fewest profiles wear (the first such), so a new profile stands apart from the others. */
export function freshColour(inUse: readonly (string | undefined)[]): string {
  const uses = (colour: string): number =>
    inUse.filter((c) => c?.toLowerCase() === colour.toLowerCase()).length
  return PROFILE_COLOURS.reduce((best, colour) => (uses(colour) < uses(best) ? colour : best))
}

export function emptyDraft(coloursInUse: readonly (string | undefined)[] = []): ProfileDraft {
  return {
    name: '',
    folder: '',
    color: freshColour(coloursInUse),
    scheme: 'http',
    host: '',
    port: DEFAULT_PORT,
    path: DEFAULT_PATH,
    accountName: 'admin',
    verifyTls: true,
    caPem: '',
    caFileName: '',
    proxyUrl: '',
    proxyPassword: '',
    proxyPasswordStored: false,
    timeoutSec: DEFAULT_TIMEOUT_SEC,
    timeZone: NODE_ZONE
  }
}

/** A draft from a stored profile: edit keeps its id, duplicate drops it and renames. */
export function draftFromProfile(
  profile: ClusterProfile,
  mode: 'edit' | 'duplicate',
  copySuffix: string
): ProfileDraft {
  return {
    id: mode === 'edit' ? profile.id : undefined,
    name: mode === 'edit' ? profile.name : `${profile.name} ${copySuffix}`.slice(0, 100),
    folder: profile.folder ?? '',
    color: profile.color ?? null,
    scheme: profile.endpoint.scheme,
    host: profile.endpoint.host,
    port: profile.endpoint.port,
    path: profile.endpoint.path,
    accountName: profile.accountName,
    verifyTls: profile.tls.verify,
    caPem: profile.tls.caPem ?? '',
    caFileName: profile.tls.caPem ? 'ca.pem' : '',
    proxyUrl: profile.proxyUrl ?? '',
    proxyPassword: '',
    // A duplicate is a new profile: the original's keychain entry is not its own.
    proxyPasswordStored: mode === 'edit' && profile.proxyPasswordStored === true,
    timeoutSec: Math.round(profile.timeoutMs / 1000),
    timeZone: profile.timeZone ?? NODE_ZONE
  }
}

const normalisePath = (path: string): string => path.trim().replace(/^\/+|\/+$/g, '')

/** What is wrong with the draft, field by field; empty when it can be saved. */
export function validateDraft(draft: ProfileDraft): DraftErrors {
  const errors: DraftErrors = {}
  const name = draft.name.trim()
  if (!name) errors.name = REQUIRED
  else if (name.length > 100) errors.name = 'profileForm.errors.tooLong'
  if (draft.folder.trim().length > 100) errors.folder = 'profileForm.errors.tooLong'
  const host = draft.host.trim()
  if (!host) errors.host = REQUIRED
  else if (host.includes('://') || host.includes('/')) errors.host = 'profileForm.errors.hostWithScheme'
  else if (!hostnameSchema.safeParse(host).success) errors.host = 'profileForm.errors.host'
  if (draft.port === null || !Number.isInteger(draft.port) || draft.port < 1 || draft.port > 65535) {
    errors.port = 'profileForm.errors.port'
  }
  const path = normalisePath(draft.path)
  if (!endpointPathSchema.safeParse(path).success) errors.path = 'profileForm.errors.path'
  const account = draft.accountName.trim()
  if (!account) errors.accountName = REQUIRED
  else if (account.length > 128) errors.accountName = 'profileForm.errors.tooLong'
  if (draft.caPem) {
    if (draft.caPem.length > PEM_MAX_LENGTH) errors.caPem = 'profileForm.errors.pemTooLarge'
    else if (!caPemSchema.safeParse(draft.caPem).success) errors.caPem = 'profileForm.errors.pem'
  }
  const proxy = draft.proxyUrl.trim()
  if (proxy && !proxyUrlSchema.safeParse(proxy).success) errors.proxyUrl = 'profileForm.errors.proxy'
  const timeout = draft.timeoutSec
  if (timeout === null || !Number.isInteger(timeout) || timeout < 1 || timeout > 600) {
    errors.timeoutSec = 'profileForm.errors.timeout'
  }
  if (draft.color !== null && !/^#[0-9a-fA-F]{6}$/.test(draft.color))
    errors.color = 'profileForm.errors.color'
  if (draft.timeZone !== NODE_ZONE && !timeZoneSettingSchema.safeParse(draft.timeZone).success)
    errors.timeZone = 'profileForm.errors.timeZone'
  return errors
}

/** The payload for saveProfile / testConnection; only call it on a draft without errors. */
export function draftToInput(draft: ProfileDraft): ProfileInput {
  const input: ProfileInput = {
    name: draft.name.trim(),
    endpoint: {
      scheme: draft.scheme,
      host: draft.host.trim(),
      port: draft.port ?? DEFAULT_PORT,
      path: normalisePath(draft.path)
    },
    accountName: draft.accountName.trim(),
    tls: draft.caPem ? { verify: draft.verifyTls, caPem: draft.caPem } : { verify: draft.verifyTls },
    timeoutMs: (draft.timeoutSec ?? DEFAULT_TIMEOUT_SEC) * 1000
  }
  if (draft.id) input.id = draft.id
  if (draft.folder.trim()) input.folder = draft.folder.trim()
  if (draft.proxyUrl.trim()) input.proxyUrl = draft.proxyUrl.trim()
  if (draft.proxyUrl.trim() && draft.proxyPassword) input.proxyPassword = draft.proxyPassword
  if (draft.color) input.color = draft.color
  if (draft.timeZone !== NODE_ZONE) input.timeZone = draft.timeZone
  return input
}

/** A pasted `https://node:8443/zstack` fills scheme, host, port and path; a typed `node:8443` host and port. */
export function splitPastedUrl(text: string): Partial<ProfileDraft> | undefined {
  return endpointFromUrl(text) ?? splitHostPort(text)
}

/** The port to show after choosing a scheme: HTTPS suggests 443 while the port is still HTTP's default, and back. */
export function portForScheme(scheme: ProfileDraft['scheme'], port: number | null): number | null {
  if (scheme === 'https' && port === DEFAULT_PORT) return HTTPS_PORT
  if (scheme === 'http' && port === HTTPS_PORT) return DEFAULT_PORT
  return port
}

const ISSUE_FIELDS: Record<string, DraftField> = {
  name: 'name',
  folder: 'folder',
  'endpoint.host': 'host',
  'endpoint.port': 'port',
  'endpoint.path': 'path',
  accountName: 'accountName',
  'tls.caPem': 'caPem',
  proxyUrl: 'proxyUrl',
  timeoutMs: 'timeoutSec',
  color: 'color',
  timeZone: 'timeZone'
}

/** Main's own validation answer, put beside the fields it names (as kinds, phrased by the form). */
export function issuesByField(issues: InputIssue[] | undefined): Partial<Record<DraftField, AppError>> {
  const byField: Partial<Record<DraftField, AppError>> = {}
  for (const issue of issues ?? []) {
    const path = issue.path.replace(/^(profile|input)\./, '')
    const field = ISSUE_FIELDS[path]
    if (field && !byField[field]) byField[field] = issue.problem
  }
  return byField
}
