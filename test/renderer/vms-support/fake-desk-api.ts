// A stand-in for the renderer's api module: every DeskApi method a vi.fn with a harmless answer; events pushed by hand.
import { vi, type Mock } from 'vitest'
import type { DeskEventName, DeskEvents, Result } from '../../../src/shared/api'
import { L3_NETWORKS, PROFILES, TOPOLOGY, vmPage } from './fixtures'

type Listener = (payload: unknown) => void

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })

const notStubbed = (method: string) => async () => {
  throw new Error(`the test did not stub api.${method}`)
}

/** Answers every test starts from; a test overrides what it needs with mockResolvedValueOnce & co. */
function defaults(): Record<string, (...args: never[]) => Promise<unknown>> {
  return {
    getAppInfo: async () => ok({ name: 'ZStack Desk', version: 'test', transport: 'web', platform: 'linux' }),
    listProfiles: async () => ok({ profiles: PROFILES, notices: [] }),
    saveProfile: notStubbed('saveProfile'),
    deleteProfile: async () => ok(null),
    importProfiles: notStubbed('importProfiles'),
    exportProfiles: notStubbed('exportProfiles'),
    testConnection: notStubbed('testConnection'),
    getSessions: async () => ok([]),
    signIn: notStubbed('signIn'),
    signOut: notStubbed('signOut'),
    queryVms: async () => ok(vmPage(0, 20)),
    getVm: notStubbed('getVm'),
    getTopology: async () => ok(TOPOLOGY),
    getL3Networks: async () => ok(L3_NETWORKS),
    startVm: notStubbed('startVm'),
    stopVm: notStubbed('stopVm'),
    getMigrationPlan: notStubbed('getMigrationPlan'),
    migrateVm: notStubbed('migrateVm'),
    listMigrations: async () => ok([]),
    listVmActions: async () => ok([]),
    getHostsLoad: async () => ok({ available: false as const, reason: 'absent' as const }),
    getVmMetrics: async () => ok({ available: false as const, reason: 'absent' as const }),
    // Activity lists the batches when it opens: none yet.
    listBatches: async () => ok([]),
    planMigrations: notStubbed('planMigrations'),
    planDrain: notStubbed('planDrain'),
    startBatch: notStubbed('startBatch'),
    pauseBatch: notStubbed('pauseBatch'),
    resumeBatch: notStubbed('resumeBatch'),
    cancelBatch: notStubbed('cancelBatch'),
    cancelBatchRow: notStubbed('cancelBatchRow'),
    getBatch: notStubbed('getBatch'),
    changeHostState: notStubbed('changeHostState'),
    arrangeProfiles: notStubbed('arrangeProfiles'),
    setDemoHidden: notStubbed('setDemoHidden'),
    queryFleetVms: async () => ok({ items: [], total: 0, clusters: [] }),
    getFleetHealth: async () => ok({ clusters: [] }),
    clearFleetCache: async () => ok(null)
  }
}

const METHODS = Object.keys(defaults())

export function createFakeDeskApi() {
  const listeners = new Map<string, Set<Listener>>()
  const methods = Object.fromEntries(METHODS.map((name) => [name, vi.fn()])) as Record<string, Mock>
  const fake = {
    ...(methods as {
      [
        K in
          | 'getAppInfo'
          | 'listProfiles'
          | 'saveProfile'
          | 'deleteProfile'
          | 'importProfiles'
          | 'exportProfiles'
          | 'testConnection'
          | 'getSessions'
          | 'signIn'
          | 'signOut'
          | 'queryVms'
          | 'getVm'
          | 'getTopology'
          | 'getL3Networks'
          | 'startVm'
          | 'stopVm'
          | 'getMigrationPlan'
          | 'migrateVm'
          | 'listMigrations'
          | 'listVmActions'
          | 'getHostsLoad'
          | 'getVmMetrics'
          | 'listBatches'
          | 'planMigrations'
          | 'planDrain'
          | 'startBatch'
          | 'pauseBatch'
          | 'resumeBatch'
          | 'cancelBatch'
          | 'cancelBatchRow'
          | 'getBatch'
          | 'changeHostState'
          | 'arrangeProfiles'
          | 'setDemoHidden'
          | 'queryFleetVms'
          | 'getFleetHealth'
          | 'clearFleetCache'
      ]: Mock
    }),
    on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set<Listener>()
      listeners.set(event, set)
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    },
    emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    /** Forgets calls, one-off answers and listeners; puts the default answers back. */
    reset() {
      listeners.clear()
      const answers = defaults()
      for (const name of METHODS) methods[name]!.mockReset().mockImplementation(answers[name]!)
    }
  }
  fake.reset()
  return fake
}

export type FakeDeskApi = ReturnType<typeof createFakeDeskApi>
