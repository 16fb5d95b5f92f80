// The composition root: builds the one DeskApi implementation from its dependencies, for either transport.
import { readFile } from 'node:fs/promises'
import { secureDataDir } from './data-dir'
import { basename } from 'node:path'
import type { AppError, AppInfo } from '../shared/api'
import { appError } from '../shared/error-kinds'
import type { SimulatorOptions } from '../simulator'
import { guardApi, type GuardedApi } from './api-guard'
import { createBatchQueue } from './batch/batch-queue'
import { openBatchStore } from './batch/batch-store'
import { deskError, isDeskError } from './desk-error'
import { createDemoCluster, type DemoCluster } from './demo/demo-cluster'
import { createDeskHandlers } from './desk/create-desk-handlers'
import { createTopologyCache } from './desk/topology-cache'
import { openFleetCache } from './fleet/fleet-cache'
import { createFleetService } from './fleet/fleet-service'
import { createEventBus, type DeskEventBus } from './event-bus'
import { createFileLogger, type Logger } from './log/logger'
import { openMigrationJournal } from './migrations/migration-journal'
import { openVmActionLog } from './vm-actions/vm-action-log'
import { createMigrationTracker, type MigrationTiming } from './migrations/migration-tracker'
import { isDemoProfileId } from './profiles/demo-profile'
import { rejectionIssues } from './profiles/profile-import'
import { sameEndpoint } from './profiles/profile-schema'
import { openProfileStore, type ProfileStore } from './profiles/profile-store'
import { createKeytarSecretStore } from './secrets/keytar-secret-store'
import { createProxySecrets, type ProxySecrets } from './secrets/proxy-secrets'
import type { SecretStore } from './secrets/secret-store'
import { createClientPool } from './sessions/client-pool'
import { createSessionManager } from './sessions/session-manager'
import type { CreateZStackClient } from './zstack/client-types'
import { createZStackClient, type ZStackClientOptions } from './zstack/create-client'

export interface ComposeOptions {
  transport: AppInfo['transport']
  dataDir: string
  version: string
  /** A profiles file to import at start (--profiles / ZSTACK_DESK_PROFILES). */
  profilesFile?: string
  /** The keychain; keytar (the OS keychain) unless a test brings its own. */
  secretStore?: SecretStore
  /** Options of the embedded Demo simulator (short durations in tests). */
  demoSimulator?: SimulatorOptions
  /** Builds the REST client of a profile; the real client unless a test wraps it. */
  clientFactory?: CreateZStackClient
  /** Options for the real client, e.g. a fast job-poll backoff in tests. */
  clientOptions?: ZStackClientOptions
  migrationTiming?: MigrationTiming
  /** How often a running batch retries failed reads and checks its rows (default 1 s). */
  batchTickMs?: number
  /** How long zones/clusters/hosts/storage are reused (default 30 s). */
  topologyTtlMs?: number
  /** The log; a file in `<dataDir>/logs` unless given. */
  logger?: Logger
  /** An event bus the caller subscribed to before start, to hear notices raised while loading. */
  events?: DeskEventBus
}

export interface DeskRuntime {
  guarded: GuardedApi
  events: DeskEventBus
  /** The embedded Demo cluster (started on first use). */
  demo: DemoCluster
  /** The log the runtime writes; the web host adds its refusals to it. */
  logger: Logger
  dispose(): Promise<void>
}

function errorText(error: unknown): string {
  if (isDeskError(error)) return error.error.message
  return error instanceof Error ? error.message : String(error)
}

/** A DeskError's own error as the cause; anything else (the OS's words) verbatim in details. */
const causeOrDetails = (error: unknown): Pick<AppError, 'cause' | 'details'> =>
  isDeskError(error) ? { cause: error.error } : { details: errorText(error) }

/** Keeps a notice for the listing and tells a window already open. */
function notify(
  profiles: ProfileStore,
  events: DeskEventBus,
  error: AppError,
  level: 'info' | 'warning' = 'warning'
): void {
  profiles.addNotice(error)
  events.emit('notice', { level, error })
}

/** Imports the --profiles file and leaves a notice saying what happened; a bad file never stops the app. */
async function importAtStart(profiles: ProfileStore, file: string, events: DeskEventBus): Promise<void> {
  try {
    const report = await profiles.importFile(await readFile(file, 'utf8'), basename(file))
    const { added, updated, rejected } = report
    const issues = rejectionIssues(report)
    const notice = appError(
      'importedAtStart',
      { file, added, updated, rejected },
      issues.length ? { issues } : {}
    )
    notify(profiles, events, notice, rejected > 0 ? 'warning' : 'info')
  } catch (error) {
    notify(profiles, events, appError('importAtStartFailed', { file }, causeOrDetails(error)))
  }
}

/** An older profiles.json may hold proxy passwords in its URLs: they go to the keychain and out of the file. */
async function moveProxyPasswordsToKeychain(
  profiles: ProfileStore,
  proxySecrets: ProxySecrets,
  events: DeskEventBus
): Promise<void> {
  const found = profiles.takeFileProxyPasswords()
  if (found.size === 0) return
  try {
    for (const [id, password] of found) await proxySecrets.set(id, password)
    await profiles.rewrite()
  } catch (error) {
    notify(profiles, events, appError('proxyPasswordsNotMoved', {}, causeOrDetails(error)))
  }
}

