// Merges an imported profiles file into the current list and reports each entry's fate with its line.
import { randomUUID } from 'node:crypto'
import { stringify } from 'yaml'
import { MAX_PROFILES_FILE_BYTES, megabytes } from './profile-file'
import { appError } from '../../shared/error-kinds'
import type {
  ClusterProfile,
  ExportedProfiles,
  ImportEntryReport,
  ImportReport
} from '../../shared/profile-types'
import type { AppError, InputIssue } from '../../shared/result'
import { deskError } from '../desk-error'
import { endpointFromUrl } from '../../shared/endpoint-address'
import { isDemoProfileId } from './demo-profile'
import {
  detectFormat,
  parseProfilesDocument,
  ProfilesSyntaxError,
  type ProfilesDocument
} from './profile-document'
import {
  entryIssue,
  type EntryProblem,
  idProblem,
  PROFILES_FILE_VERSION,
  problemsOf,
  proxyHasUser,
  sameEndpoint,
  storedProfileSchema,
  toClusterProfile,
  withProfileDefaults
} from './profile-schema'

/** An import entry may omit its id (a new profile) and may carry lastUsedAt, which is ignored. */
const importEntrySchema = storedProfileSchema.partial({ id: true })

export interface ProfileChange {
  before?: ClusterProfile
  after?: ClusterProfile
}

export interface ImportPlan {
  profiles: ClusterProfile[]
  report: ImportReport
  changes: ProfileChange[]
}

/** Parses the file or throws INVALID_INPUT naming the line; nothing is imported from a file that does not parse. */
export function readImportFile(content: string, fileName?: string): ProfilesDocument {
  const bytes = Buffer.byteLength(content)
  if (bytes > MAX_PROFILES_FILE_BYTES)
    throw deskError('importTooLarge', { size: megabytes(bytes), limit: megabytes(MAX_PROFILES_FILE_BYTES) })
  const format = detectFormat(content, fileName)
  let doc: ProfilesDocument
  try {
    doc = parseProfilesDocument(content, format)
  } catch (error) {
    if (!(error instanceof ProfilesSyntaxError)) throw error
    // The parser's own words stay verbatim; the line is a parameter of the kind.
    const extra = { details: error.message }
    throw error.line === undefined
      ? deskError('importUnreadable', {}, extra)
      : deskError('importUnreadableAt', { line: error.line }, extra)
  }
  if (doc.version !== undefined && doc.version !== PROFILES_FILE_VERSION) {
    throw deskError('importUnsupportedVersion', {
      version: JSON.stringify(doc.version),
      expected: PROFILES_FILE_VERSION
    })
  }
  return doc
}

/** Keys a hand-written entry may carry that are never imported: passwords are typed in the app, kept in the keychain. */
const CREDENTIAL_KEYS = ['password', 'proxyPassword'] as const

interface PreparedEntry {
  entry: unknown
  /** Fields left out with a reason, the entry still imported. */
  ignored: { field: string; problem: AppError }[]
  /** Fields that make the entry unusable (checked before the schema). */
  problems: EntryProblem[]
}

const problemAt = (field: string, problem: AppError): EntryProblem => ({
  field,
  message: problem.message,
  problem
})

/** Drops credentials (with a warning) and turns `url: https://node:8443/zstack` into the endpoint. */
function prepareEntry(raw: unknown): PreparedEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { entry: raw, ignored: [], problems: [] }
  const entry: Record<string, unknown> = { ...(raw as Record<string, unknown>) }
  const ignored = CREDENTIAL_KEYS.filter((key) => key in entry).map((field) => {
    delete entry[field]
    return { field, problem: appError('importCredentialIgnored', { field }) }
  })
  if (!('url' in entry)) return { entry, ignored, problems: [] }
  const { url, ...rest } = entry
  if ('endpoint' in rest)
    return {
      entry,
      ignored,
      problems: [problemAt('url', appError('importUrlWithEndpoint', { field: 'url' }))]
    }
  const endpoint = typeof url === 'string' ? endpointFromUrl(url) : undefined
  if (!endpoint)
    return { entry, ignored, problems: [problemAt('url', appError('importUrlInvalid', { field: 'url' }))] }
  return { entry: { ...rest, endpoint }, ignored, problems: [] }
}

