// Who is signed in where: sessions from the keychain (validated before use), one silent re-login, state events.
import type { CallPolicy } from '../../shared/contract/desk-contract'
import type { ClusterProfile, SessionState } from '../../shared/profile-types'
import { appError } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import { DeskError, deskError, isDeskError } from '../desk-error'
import type { DeskEventBus } from '../event-bus'
import type { Logger } from '../log/logger'
import { DEMO_CREDENTIALS, isDemoProfileId } from '../profiles/demo-profile'
import { keychainUnavailableError } from '../secrets/keychain-unavailable'
import { parseStoredSession, type SecretStore, type StoredSession } from '../secrets/secret-store'
import { toAppError } from '../zstack/to-app-error'
import type { LoginResult, ZStackClient } from '../zstack/client-types'
import type { ClientPool } from './client-pool'

export interface SessionManagerOptions {
  secrets: SecretStore
  clients: ClientPool
  events: DeskEventBus
  /** The profile by id (NOT_FOUND otherwise), with the Demo cluster started when it is the one asked for. */
  prepareProfile: (profileId: string) => Promise<ClusterProfile>
  /** The profile by id without side effects, or undefined. */
  findProfile: (profileId: string) => ClusterProfile | undefined
  /** Told once when the keychain cannot be used, so the listing can show it too. */
  onKeychainProblem?: (error: AppError) => void
  logger?: Logger
  platform?: NodeJS.Platform
}

/** The call policies that need a session. */
export type SessionPolicy = Exclude<CallPolicy, 'local'>

/** A session ready to use: never leaves main. */
export interface SessionLease {
  profile: ClusterProfile
  client: ZStackClient
  sessionUuid: string
}

export interface SessionManager {
  list(profileIds: string[]): Promise<SessionState[]>
  state(profileId: string): SessionState
  signIn(
    profileId: string,
    accountName: string,
    password: string,
    rememberPassword: boolean
  ): Promise<SessionState>
  signOut(profileId: string): Promise<SessionState>
  /** Signs out and forgets everything about a profile that is being deleted. */
  forget(profileId: string): Promise<void>
  /**
   * The one way to talk to a cluster with the profile's session, as the call policy says (shared/contract):
   * `read` after SESSION_EXPIRED re-logins once (when a password is remembered) and runs `fn` once more;
   * `action` runs `fn` exactly once, whatever happens (its job polls are reads of their own).
   */
  run<T>(policy: SessionPolicy, profileId: string, fn: (lease: SessionLease) => Promise<T>): Promise<T>
  /** The current session (validated first), or NOT_SIGNED_IN / SESSION_EXPIRED. */
  lease(profileId: string): Promise<SessionLease>
  /**
   * After the server refused `staleUuid`: one re-login when a password is remembered (shared by concurrent callers).
   * Resolves to the new lease, or undefined when the state is now `expired`; throws when the node is unreachable.
   */
  renew(profileId: string, staleUuid: string): Promise<SessionLease | undefined>
  /** Listens for a profile becoming signed in (by the user or a re-login). */
  onSignedIn(listener: (profileId: string) => void): () => void
  /** Resolves once the profile is signed in (at once if it is), or when `signal` aborts. */
  whenSignedIn(profileId: string, signal: AbortSignal): Promise<void>
  /** Drops local state for a profile whose endpoint changed: its session belongs to another node. */
  endpointChanged(profileId: string): Promise<void>
  /** Reads the keychain once, so a keychain that cannot be used is told before a sign-in offers to remember. */
  checkKeychain(): Promise<boolean>
}

/** The entry the start-up check reads (never written: reading a missing entry is enough to reach the keychain). */
const KEYCHAIN_CHECK_ACCOUNT = 'zstack-desk-keychain-check'

interface LiveSession {
  status: SessionState['status']
  sessionUuid?: string
  accountName?: string
  expiresAt?: string
  nodeUtcOffsetMinutes?: number
  /** Kept only when the user ticked "remember password" (or the Demo's constant). */
  password?: string
  storage: 'keychain' | 'memory'
  error?: AppError
  /** The stored session was read and validated in this run. */
  checked: boolean
  /** Bumped by every sign-in/out so a slow validation cannot overwrite a newer state. */
  generation: number
  renewing?: Promise<SessionLease | undefined>
}

