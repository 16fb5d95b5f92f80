// Loads profiles.json: keeps every valid entry, reports every bad one, and never loses the original bytes.
import { copyFile, lstat, readFile, readlink, realpath, rename, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { appError } from '../../shared/error-kinds'
import type { ClusterProfile } from '../../shared/profile-types'
import type { AppError, InputIssue } from '../../shared/result'
import { isDemoProfileId } from './demo-profile'
import { parseProfilesDocument, ProfilesSyntaxError } from './profile-document'
import {
  demoSettingsSchema,
  type DemoSettings,
  PROFILES_FILE_VERSION,
  entryIssue,
  type EntryProblem,
  idProblem,
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
  notices: AppError[]
  /** Set when the file could not be read nor moved aside: writing would destroy it, so saving is refused. */
  readOnlyReason?: AppError
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

/** The file is set aside for `why`; the OS's words on a failed move stay verbatim in `details`. */
async function moveAside(path: string, now: Date, why: AppError): Promise<LoadedProfiles> {
  const aside = corruptCopyName(path, now)
  const file = basename(path)
  try {
    await rename(path, aside)
  } catch (error) {
    const reason = appError('profilesNotMovedAside', { file }, { cause: why, details: errorText(error) })
    return { profiles: [], usage: new Map(), notices: [reason], readOnlyReason: reason }
  }
  return {
    profiles: [],
    usage: new Map(),
    notices: [appError('profilesMovedAside', { file, aside }, { cause: why })]
  }
}

/** The most a profiles file may hold (some 10,000 profiles): a bigger one is set aside, not parsed. */
export const MAX_PROFILES_FILE_BYTES = 10 * 1024 * 1024

export const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`

/**
 * A profiles.json that is a symbolic link is followed: reads and atomic saves go to its target, so the link
 * stays a link. Returns the path to use and, for a link, a notice saying so.
 */
export async function followProfilesLink(path: string): Promise<{ path: string; notice?: AppError }> {
  const info = await lstat(path).catch(() => undefined)
  if (!info?.isSymbolicLink()) return { path }
  const target = await realpath(path).catch(async () => resolve(dirname(path), await readlink(path)))
  return {
    path: target,
    notice: appError('profilesLinked', { file: basename(path), target })
  }
}

/** Reads and checks the file; a missing file is a first launch, not an error. */
export async function loadProfilesFile(path: string, now: Date): Promise<LoadedProfiles> {
  const size = await stat(path).then(
    (s) => s.size,
    () => 0
  )
  if (size > MAX_PROFILES_FILE_BYTES) {
    const limits = { size: megabytes(size), limit: megabytes(MAX_PROFILES_FILE_BYTES) }
    return moveAside(path, now, appError('profilesFileTooBig', limits))
  }
  let content: string
  try {
    content = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { profiles: [], usage: new Map(), notices: [] }
    return moveAside(path, now, appError('profilesFileUnreadable', {}, { details: errorText(error) }))
  }

  let entries: unknown[]
  let entryLine: (index: number) => number | undefined
  let demo: DemoSettings | undefined
  const demoNotices: AppError[] = []
  try {
    const doc = parseProfilesDocument(content, 'json')
    if (doc.version !== PROFILES_FILE_VERSION) {
      const version = doc.version === undefined ? '—' : JSON.stringify(doc.version)
      const expected = PROFILES_FILE_VERSION
      return moveAside(path, now, appError('profilesFileWrongVersion', { version, expected }))
    }
    entries = doc.entries
    entryLine = doc.entryLine
    if (doc.demo !== undefined) {
      const parsed = demoSettingsSchema.safeParse(doc.demo)
      if (parsed.success) demo = parsed.data
      else
        demoNotices.push(
          appError(
            'demoSettingsIgnored',
            { file: basename(path) },
            {
              issues: problemsOf(parsed.error).map((p) => ({
                path: `demo.${p.field}`,
                message: p.message,
                problem: p.problem
              }))
            }
          )
        )
    }
  } catch (error) {
    if (!(error instanceof ProfilesSyntaxError)) throw error
    const details = { details: error.message }
    const why =
      error.line === undefined
        ? appError('profilesFileCorrupt', {}, details)
        : appError('profilesFileCorruptAt', { line: error.line }, details)
    return moveAside(path, now, why)
  }

  const profiles: ClusterProfile[] = []
  const usage = new Map<string, string>()
  const issues: InputIssue[] = []
  let skippedEntries = 0
  const seen = new Set<string>()
  const proxyPasswords = new Map<string, string>()
  entries.forEach((entry, index) => {
    const parsed = storedProfileSchema.safeParse(withProfileDefaults(entry))
    const skip = (...problems: EntryProblem[]): void => {
      skippedEntries++
      issues.push(...problems.map((p) => entryIssue(index + 1, entryLine(index), p)))
    }
    if (!parsed.success) {
      skip(...problemsOf(parsed.error))
    } else if (isDemoProfileId(parsed.data.id)) {
      skip(idProblem(appError('demoIdReserved', {})))
    } else if (seen.has(parsed.data.id)) {
      skip(idProblem(appError('profileIdTwice', { id: parsed.data.id })))
    } else {
      seen.add(parsed.data.id)
      const { lastUsedAt, ...rest } = parsed.data
      profiles.push(toClusterProfile(rest))
      const proxyPassword = proxyPasswordIn(rest.proxyUrl)
      if (proxyPassword) proxyPasswords.set(rest.id, proxyPassword)
      if (lastUsedAt) usage.set(rest.id, lastUsedAt)
    }
  })
  if (skippedEntries === 0) return { profiles, usage, demo, proxyPasswords, notices: demoNotices }

  // The good entries are kept; a copy of the original keeps the bad ones on disk for the user.
  const copy = corruptCopyName(path, now)
  const copyError = await copyFile(path, copy).then(
    () => undefined,
    (error: unknown) => errorText(error)
  )
  const skipped = { count: skippedEntries, file: basename(path) }
  if (copyError !== undefined) {
    // Saving would rewrite the file without the bad entries, and no copy holds them: refuse to save.
    const reason = appError('profilesSkippedNotCopied', skipped, { details: copyError, issues })
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
    notices: [...demoNotices, appError('profilesSkipped', { ...skipped, copy }, { issues })]
  }
}