export async function composeDesk(options: ComposeOptions): Promise<DeskRuntime> {
  const folderNotices = await secureDataDir(options.dataDir)
  const events = options.events ?? createEventBus()
  const logger = options.logger ?? createFileLogger({ dataDir: options.dataDir })
  const profiles = await openProfileStore({ dataDir: options.dataDir })
  for (const notice of folderNotices) {
    logger.warn(notice.message)
    profiles.addNotice(notice)
  }
  // The profiles file's own notices and the folder's, told once each.
  for (const error of profiles.listing().notices) events.emit('notice', { level: 'warning', error })
  const secretStore = options.secretStore ?? createKeytarSecretStore()
  const proxySecrets = createProxySecrets(secretStore)
  await moveProxyPasswordsToKeychain(profiles, proxySecrets, events)
  const demo = createDemoCluster(options.demoSimulator)
  const createClient: CreateZStackClient =
    options.clientFactory ??
    ((profile, proxyPassword) =>
      createZStackClient(profile, {
        appVersion: options.version,
        logger,
        ...options.clientOptions,
        proxyPassword: proxyPassword ?? (() => proxySecrets.get(profile.id))
      }))
  const clients = createClientPool(createClient)

  const prepareProfile = async (profileId: string) => {
    const profile = profiles.require(profileId)
    if (isDemoProfileId(profileId) && profile.endpoint.port === 0) {
      const port = await demo.ensure().catch((error: unknown) => {
        throw deskError('demoFailed', {}, { details: errorText(error) })
      })
      profiles.setDemoPort(port)
      return profiles.require(profileId)
    }
    return profile
  }

  const sessions = createSessionManager({
    secrets: secretStore,
    clients,
    events,
    prepareProfile,
    findProfile: (id) => profiles.get(id),
    onKeychainProblem: (error) => profiles.addNotice(error),
    logger
  })
  // Before any sign-in the window learns (as a notice) whether "Remember password" can be kept; never waited for.
  void sessions.checkKeychain()
  const topology = createTopologyCache(sessions, options.topologyTtlMs)

  // One profiles:changed per burst of changes (an import changes many at once).
  let listingQueued = false
  profiles.onChange(({ before, after }) => {
    if (before && after && !before.builtIn && !sameEndpoint(before.endpoint, after.endpoint)) {
      // The session belongs to the old node: keep nothing of it.
      void sessions.endpointChanged(after.id)
      topology.invalidate(after.id)
    }
    if (listingQueued) return
    listingQueued = true
    queueMicrotask(() => {
      listingQueued = false
      void proxySecrets
        .describe(profiles.listing())
        .then((listing) => events.emit('profiles:changed', listing))
    })
  })

  const journal = await openMigrationJournal(options.dataDir)
  const vmActions = await openVmActionLog(options.dataDir, events)
  for (const notice of [...journal.notices, ...vmActions.notices]) notify(profiles, events, notice)
  const migrations = createMigrationTracker({
    journal,
    sessions,
    events,
    topology,
    findProfile: (id) => profiles.get(id),
    timing: options.migrationTiming,
    logger
  })

  const batchStore = await openBatchStore(options.dataDir)
  for (const notice of batchStore.notices) notify(profiles, events, notice)
  const batches = createBatchQueue({
    store: batchStore,
    tracker: migrations,
    sessions,
    topology,
    events,
    findProfile: (id) => profiles.get(id),
    ...(options.batchTickMs !== undefined ? { tickMs: options.batchTickMs } : {}),
    logger
  })

  const fleetCache = await openFleetCache(options.dataDir)
  const fleet = createFleetService({
    // A hidden Demo takes no part in the fleet.
    listProfiles: () => {
      const listing = profiles.listing()
      return listing.profiles.filter((p) => !(listing.demoHidden && p.builtIn))
    },
    sessions,
    topology,
    cache: fleetCache,
    events
  })

  if (options.profilesFile) await importAtStart(profiles, options.profilesFile, events)

  const handlers = createDeskHandlers({
    app: { name: 'ZStack Desk', version: options.version, transport: options.transport },
    profiles,
    sessions,
    topology,
    migrations,
    batches,
    vmActions,
    fleet,
    proxySecrets,
    createClient
  })
  const guarded = guardApi(handlers, (method, error) =>
    logger.error(`Unexpected failure in ${method}`, {
      error: error instanceof Error ? error.stack : String(error)
    })
  )
  // Unfinished migrations from an earlier run are followed again, by their job uuid.
  migrations.resumeAll()
  // Unfinished batches go on where they were: journaled rows are followed, the others re-read before they are sent.
  batches.resumeAll()

  let disposed: Promise<void> | undefined
  return {
    guarded,
    events,
    demo,
    logger,
    dispose() {
      disposed ??= (async () => {
        await batches.dispose()
        await migrations.dispose()
        await vmActions.close()
        await profiles.flush()
        await fleetCache.flush()
        await demo.stop()
        // A logger the caller brought is theirs to close.
        await (options.logger ? logger.flush() : logger.close())
      })()
      return disposed
    }
  }
}