function located(doc: ProfilesDocument, index: number, field: string): { line?: number } {
  const line = doc.fieldLine(index, field)
  return line === undefined ? {} : { line }
}

function rejected(doc: ProfilesDocument, index: number, name: unknown, problems: EntryProblem[]) {
  const entry: ImportEntryReport = {
    index: index + 1,
    outcome: 'rejected',
    problems: problems.map((p) => ({ ...p, ...located(doc, index, p.field) }))
  }
  const line = doc.entryLine(index)
  if (line !== undefined) entry.line = line
  if (typeof name === 'string' && name.trim()) entry.name = name.trim()
  return entry
}

/** Applies each valid entry: same id, or same name and endpoint, updates; anything else is added. */
export function planImport(doc: ProfilesDocument, current: readonly ClusterProfile[]): ImportPlan {
  const profiles = [...current]
  const entries: ImportEntryReport[] = []
  const changes: ProfileChange[] = []
  doc.entries.forEach((raw, index) => {
    const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined
    const prepared = prepareEntry(raw)
    if (prepared.problems.length > 0) {
      entries.push(rejected(doc, index, name, prepared.problems))
      return
    }
    const parsed = importEntrySchema.safeParse(withProfileDefaults(prepared.entry))
    if (!parsed.success) {
      entries.push(rejected(doc, index, name, problemsOf(parsed.error)))
      return
    }
    const { lastUsedAt: _ignored, ...input } = parsed.data
    if (isDemoProfileId(input.id)) {
      entries.push(rejected(doc, index, name, [idProblem(appError('demoIdReserved', {}))]))
      return
    }
    const byId = input.id === undefined ? -1 : profiles.findIndex((p) => p.id === input.id)
    const at =
      byId >= 0
        ? byId
        : profiles.findIndex((p) => p.name === input.name && sameEndpoint(p.endpoint, input.endpoint))
    const line = doc.entryLine(index)
    const report: ImportEntryReport = {
      index: index + 1,
      name: input.name,
      outcome: at >= 0 ? 'updated' : 'added'
    }
    if (line !== undefined) report.line = line
    if (prepared.ignored.length > 0)
      report.warnings = prepared.ignored.map((w) => ({ ...w, ...located(doc, index, w.field) }))
    if (at >= 0) {
      const before = profiles[at]!
      const after = toClusterProfile({ ...input, id: before.id })
      profiles[at] = after
      changes.push({ before, after })
      report.profileId = after.id
    } else {
      const after = toClusterProfile({ ...input, id: input.id ?? randomUUID() })
      profiles.push(after)
      changes.push({ after })
      report.profileId = after.id
    }
    // A password written into the file's proxy URL is not taken (toClusterProfile drops it): the user enters it.
    if (proxyHasUser(input.proxyUrl)) report.needsProxyPassword = true
    entries.push(report)
  })
  const count = (outcome: ImportEntryReport['outcome']): number =>
    entries.filter((e) => e.outcome === outcome).length
  return {
    profiles,
    changes,
    report: { added: count('added'), updated: count('updated'), rejected: count('rejected'), entries }
  }
}

/** Each problem of each rejected entry, as issues the window phrases, for notices. */
export function rejectionIssues(report: ImportReport): InputIssue[] {
  return report.entries
    .filter((e) => e.outcome === 'rejected')
    .flatMap((e) => (e.problems ?? []).map((p) => entryIssue(e.index, e.line, p)))
}

/** The profiles as a file to hand around: no ids of built-ins, no usage times, never a secret. */
export function exportProfiles(
  profiles: readonly ClusterProfile[],
  format: 'json' | 'yaml'
): ExportedProfiles {
  const portable = profiles
    .filter((p) => !p.builtIn)
    .map((p) => {
      const { lastUsedAt: _usage, builtIn: _builtIn, ...rest } = p
      return rest
    })
  const body = { version: PROFILES_FILE_VERSION, profiles: portable }
  if (format === 'yaml') {
    return {
      fileName: 'zstack-desk-profiles.yaml',
      content: `# Cluster profiles exported by ZStack Desk; they never hold credentials.\n${stringify(body)}`
    }
  }
  return { fileName: 'zstack-desk-profiles.json', content: `${JSON.stringify(body, null, 2)}\n` }
}
