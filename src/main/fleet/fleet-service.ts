// The fleet query: every signed-in cluster asked in parallel, each with its own deadline, merged in the sort order.
import type { DeskInput } from '../../shared/contract/desk-contract'

type FleetQuery = DeskInput<'queryFleetVms'>
import type {
  ClusterHealth,
  FleetClusterState,
  FleetClusterStatus,
  FleetHealth,
  FleetPage,
  FleetVmRow
} from '../../shared/fleet-types'
import type { ClusterProfile, SessionState } from '../../shared/profile-types'
import type { AppError } from '../../shared/result'
import { appError } from '../../shared/error-kinds'
import { VM_STATES, type VmInventory } from '../../shared/zstack-types'
import type { Page } from '../../shared/api'
import { isDeskError } from '../desk-error'
import type { DeskEventBus } from '../event-bus'
import type { SessionManager } from '../sessions/session-manager'
import type { TopologyCache } from '../desk/topology-cache'
import type { FleetCache } from './fleet-cache'
import { compareVms, mergeSorted } from './fleet-merge'
import { matchesLocally } from './fleet-rows'

export const DEFAULT_FLEET_DEADLINE_MS = 3000
/** A late answer is kept this long for the call that follows its `fleet:update`. */
const LATE_ANSWER_TTL_MS = 30_000

type Outcome<T> = { ok: true; value: T; at: string; elapsedMs: number } | { ok: false; error: AppError }

export interface FleetServiceOptions {
  listProfiles: () => ClusterProfile[]
  sessions: SessionManager
  topology: TopologyCache
  cache: FleetCache
  events: DeskEventBus
  now?: () => number
}

export interface FleetService {
  query(input: FleetQuery): Promise<FleetPage>
  health(options?: { fresh?: boolean }): Promise<FleetHealth>
  clear(): Promise<void>
  /** Drops what is kept about a deleted profile. */
  forget(profileId: string): void
}

const UNREACHABLE = new Set(['NETWORK', 'TIMEOUT', 'TLS'])
const NO_SESSION = new Set(['SESSION_EXPIRED', 'NOT_SIGNED_IN'])

function toError(error: unknown): AppError {
  if (isDeskError(error)) return error.error
  return appError('unexpected', {})
}

function stateOf(error: AppError): FleetClusterState {
  if (UNREACHABLE.has(error.code)) return 'unreachable'
  if (NO_SESSION.has(error.code)) return 'session-expired'
  return 'failed'
}

/** The outcome within `ms`, or undefined when it is still running then (it keeps running). */
function within<T>(task: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  return Promise.race([task, deadline]).finally(() => clearTimeout(timer))
}

