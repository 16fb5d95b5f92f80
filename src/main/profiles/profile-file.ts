// Loads profiles.json: keeps every valid entry, reports every bad one, and never loses the original bytes.
import { copyFile, lstat, readFile, readlink, realpath, rename, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { ClusterProfile } from '../../shared/profile-types'
import { isDemoProfileId } from './demo-profile'
import { parseProfilesDocument, ProfilesSyntaxError } from './profile-document'
import {
  demoSettingsSchema,
  type DemoSettings,
  PROFILES_FILE_VERSION,
  problemsOf,
  storedProfileSchema,
  proxyPasswordIn,
  toClusterProfile,
  withProfileDefaults
} from './profile-schema'

export interface LoadedProfiles {
  profiles: ClusterProfile[]
  /** When each profile was last used, kept beside the profiles so usage never rewrites them. */
  usage: Map<string, string>
  /** The Demo's place and visibility, as the user left them. */
  demo?: DemoSettings
  notices: string[]
  /** Set when the file could not be read nor moved aside: writing would destroy it, so saving is refused. */
  readOnlyReason?: string
  /** Proxy passwords found in the URLs of an older file, by profile id: they belong in the keychain. */
  proxyPasswords?: Map<string, string>
}

export function corruptCopyName(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const name = basename(path).replace(/\.json$/, '')
  return join(dirname(path), `${name}.corrupt-${stamp}.json`)
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

async function moveAside(path: string, now: Date, why: string): Promise<LoadedProfiles> {
  const aside = corruptCopyName(path, now)
  try {
    await rename(path, aside)
  } catch (error) {
    const reason = `${basename(path)} ${why}, and could not be moved aside (${errorText(error)}). Fix or remove it; until then changes to profiles cannot be saved.`
    return { profiles: [], usage: new Map(), notices: [reason], readOnlyReason: reason }
  }
  return {
    profiles: [],
    usage: new Map(),
    notices: [
      `${basename(path)} ${why}. It was moved to ${aside} and nothing was deleted; re-import what you need from it.`
    ]
  }
}

/** The most a profiles file may hold (some 10,000 profiles): a bigger one is set aside, not parsed. */
export const MAX_PROFILES_FILE_BYTES = 10 * 1024 * 1024

export const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`

/** The text of a profiles file over MAX_PROFILES_FILE_BYTES, saying what to do. */
export function tooBigText(bytes: number): string {
  return `is ${megabytes(bytes)}, more than the ${megabytes(MAX_PROFILES_FILE_BYTES)} a profiles file may be`
}

/**
 * A profiles.json that is a symbolic link is followed: reads and atomic saves go to its target, so the link
 * stays a link. Returns the path to use and, for a link, a notice saying so.
 */
export async function followProfilesLink(path: string): Promise<{ path: string; notice?: string }> {
  const info = await lstat(path).catch(() => undefined)
  if (!info?.isSymbolicLink()) return { path }
  const target = await realpath(path).catch(async () => resolve(dirname(path), await readlink(path)))
  return {
    path: target,
    notice: `${basename(path)} is a link to ${target}; profiles are read from and saved to ${target}.`
  }
}

/** Reads and checks the file; a missing file is a first launch, not an error. */
export async function loadProfilesFile(path: string, now: Date): Promise<LoadedProfiles> {
  const size = await stat(path).then(
    (s) => s.size,
    () => 0
  )
  if (size > MAX_PROFILES_FILE_BYTES) return moveAside(path, now, tooBigText(size))
  let content: string
  try {
    content = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { profiles: [], usage: new Map(), notices: [] }
    return moveAside(path, now, `could not be read (${errorText(error)})`)
  }

  let entries: unknown[]
  let entryLine: (index: number) => number | undefined
  let demo: DemoSettings | undefined
  const demoNotices: string[] = []
  try {
    const doc = parseProfilesDocument(content, 'json')
    if (doc.version !== PROFILES_FILE_VERSION) {
      const found = doc.version === undefined ? 'no version' : `version ${JSON.stringify(doc.version)}`
      return moveAside(path, now, `has ${found}; this ZStack Desk reads version ${PROFILES_FILE_VERSION}`)
    }
    entries = doc.entries
    entryLine = doc.entryLine
    if (doc.demo !== undefined) {
      const parsed = demoSettingsSchema.safeParse(doc.demo)
      if (parsed.success) demo = parsed.data
      else
        demoNotices.push(
          `The Demo cluster's settings in ${basename(path)} were ignored: ${problemsOf(parsed.error)
            .map((p) => `demo.${p.field} ${p.message}`)
            .join('; ')}`
        )
    }
  } catch (error) {
    if (!(error instanceof ProfilesSyntaxError)) throw error
    const where = error.line === undefined ? '' : ` (line ${error.line})`
    return moveAside(path, now, `is corrupt: ${error.message}${where}`)
  }

  const profiles: ClusterProfile[] = []
  const usage = new Map<string, string>()
  const problems: string[] = []
  const seen = new Set<string>()
  const proxyPasswords = new Map<string, string>()
  entries.forEach((entry, index) => {
    const parsed = storedProfileSchema.safeParse(withProfileDefaults(entry))
    const line = entryLine(index)
    const label = `entry ${index + 1}${line === undefined ? '' : ` (line ${line})`}`
    if (!parsed.success) {
      const detail = problemsOf(parsed.error)
        .map((p) => `${p.field} ${p.message}`)
        .join('; ')
      problems.push(`${label}: ${detail}`)
    } else if (isDemoProfileId(parsed.data.id)) {
      problems.push(`${label}: id "demo" belongs to the built-in Demo cluster`)
    } else if (seen.has(parsed.data.id)) {
      problems.push(`${label}: id "${parsed.data.id}" appears twice`)
    } else {
      seen.add(parsed.data.id)
      const { lastUsedAt, ...rest } = parsed.data
      profiles.push(toClusterProfile(rest))
      const proxyPassword = proxyPasswordIn(rest.proxyUrl)
      if (proxyPassword) proxyPasswords.set(rest.id, proxyPassword)
      if (lastUsedAt) usage.set(rest.id, lastUsedAt)
    }
  })
  if (problems.length === 0) return { profiles, usage, demo, proxyPasswords, notices: demoNotices }

  // The good entries are kept; a copy of the original keeps the bad ones on disk for the user.
  const copy = corruptCopyName(path, now)
  const copyError = await copyFile(path, copy).then(
    () => undefined,
    (error: unknown) => errorText(error)
  )
  const summary = `${problems.length} profile(s) in ${basename(path)} were skipped because they are invalid`
  const detail = problems.join(' | ')
  if (copyError !== undefined) {
    // Saving would rewrite the file without the bad entries, and no copy holds them: refuse to save.
    const reason = `${summary}, and the original could not be copied aside (${copyError}); changes cannot be saved until it is fixed. ${detail}`
    return {
      profiles,
      usage,
      demo,
      proxyPasswords,
      notices: [...demoNotices, reason],
      readOnlyReason: reason
    }
  }
  return {
    profiles,
    usage,
    demo,
    proxyPasswords,
    notices: [...demoNotices, `${summary}; a copy of the original file is at ${copy}. ${detail}`]
  }
}
