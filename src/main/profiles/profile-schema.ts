// The on-disk shape of profiles.json and the defaults a hand-written profile may leave out.
import { z } from 'zod'
import { profileIdSchema, profileInputSchema } from '../../shared/contract/fields'
import type { ClusterProfile, ProfileInput } from '../../shared/profile-types'
import { appError } from '../../shared/error-kinds'
import type { AppError, InputIssue } from '../../shared/result'
import { issueProblem } from '../zod-issue'

export const PROFILES_FILE = 'profiles.json'
export const PROFILES_FILE_VERSION = 1

export const PROFILE_DEFAULTS = {
  scheme: 'http',
  port: 8080,
  path: 'zstack',
  timeoutMs: 30_000,
  tlsVerify: true
} as const

/** A stored profile: the form's fields plus its id and when it was last used. */
export const storedProfileSchema = profileInputSchema.omit({ proxyPassword: true }).extend({
  id: profileIdSchema,
  lastUsedAt: z.iso.datetime().optional(),
  /** Place in the sidebar the user chose (0 first); absent in older files, which then keep their file order. */
  order: z.number().int().min(0).max(1_000_000).optional()
})

/** The built-in Demo's settings, kept beside the profiles (it is never stored as one). */
export const demoSettingsSchema = z.strictObject({
  hidden: z.boolean().optional(),
  order: z.number().int().min(0).max(1_000_000).optional()
})
export type DemoSettings = z.infer<typeof demoSettingsSchema>

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Fills the documented defaults into a hand-written entry (only where the field is absent). */
export function withProfileDefaults(entry: unknown): unknown {
  if (!isRecord(entry)) return entry
  const endpoint = isRecord(entry.endpoint)
    ? entry.endpoint
    : entry.endpoint === undefined
      ? {}
      : entry.endpoint
  const tls = isRecord(entry.tls) ? entry.tls : entry.tls === undefined ? {} : entry.tls
  return {
    ...entry,
    endpoint: isRecord(endpoint)
      ? {
          scheme: PROFILE_DEFAULTS.scheme,
          port: PROFILE_DEFAULTS.port,
          path: PROFILE_DEFAULTS.path,
          ...endpoint
        }
      : endpoint,
    tls: isRecord(tls) ? { verify: PROFILE_DEFAULTS.tlsVerify, ...tls } : tls,
    timeoutMs: entry.timeoutMs ?? PROFILE_DEFAULTS.timeoutMs
  }
}

/** The password in a proxy URL's user-info, if any (decoded). */
export function proxyPasswordIn(proxyUrl: string | undefined): string | undefined {
  if (!proxyUrl) return undefined
  try {
    const { password } = new URL(proxyUrl)
    return password ? decodeURIComponent(password) : undefined
  } catch {
    return undefined
  }
}

/** True when the proxy URL names a user, who will need a password from the keychain. */
export function proxyHasUser(proxyUrl: string | undefined): boolean {
  if (!proxyUrl) return false
  try {
    return new URL(proxyUrl).username !== ''
  } catch {
    return false
  }
}

/** The proxy URL as stored and shown: the user name may stay, the password never does. */
export function withoutProxyPassword(proxyUrl: string): string {
  let url: URL
  try {
    url = new URL(proxyUrl)
  } catch {
    // Not a URL we can edit: cut whatever follows the user name in the user-info.
    return proxyUrl.replace(/^(https?:\/\/[^:@/]*):[^@]*@/i, '$1@')
  }
  if (!url.password) return proxyUrl
  url.password = ''
  // URL adds a "/" path to a bare host:port; keep the user's spelling.
  return proxyUrl.endsWith('/') ? url.href : url.href.replace(/\/$/, '')
}

/** Drops optional fields that are present but empty, so the stored JSON stays minimal. */
export function toClusterProfile(
  input: ProfileInput & { id: string; lastUsedAt?: string; order?: number }
): ClusterProfile {
  const profile: ClusterProfile = {
    id: input.id,
    name: input.name,
    endpoint: { ...input.endpoint },
    accountName: input.accountName,
    tls: input.tls.caPem
      ? { verify: input.tls.verify, caPem: input.tls.caPem }
      : { verify: input.tls.verify },
    timeoutMs: input.timeoutMs
  }
  if (input.folder) profile.folder = input.folder
  if (input.proxyUrl) profile.proxyUrl = withoutProxyPassword(input.proxyUrl)
  if (input.color) profile.color = input.color
  if (input.timeZone) profile.timeZone = input.timeZone
  if (input.lastUsedAt) profile.lastUsedAt = input.lastUsedAt
  if (input.order !== undefined) profile.order = input.order
  return profile
}

export interface EntryProblem {
  field: string
  /** English, for logs and the start-up notice. */
  message: string
  problem: AppError
}

export function problemsOf(error: z.ZodError): EntryProblem[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join('.')
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : []
    if (unknownKeys.length > 0) {
      return {
        field: [path, unknownKeys[0]].filter(Boolean).join('.'),
        message: `is not a profile field (${unknownKeys.join(', ')}); remove it`,
        problem: issueProblem(issue, [path, ...unknownKeys].filter(Boolean).join('.'))
      }
    }
    const field = path || '(entry)'
    return { field, message: issue.message, problem: issueProblem(issue, field) }
  })
}

/** A problem with an entry's id (the Demo's own, or one already taken). */
export const idProblem = (problem: AppError): EntryProblem => ({
  field: 'id',
  message: problem.message,
  problem
})

/** A problem of entry `entry` (1-based) as an issue the window phrases: "Entry 2 (line 5) was skipped (…)". */
export function entryIssue(entry: number, line: number | undefined, p: EntryProblem): InputIssue {
  const problem =
    line === undefined
      ? appError('profileEntrySkipped', { entry }, { cause: p.problem })
      : appError('profileEntrySkippedAt', { entry, line }, { cause: p.problem })
  return { path: p.field, message: problem.message, problem }
}

/** True when two profiles point at the same management node. */
export function sameEndpoint(a: ClusterProfile['endpoint'], b: ClusterProfile['endpoint']): boolean {
  return (
    a.scheme === b.scheme &&
    a.host.toLowerCase() === b.host.toLowerCase() &&
    a.port === b.port &&
    a.path.replace(/^\/+|\/+$/g, '') === b.path.replace(/^\/+|\/+$/g, '')
  )
}