export function createFleetService(options: FleetServiceOptions): FleetService {
  const now = options.now ?? Date.now
  const { sessions, cache, events } = options
  /** Per cluster and query: the request still running after a deadline, so the next call waits on it, not a new one. */
  const running = new Map<string, Promise<Outcome<Page<VmInventory>>>>()
  /** Per cluster and query: answers that came after their call's deadline, for the next call. */
  const late = new Map<string, { until: number; outcome: Outcome<Page<VmInventory>> }>()
  /** Clusters that missed their last deadline and have not answered since: asked, but not waited for again. */
  const lagging = new Set<string>()
  /** Late tasks already watched: one arrival is one `fleet:update`, however many calls found the task running. */
  const watched = new WeakSet<Promise<Outcome<Page<VmInventory>>>>()
  /** Per cluster: its last answer in time and the query it answered, for the call that joins a late one to it. */
  /** The query asked last: a late answer to one asked before it (the view has moved on) asks for no refresh. */
  let latestWindow = ''
  const recent = new Map<string, { key: string; until: number; outcome: Outcome<Page<VmInventory>> }>()

  const attempt = async <T>(fn: () => Promise<T>): Promise<Outcome<T>> => {
    const started = now()
    try {
      const value = await fn()
      return { ok: true, value, at: new Date(now()).toISOString(), elapsedMs: now() - started }
    } catch (error) {
      return { ok: false, error: toError(error) }
    }
  }

  /** The clusters a fleet call covers: the ones asked for, or every one with a session (signed in, or lost since). */
  const members = async (
    profileIds?: string[]
  ): Promise<{ profile: ClusterProfile; session: SessionState }[]> => {
    const profiles = options.listProfiles().filter((p) => (profileIds ? profileIds.includes(p.id) : true))
    const states = await sessions.list(profiles.map((p) => p.id))
    return profiles
      .map((profile, i) => ({ profile, session: states[i]! }))
      .filter((m) => profileIds !== undefined || m.session.status !== 'signed-out')
  }

  const askCluster = (profileId: string, key: string, q: FleetQuery): Promise<Outcome<Page<VmInventory>>> => {
    const pending = running.get(key)
    if (pending) return pending
    const task = attempt(() =>
      sessions.run('read', profileId, (lease) =>
        lease.client.queryVms(lease.sessionUuid, {
          search: q.search,
          states: q.states,
          zoneUuid: q.zoneUuid,
          clusterUuid: q.clusterUuid,
          hostUuid: q.hostUuid,
          // Every cluster's first start + limit rows in order: the merged window is always among them.
          start: 0,
          limit: q.start + q.limit,
          sort: q.sort,
          replyWithCount: true
        })
      )
    ).then((outcome) => {
      if (outcome.ok) cache.rememberRows(profileId, outcome.value.items, outcome.at)
      return outcome
    })
    running.set(key, task)
    void task.finally(() => running.delete(key))
    return task
  }

  const staleRows = (profileId: string, q: FleetQuery): { rows: FleetVmRow[]; at?: string } => {
    const kept = cache.rows(profileId)
    if (!kept) return { rows: [] }
    const rows = kept.rows
      .filter((vm) => matchesLocally(vm, q))
      .sort((a, b) => compareVms(a, b, q.sort))
      .map((vm) => ({ profileId, vm, staleSince: kept.at }))
    return { rows, at: kept.at }
  }

  return {
    async query(q) {
      const deadlineMs = q.deadlineMs ?? DEFAULT_FLEET_DEADLINE_MS
      const clusters = await members(q.profileIds)
      const windowKey = JSON.stringify([
        q.search ?? '',
        q.states ?? [],
        q.zoneUuid ?? '',
        q.clusterUuid ?? '',
        q.hostUuid ?? '',
        q.sort,
        q.start + q.limit
      ])
      // The call after a fleet:update: the others answered this same query moments ago, so asking them again
      // would only make the next cluster late, and that one's update cause the next call (a refresh storm).
      latestWindow = windowKey
      const joining = clusters.some(({ profile }) => late.has(`${profile.id} ${windowKey}`))
      const answers = await Promise.all(
        clusters.map(async ({ profile }) => {
          const key = `${profile.id} ${windowKey}`
          const kept = late.get(key)
          if (kept) {
            late.delete(key)
            if (kept.until > now()) return kept.outcome
          }
          const last = recent.get(profile.id)
          if (joining && last?.key === key && last.until > now()) return last.outcome
          const task = askCluster(profile.id, key, q)
          // A cluster known to lag would hold every answer for its whole deadline: its rows join on fleet:update.
          const outcome = await within(task, lagging.has(profile.id) ? 0 : deadlineMs)
          if (outcome) {
            recent.set(profile.id, { key, until: now() + LATE_ANSWER_TTL_MS, outcome })
            return outcome
          }
          lagging.add(profile.id)
          if (watched.has(task)) return undefined
          watched.add(task)
          void task.then((arrived) => {
            if (arrived.ok) lagging.delete(profile.id)
            late.set(key, { until: now() + LATE_ANSWER_TTL_MS, outcome: arrived })
            // Refreshing another page for it would only ask every cluster again, and make the next one late.
            if (windowKey !== latestWindow) return
            events.emit('fleet:update', {
              profileId: profile.id,
              state: arrived.ok ? 'answered' : stateOf(arrived.error)
            })
          })
          return undefined
        })
      )

      const lists: FleetVmRow[][] = []
      const statuses: FleetClusterStatus[] = clusters.map(({ profile }, i) => {
        const outcome = answers[i]
        const base = { profileId: profile.id, name: profile.name }
        if (outcome?.ok) {
          lists.push(outcome.value.items.map((vm) => ({ profileId: profile.id, vm })))
          return {
            ...base,
            state: 'answered',
            total: outcome.value.total ?? outcome.value.items.length,
            elapsedMs: outcome.elapsedMs
          }
        }
        const stale = staleRows(profile.id, q)
        lists.push(stale.rows)
        const status: FleetClusterStatus = outcome
          ? { ...base, state: stateOf(outcome.error), error: outcome.error }
          : { ...base, state: 'slow' }
        if (stale.at) {
          status.staleSince = stale.at
          status.total = stale.rows.length
        }
        return status
      })
      return {
        items: mergeSorted(lists, q.sort, q.start, q.limit),
        total: statuses.reduce((sum, s) => sum + (s.total ?? 0), 0),
        clusters: statuses
      }
    },

    async health({ fresh = false } = {}) {
      const clusters = await members()
      if (fresh) for (const { profile } of clusters) options.topology.invalidate(profile.id)
      const answers = await Promise.all(
        clusters.map(({ profile }) =>
          within(
            attempt(() => clusterHealth(profile)),
            DEFAULT_FLEET_DEADLINE_MS
          )
        )
      )
      return {
        clusters: clusters.map(({ profile, session }, i): ClusterHealth => {
          const outcome = answers[i]
          if (outcome?.ok) {
            cache.rememberHealth(outcome.value)
            return outcome.value
          }
          const error: AppError = outcome
            ? outcome.error
            : appError('noAnswerInTime', {
                address: profile.endpoint.host,
                seconds: DEFAULT_FLEET_DEADLINE_MS / 1000
              })
          const kept = cache.health(profile.id)
          const sessionState = stateOf(error) === 'session-expired' ? 'expired' : session.status
          if (kept) return { ...kept, session: sessionState, stale: true, error }
          return { ...emptyHealth(profile, new Date(now()).toISOString()), session: sessionState, error }
        })
      }
    },

    async clear() {
      late.clear()
      recent.clear()
      lagging.clear()
      await cache.clear()
    },

    forget(profileId) {
      lagging.delete(profileId)
      recent.delete(profileId)
      cache.forget(profileId)
    }
  }

  async function clusterHealth(profile: ClusterProfile): Promise<ClusterHealth> {
    const states = VM_STATES.filter((s) => s !== 'Destroyed' && s !== 'Expunging')
    const [topology, counts] = await Promise.all([
      options.topology.get(profile.id),
      sessions.run('read', profile.id, (lease) =>
        Promise.all(
          states.map((state) =>
            lease.client.queryVms(lease.sessionUuid, {
              states: [state],
              start: 0,
              limit: 1,
              fields: ['uuid'],
              replyWithCount: true
            })
          )
        )
      )
    ])
    const health = emptyHealth(profile, new Date(now()).toISOString())
    health.session = 'signed-in'
    states.forEach((state, i) => {
      const total = counts[i]?.total ?? 0
      if (total > 0) health.vmsByState[state] = total
    })
    for (const host of topology.hosts) {
      health.hostsByState[host.state] = (health.hostsByState[host.state] ?? 0) + 1
      health.hostsByStatus[host.status] = (health.hostsByStatus[host.status] ?? 0) + 1
      health.memory.total += host.totalMemoryCapacity
      health.memory.used += host.totalMemoryCapacity - host.availableMemoryCapacity
      health.cpu.total += host.totalCpuCapacity
      health.cpu.used += host.totalCpuCapacity - host.availableCpuCapacity
    }
    return health
  }
}

function emptyHealth(profile: ClusterProfile, refreshedAt: string): ClusterHealth {
  return {
    profileId: profile.id,
    name: profile.name,
    session: 'signed-out',
    vmsByState: {},
    hostsByState: {},
    hostsByStatus: {},
    memory: { used: 0, total: 0 },
    cpu: { used: 0, total: 0 },
    refreshedAt
  }
}
