// The cluster profiles: one JSON file in the data folder, the built-in Demo first, every change written atomically.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type {
  ClusterProfile,
  ExportedProfiles,
  ImportReport,
  ProfileInput,
  ProfileListing
} from '../../shared/profile-types'
import { appError } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import { deskError, isDeskError } from '../desk-error'
import { createWriteQueue, removeStrayTempFiles, writeFileAtomic, type AtomicWriteHooks } from './atomic-file'
import { DEMO_PROFILE_ID, demoProfile, isDemoProfileId } from './demo-profile'
import { followProfilesLink, loadProfilesFile } from './profile-file'
import { exportProfiles, planImport, readImportFile, type ProfileChange } from './profile-import'
import { PROFILES_FILE, PROFILES_FILE_VERSION, toClusterProfile, type DemoSettings } from './profile-schema'

export interface ProfileStoreOptions {
  dataDir: string
  now?: () => Date
  /** How long lastUsedAt changes wait before they are written together. */
  usageWriteDelayMs?: number
  writeHooks?: AtomicWriteHooks
}

export interface ProfileStore {
  listing(): ProfileListing
  get(id: string): ClusterProfile | undefined
  /** The profile, or NOT_FOUND. */
  require(id: string): ClusterProfile
  save(input: ProfileInput): Promise<ClusterProfile>
  remove(id: string): Promise<ClusterProfile>
  importFile(content: string, fileName?: string): Promise<ImportReport>
  exportFile(ids: string[] | undefined, format: 'json' | 'yaml'): ExportedProfiles
  /** Puts the profiles in the order given (every id, the Demo's included, once); anything else changes nothing. */
  arrange(ids: string[]): Promise<ProfileListing>
  /** Hides or shows the built-in Demo cluster (kept in the file, so it survives restarts). */
  setDemoHidden(hidden: boolean): Promise<ProfileListing>
  markUsed(id: string): void
  setDemoPort(port: number): void
  addNotice(notice: AppError): void
  /** Called after each change is on disk (and when the Demo's endpoint is filled in). */
  onChange(listener: (change: ProfileChange) => void): () => void
  /** Writes any pending lastUsedAt change now. */
  flush(): Promise<void>
  /** Proxy passwords an older file held in its URLs (once; the listing never shows them). */
  takeFileProxyPasswords(): Map<string, string>
  /** Writes the current profiles again (after their proxy passwords moved to the keychain). */
  rewrite(): Promise<void>
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The user's order; profiles without one (older files) follow in file order, the Demo first among them. */
export function inSidebarOrder(list: readonly ClusterProfile[]): ClusterProfile[] {
  const rank = (p: ClusterProfile): number => p.order ?? (p.builtIn ? -1 : Number.MAX_SAFE_INTEGER)
  return list
    .map((profile, index) => ({ profile, index }))
    .sort((a, b) => rank(a.profile) - rank(b.profile) || a.index - b.index)
    .map((entry) => entry.profile)
}

const nextOrder = (list: readonly ClusterProfile[]): number | undefined => {
  const orders = list.map((p) => p.order).filter((o): o is number => o !== undefined)
  return orders.length === 0 ? undefined : Math.max(...orders) + 1
}

export async function openProfileStore(options: ProfileStoreOptions): Promise<ProfileStore> {
  const now = options.now ?? (() => new Date())
  const { path, notice: linkNotice } = await followProfilesLink(join(options.dataDir, PROFILES_FILE))
  await removeStrayTempFiles(path)
  const loaded = await loadProfilesFile(path, now())
  let profiles: ClusterProfile[] = loaded.profiles
  const usage = loaded.usage
  const notices: AppError[] = [...(linkNotice ? [linkNotice] : []), ...loaded.notices]
  let demoPort = 0
  let demoSettings: DemoSettings = loaded.demo ?? {}
  const listeners = new Set<(change: ProfileChange) => void>()
  const queue = createWriteQueue()
  let usageTimer: NodeJS.Timeout | undefined

  const withUsage = (profile: ClusterProfile): ClusterProfile => {
    const lastUsedAt = usage.get(profile.id)
    return lastUsedAt ? { ...profile, lastUsedAt } : profile
  }
  const demo = (): ClusterProfile => {
    const profile = demoProfile(demoPort, usage.get(DEMO_PROFILE_ID))
    return demoSettings.order === undefined ? profile : { ...profile, order: demoSettings.order }
  }
  const notify = (change: ProfileChange): void => {
    for (const listener of [...listeners]) listener(change)
  }

  /** Writes `next` (with the usage times) and only then makes it current; call it inside the queue. */
  const write = async (next: ClusterProfile[], nextDemo: DemoSettings = demoSettings): Promise<void> => {
    if (loaded.readOnlyReason) throw deskError('profilesReadOnly', {}, { cause: loaded.readOnlyReason })
    const body = {
      version: PROFILES_FILE_VERSION,
      profiles: next.map(withUsage),
      ...(Object.keys(nextDemo).length > 0 ? { demo: nextDemo } : {})
    }
    try {
      await writeFileAtomic(path, `${JSON.stringify(body, null, 2)}\n`, options.writeHooks)
    } catch (error) {
      throw deskError('profilesNotSaved', { path }, { details: errorText(error) })
    }
    profiles = next
    demoSettings = nextDemo
  }
  const listing = (): ProfileListing => ({
    profiles: inSidebarOrder([demo(), ...profiles.map(withUsage)]),
    notices: [...notices],
    ...(demoSettings.hidden ? { demoHidden: true } : {})
  })

  /** Runs a read-modify-write in the write queue so concurrent changes never overwrite each other. */
  const mutate = <T>(
    change: (current: ClusterProfile[]) => { next: ClusterProfile[]; result: T }
  ): Promise<T> =>
    queue(async () => {
      const { next, result } = change(profiles)
      if (next !== profiles) await write(next)
      return result
    })

  const writeUsage = (): Promise<void> =>
    loaded.readOnlyReason
      ? Promise.resolve()
      : queue(() => write(profiles)).catch((error: unknown) => {
          const cause = isDeskError(error) ? error.error : undefined
          notices.push(
            appError('usageNotRecorded', {}, { cause, details: cause ? undefined : errorText(error) })
          )
        })

  const store: ProfileStore = {
    listing,

    get(id) {
      if (isDemoProfileId(id)) return demo()
      const found = profiles.find((p) => p.id === id)
      return found && withUsage(found)
    },

    require(id) {
      const found = store.get(id)
      if (!found) throw deskError('noSuchProfile', { id })
      return found
    },

    async save(input) {
      if (isDemoProfileId(input.id)) throw deskError('demoBuiltIn', {})
      const change = await mutate((current) => {
        const at = input.id === undefined ? -1 : current.findIndex((p) => p.id === input.id)
        if (input.id !== undefined && at < 0) {
          throw deskError('profileGone', { name: input.name })
        }
        // An edit keeps the profile's place; a new one goes last.
        const order = at >= 0 ? current[at]!.order : nextOrder(current)
        const after = toClusterProfile({ ...input, id: input.id ?? randomUUID(), order })
        const next = [...current]
        if (at >= 0) next[at] = after
        else next.push(after)
        return { next, result: { before: at >= 0 ? current[at] : undefined, after } }
      })
      notify(change)
      return withUsage(change.after)
    },

    async remove(id) {
      if (isDemoProfileId(id)) throw deskError('demoBuiltIn', {})
      const before = await mutate((current) => {
        const found = current.find((p) => p.id === id)
        if (!found) throw deskError('noSuchProfile', { id })
        return { next: current.filter((p) => p !== found), result: found }
      })
      usage.delete(id)
      notify({ before })
      return before
    },

    async importFile(content, fileName) {
      const doc = readImportFile(content, fileName)
      const plan = await mutate((current) => {
        const planned = planImport(doc, current)
        return { next: planned.changes.length > 0 ? planned.profiles : current, result: planned }
      })
      for (const change of plan.changes) notify(change)
      return plan.report
    },

    exportFile(ids, format) {
      if (ids === undefined) return exportProfiles(profiles, format)
      const missing = ids.filter((id) => !isDemoProfileId(id) && !profiles.some((p) => p.id === id))
      if (missing.length > 0) {
        throw deskError('profilesNotFound', { ids: missing.join(', ') })
      }
      return exportProfiles(
        profiles.filter((p) => ids.includes(p.id)),
        format
      )
    },

    async arrange(ids) {
      await queue(async () => {
        const known = [DEMO_PROFILE_ID, ...profiles.map((p) => p.id)]
        const strays = [
          ...ids.filter((id) => !known.includes(id)),
          ...known.filter((id) => !ids.includes(id))
        ]
        if (strays.length > 0 || ids.length !== known.length) {
          throw deskError('profileOrderMismatch', { ids: strays.join(', ') || '(duplicates)' })
        }
        const place = (id: string): number => ids.indexOf(id)
        await write(
          profiles.map((p) => ({ ...p, order: place(p.id) })),
          { ...demoSettings, order: place(DEMO_PROFILE_ID) }
        )
      })
      notify({})
      return listing()
    },

    async setDemoHidden(hidden) {
      await queue(async () => {
        const { hidden: _was, ...rest } = demoSettings
        await write(profiles, hidden ? { ...rest, hidden: true } : rest)
      })
      notify({})
      return listing()
    },

    markUsed(id) {
      usage.set(id, now().toISOString())
      if (isDemoProfileId(id) || usageTimer) return
      usageTimer = setTimeout(() => {
        usageTimer = undefined
        void writeUsage()
      }, options.usageWriteDelayMs ?? 2000)
      usageTimer.unref()
    },

    setDemoPort(port) {
      const before = demo()
      demoPort = port
      notify({ before, after: demo() })
    },

    addNotice(notice) {
      notices.push(notice)
    },

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    takeFileProxyPasswords() {
      const found = loaded.proxyPasswords ?? new Map<string, string>()
      loaded.proxyPasswords = undefined
      return found
    },

    rewrite: () => queue(() => write(profiles)),

    async flush() {
      if (!usageTimer) return queue(async () => undefined)
      clearTimeout(usageTimer)
      usageTimer = undefined
      await writeUsage()
    }
  }
  return store
}
