// A stand-in for the renderer's api module: every DeskApi method a vi.fn, events pushed by hand.
import { vi } from 'vitest'
import type {
  DeskEventName,
  DeskEvents,
  MigrationBatch,
  MigrationRecord,
  Result,
  VmActionRecord
} from '../../../src/shared/api'

type Listener = (payload: unknown) => void

const ok = <T>(data: T): Result<T> => ({ ok: true, data })

export function createFakeApi() {
  const listeners = new Map<string, Set<Listener>>()
  return {
    getAppInfo: vi.fn(async () =>
      ok({ name: 'ZStack Desk', version: 'test', transport: 'web', platform: 'linux' })
    ),
    // The chart after a migration asks for metrics: this fake cluster has no monitoring.
    getVmMetrics: vi.fn(async () => ok({ available: false as const, reason: 'absent' as const })),
    getHostsLoad: vi.fn(async () => ok({ available: false as const, reason: 'absent' as const })),
    listProfiles: vi.fn(async () =>
      ok({
        profiles: [
          {
            id: 'demo',
            name: 'Demo',
            endpoint: { scheme: 'http' as const, host: '127.0.0.1', port: 8080, path: 'zstack' },
            accountName: 'admin',
            tls: { verify: true },
            timeoutMs: 30_000,
            builtIn: 'demo' as const
          }
        ],
        notices: []
      })
    ),
    getSessions: vi.fn(async () => ok([])),
    getMigrationPlan: vi.fn(),
    migrateVm: vi.fn(),
    listMigrations: vi.fn(async (): Promise<Result<MigrationRecord[]>> => ok([])),
    listVmActions: vi.fn(async (): Promise<Result<VmActionRecord[]>> => ok([])),
    // Activity lists the batches when it opens: none yet.
    listBatches: vi.fn(async (): Promise<Result<MigrationBatch[]>> => ok([])),
    getVm: vi.fn(),
    queryVms: vi.fn(async () => ok({ items: [], total: 0 })),
    getTopology: vi.fn(),
    // The inspector's NICs tab asks for L3 names: none known here, the NICs show their uuids.
    getL3Networks: vi.fn(async () => ok([])),
    on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set<Listener>()
      listeners.set(event, set)
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    },
    emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    listenerCount: (event: DeskEventName) => listeners.get(event)?.size ?? 0,
    /** Forgets the listeners of stores from earlier tests (each test builds a fresh Pinia). */
    reset: () => listeners.clear()
  }
}

export type FakeApi = ReturnType<typeof createFakeApi>