const UNREACHABLE_CODES = new Set(['NETWORK', 'TIMEOUT', 'TLS'])

/** A Gson date read as if it were UTC: only differences between two of the node's dates mean anything. */
const wallClockMs = (text: string | undefined): number => (text ? Date.parse(`${text} UTC`) : Number.NaN)

/**
 * The node writes both dates in its own zone, which the text does not name: the session's lifetime is their
 * difference, counted from now.
 */
function parseExpiry(result: LoginResult, now = Date.now()): string | undefined {
  const lifetime = wallClockMs(result.expiredDate) - wallClockMs(result.createDate)
  return Number.isFinite(lifetime) && lifetime > 0 ? new Date(now + lifetime).toISOString() : undefined
}

/** Zones are whole quarter hours from UTC; a fresh session's createDate is "now" on the node's wall clock. */
const QUARTER_HOUR_MS = 15 * 60_000

function nodeOffsetMinutes(result: LoginResult, now = Date.now()): number | undefined {
  const offset = wallClockMs(result.createDate) - now
  // Beyond ±14 h it is a skewed clock, not a zone.
  if (!Number.isFinite(offset) || Math.abs(offset) > 14 * 60 * 60_000) return undefined
  return (Math.round(offset / QUARTER_HOUR_MS) * QUARTER_HOUR_MS) / 60_000 + 0
}

export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const live = new Map<string, LiveSession>()
  const checking = new Map<string, Promise<void>>()
  /** Resolves once a check has read the stored session, before the server is asked (list() waits only this long). */
  const storedRead = new Map<string, { promise: Promise<void>; done: () => void }>()
  const readDone = (profileId: string): void => storedRead.get(profileId)?.done()
  const lastPublished = new Map<string, string>()
  const lastStatus = new Map<string, SessionState['status']>()
  const signedInListeners = new Set<(profileId: string) => void>()
  let keychainWarned = false
  /** The Demo signs in by itself only until the user signs out of it. */
  let demoSignedOut = false

  const entry = (profileId: string): LiveSession => {
    let found = live.get(profileId)
    if (!found) {
      found = { status: 'signed-out', storage: 'memory', checked: false, generation: 0 }
      live.set(profileId, found)
    }
    return found
  }

  const nameOf = (profileId: string): string => options.findProfile(profileId)?.name ?? profileId

  const stateOf = (profileId: string): SessionState => {
    const s = entry(profileId)
    const state: SessionState = {
      profileId,
      status: s.status,
      rememberPassword: s.password !== undefined && !isDemoProfileId(profileId),
      storage: s.sessionUuid ? s.storage : 'none'
    }
    if (s.accountName && s.sessionUuid) state.accountName = s.accountName
    if (s.expiresAt && s.sessionUuid) state.expiresAt = s.expiresAt
    if (s.nodeUtcOffsetMinutes !== undefined && s.sessionUuid)
      state.nodeUtcOffsetMinutes = s.nodeUtcOffsetMinutes
    if (s.error) state.error = s.error
    return state
  }

  const publish = (profileId: string): void => {
    const state = stateOf(profileId)
    const text = JSON.stringify(state)
    if (lastPublished.get(profileId) === text) return
    const wasSignedIn = lastStatus.get(profileId) === 'signed-in'
    lastPublished.set(profileId, text)
    lastStatus.set(profileId, state.status)
    options.events.emit('session:changed', state)
    if (state.status === 'signed-in' && !wasSignedIn)
      for (const listener of [...signedInListeners]) listener(profileId)
  }

  const keychainFailed = (cause: unknown): void => {
    options.logger?.warn('Keychain unavailable', {
      error: cause instanceof Error ? cause.message : String(cause)
    })
    if (keychainWarned) return
    keychainWarned = true
    const error = keychainUnavailableError(cause, options.platform)
    options.onKeychainProblem?.(error)
    options.events.emit('notice', { level: 'warning', error })
  }

  /** Writes the session to the keychain; 'memory' when the keychain cannot take it. */
  const persist = async (profileId: string, s: LiveSession): Promise<'keychain' | 'memory'> => {
    if (isDemoProfileId(profileId) || !s.sessionUuid) return 'memory'
    const stored: StoredSession = { sessionUuid: s.sessionUuid }
    if (s.expiresAt) stored.expiresAt = s.expiresAt
    if (s.password) stored.password = s.password
    if (s.accountName) stored.accountName = s.accountName
    if (s.nodeUtcOffsetMinutes !== undefined) stored.nodeUtcOffsetMinutes = s.nodeUtcOffsetMinutes
    try {
      await options.secrets.set(profileId, JSON.stringify(stored))
      return 'keychain'
    } catch (error) {
      keychainFailed(error)
      return 'memory'
    }
  }

  const unstore = async (profileId: string): Promise<void> => {
    if (isDemoProfileId(profileId)) return
    try {
      await options.secrets.delete(profileId)
    } catch (error) {
      keychainFailed(error)
    }
  }

  const notSignedIn = (profileId: string): DeskError =>
    deskError('signInFirst', { cluster: nameOf(profileId) })

  const expiredError = (profileId: string, cause?: AppError): AppError =>
    appError(
      'sessionExpired',
      { cluster: nameOf(profileId) },
      {
        ...(cause?.details ? { details: cause.details } : {}),
        ...(cause?.zstack ? { zstack: cause.zstack } : {})
      }
    )

  const leaseOf = (profile: ClusterProfile, sessionUuid: string): SessionLease => ({
    profile,
    client: options.clients.clientFor(profile),
    sessionUuid
  })

  /** Logs in and installs the new session; errors propagate to the caller. */
  const logIn = async (
    profile: ClusterProfile,
    accountName: string,
    password: string,
    remember: boolean
  ): Promise<SessionLease> => {
    const client = options.clients.clientFor(profile)
    const result = await client.login(accountName, password)
    const s = entry(profile.id)
    const previous = s.sessionUuid
    s.generation++
    s.sessionUuid = result.sessionUuid
    s.accountName = accountName
    s.expiresAt = parseExpiry(result)
    s.nodeUtcOffsetMinutes = nodeOffsetMinutes(result)
    s.password = remember ? password : undefined
    s.status = 'signed-in'
    s.error = undefined
    s.checked = true
    s.storage = await persist(profile.id, s)
    // The replaced session is ended on the server, so a sign-in never leaves one behind.
    if (previous && previous !== result.sessionUuid) void client.logout(previous).catch(() => undefined)
    publish(profile.id)
    return leaseOf(profile, result.sessionUuid)
  }

  const markExpired = async (profileId: string, cause?: AppError): Promise<void> => {
    const s = entry(profileId)
    s.generation++
    s.sessionUuid = undefined
    s.password = undefined
    s.status = 'expired'
    s.error = expiredError(profileId, cause)
    s.checked = true
    publish(profileId)
    await unstore(profileId)
  }

  const markUnreachable = (profileId: string, error: AppError): void => {
    const s = entry(profileId)
    if (!s.sessionUuid) return
    s.status = 'unreachable'
    s.error = error
    publish(profileId)
  }

  const markReachable = (profileId: string): void => {
    const s = entry(profileId)
    if (s.status !== 'unreachable' || !s.sessionUuid) return
    s.status = 'signed-in'
    s.error = undefined
    publish(profileId)
  }

  /** Reads the stored session and asks the server whether it is still valid (once per run, again after 'unreachable'). */
  const check = async (profile: ClusterProfile): Promise<void> => {
    const s = entry(profile.id)
    const generation = s.generation
    if (isDemoProfileId(profile.id)) {
      if (!demoSignedOut && !s.sessionUuid) {
        await logIn(profile, DEMO_CREDENTIALS.accountName, DEMO_CREDENTIALS.password, true)
      }
      s.checked = true
      return
    }
    let stored: StoredSession | undefined
    try {
      stored = parseStoredSession(await options.secrets.get(profile.id))
    } catch (error) {
      keychainFailed(error)
      if (s.generation === generation) s.checked = true
      return
    }
    if (s.generation !== generation) return
    if (!stored) {
      s.checked = true
      return
    }
    s.sessionUuid = stored.sessionUuid
    s.accountName = stored.accountName ?? profile.accountName
    s.expiresAt = stored.expiresAt
    s.password = stored.password
    s.nodeUtcOffsetMinutes = stored.nodeUtcOffsetMinutes
    s.storage = 'keychain'
    // Last known in a fresh run: signed in. The answer below replaces it and is announced with session:changed.
    if (s.status === 'signed-out') s.status = 'signed-in'
    readDone(profile.id)
    let valid: boolean
    try {
      valid = await options.clients.clientFor(profile).validateSession(stored.sessionUuid)
    } catch (error) {
      if (s.generation !== generation) return
      // Calls try the session meanwhile (their success marks it reachable); the next listing asks again.
      s.checked = true
      s.status = 'unreachable'
      s.error = toAppError(error)
      publish(profile.id)
      return
    }
    if (s.generation !== generation) return
    s.checked = true
    if (valid) {
      s.status = 'signed-in'
      s.error = undefined
      publish(profile.id)
      return
    }
    if (!stored.password) {
      await markExpired(profile.id)
      return
    }
    try {
      await logIn(profile, s.accountName, stored.password, true)
    } catch (error) {
      const appError = toAppError(error)
      if (UNREACHABLE_CODES.has(appError.code)) markUnreachable(profile.id, appError)
      else await markExpired(profile.id, appError)
    }
  }

  const ensureChecked = async (profileId: string): Promise<ClusterProfile> => {
    const profile = await options.prepareProfile(profileId)
    if (entry(profileId).checked) return profile
    let pending = checking.get(profileId)
    if (!pending) {
      pending = check(profile).finally(() => checking.delete(profileId))
      checking.set(profileId, pending)
    }
    await pending
    return options.prepareProfile(profileId)
  }

  const manager: SessionManager = {
    async list(profileIds) {
      for (const id of profileIds) {
        const s = live.get(id)
        if (s?.status === 'unreachable' && !checking.has(id)) s.checked = false
      }
      // Last-known states at once: a stored session is validated in the background (session:changed tells the
      // outcome), so one cluster behind a down VPN never holds up the others. The Demo is local and awaited.
      await Promise.all(
        profileIds.map((id) => {
          const checked = ensureChecked(id).catch(() => undefined)
          if (isDemoProfileId(id) || entry(id).checked) return checked
          // A check already under way has read the stored session: its state is the last known one.
          if (checking.has(id) && !storedRead.has(id) && entry(id).sessionUuid) return undefined
          if (!storedRead.has(id)) {
            let done = (): void => undefined
            const promise = new Promise<void>((resolve) => (done = resolve))
            storedRead.set(id, { promise, done })
            void checked.finally(() => {
              done()
              storedRead.delete(id)
            })
          }
          return Promise.race([checked, storedRead.get(id)!.promise])
        })
      )
      return profileIds.map(stateOf)
    },

    state: stateOf,

    async signIn(profileId, accountName, password, rememberPassword) {
      const profile = await options.prepareProfile(profileId)
      if (isDemoProfileId(profileId)) demoSignedOut = false
      await logIn(profile, accountName, password, rememberPassword)
      return stateOf(profileId)
    },

    async signOut(profileId) {
      const profile = options.findProfile(profileId)
      if (!profile) throw deskError('noSuchProfile', { id: profileId })
      const s = entry(profileId)
      const session = s.sessionUuid
      s.generation++
      s.sessionUuid = undefined
      s.password = undefined
      s.expiresAt = undefined
      s.nodeUtcOffsetMinutes = undefined
      s.status = 'signed-out'
      s.error = undefined
      s.checked = true
      if (isDemoProfileId(profileId)) demoSignedOut = true
      publish(profileId)
      // The server session is ended too; if the node cannot be reached it times out there on its own.
      if (session)
        await options.clients
          .clientFor(profile)
          .logout(session)
          .catch(() => undefined)
      await unstore(profileId)
      return stateOf(profileId)
    },

    async forget(profileId) {
      await manager.signOut(profileId).catch(() => undefined)
      await unstore(profileId)
      live.delete(profileId)
      lastPublished.delete(profileId)
      lastStatus.delete(profileId)
      options.clients.drop(profileId)
    },

    async lease(profileId) {
      const profile = await ensureChecked(profileId)
      const s = entry(profileId)
      if (s.sessionUuid) return leaseOf(profile, s.sessionUuid)
      if (s.status === 'expired') throw new DeskError(s.error ?? expiredError(profileId))
      throw notSignedIn(profileId)
    },

    async run(policy, profileId, fn) {
      const attempt = async <T>(lease: SessionLease, run: (l: SessionLease) => Promise<T>): Promise<T> => {
        try {
          const result = await run(lease)
          markReachable(profileId)
          return result
        } catch (error) {
          if (isDeskError(error) && UNREACHABLE_CODES.has(error.error.code))
            markUnreachable(profileId, error.error)
          throw error
        }
      }
      const first = await manager.lease(profileId)
      if (policy === 'action') return attempt(first, fn)
      try {
        return await attempt(first, fn)
      } catch (error) {
        if (!isDeskError(error) || error.error.code !== 'SESSION_EXPIRED') throw error
        // One re-login for this failed read, never more: a second refusal is reported as it is.
        const second = await manager.renew(profileId, first.sessionUuid)
        if (!second) throw new DeskError(entry(profileId).error ?? expiredError(profileId, error.error))
        try {
          return await attempt(second, fn)
        } catch (retryError) {
          if (!isDeskError(retryError) || retryError.error.code !== 'SESSION_EXPIRED') throw retryError
          if (entry(profileId).sessionUuid === second.sessionUuid)
            await markExpired(profileId, retryError.error)
          throw new DeskError(entry(profileId).error ?? expiredError(profileId, retryError.error))
        }
      }
    },

    async renew(profileId, staleUuid) {
      const s = entry(profileId)
      const profile = options.findProfile(profileId)
      if (!profile) throw deskError('noSuchProfile', { id: profileId })
      // Another caller already replaced the refused session: use theirs, no second login.
      if (s.sessionUuid && s.sessionUuid !== staleUuid) return leaseOf(profile, s.sessionUuid)
      if (s.renewing) return s.renewing
      const password = isDemoProfileId(profileId) && !demoSignedOut ? DEMO_CREDENTIALS.password : s.password
      const accountName = s.accountName ?? profile.accountName
      if (!password || !s.sessionUuid) {
        if (s.sessionUuid === staleUuid) await markExpired(profileId)
        return undefined
      }
      const remember = s.password !== undefined
      const renewing = (async (): Promise<SessionLease | undefined> => {
        try {
          options.logger?.info('Session expired; signing in again with the remembered password', {
            profileId
          })
          return await logIn(profile, accountName, password, remember)
        } catch (error) {
          const appError = toAppError(error)
          if (UNREACHABLE_CODES.has(appError.code)) {
            markUnreachable(profileId, appError)
            throw error
          }
          await markExpired(profileId, appError)
          return undefined
        } finally {
          s.renewing = undefined
        }
      })()
      s.renewing = renewing
      return renewing
    },

    onSignedIn(listener) {
      signedInListeners.add(listener)
      return () => signedInListeners.delete(listener)
    },

    whenSignedIn(profileId, signal) {
      return new Promise<void>((resolve) => {
        const done = (): void => {
          off()
          signal.removeEventListener('abort', done)
          resolve()
        }
        const off = manager.onSignedIn((id) => {
          if (id === profileId) done()
        })
        signal.addEventListener('abort', done, { once: true })
        if (signal.aborted || stateOf(profileId).status === 'signed-in') done()
      })
    },

    async endpointChanged(profileId) {
      const s = entry(profileId)
      if (!s.sessionUuid && s.status === 'signed-out') return
      s.generation++
      s.sessionUuid = undefined
      s.password = undefined
      s.status = 'signed-out'
      s.error = undefined
      s.checked = true
      options.clients.drop(profileId)
      publish(profileId)
      await unstore(profileId)
    },

    async checkKeychain() {
      try {
        await options.secrets.get(KEYCHAIN_CHECK_ACCOUNT)
        return true
      } catch (error) {
        keychainFailed(error)
        return false
      }
    }
  }
  return manager
}
