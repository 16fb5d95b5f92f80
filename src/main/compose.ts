// The composition root: builds the one DeskApi implementation from its dependencies, for either transport.
import type { AppInfo } from '../shared/api'
import { guardApi, type GuardedApi } from './api-guard'
import { createEventBus, type DeskEventBus } from './event-bus'
import type { DeskHandlers } from './desk-handlers'
import { deskError } from './desk-error'

export interface ComposeOptions {
  transport: AppInfo['transport']
  dataDir: string
  version: string
  /** A profiles file to import at start (--profiles / ZSTACK_DESK_PROFILES). */
  profilesFile?: string
}

export interface DeskRuntime {
  guarded: GuardedApi
  events: DeskEventBus
  dispose(): Promise<void>
}

export async function composeDesk(options: ComposeOptions): Promise<DeskRuntime> {
  const events = createEventBus()
  const notBuilt = async (): Promise<never> => {
    throw deskError('INTERNAL', 'This operation is not available yet.')
  }
  const handlers: DeskHandlers = {
    getAppInfo: async () => ({
      name: 'ZStack Desk',
      version: options.version,
      transport: options.transport,
      platform: process.platform
    }),
    listProfiles: notBuilt,
    saveProfile: notBuilt,
    deleteProfile: notBuilt,
    importProfiles: notBuilt,
    exportProfiles: notBuilt,
    testConnection: notBuilt,
    getSessions: notBuilt,
    signIn: notBuilt,
    signOut: notBuilt,
    queryVms: notBuilt,
    getVm: notBuilt,
    getTopology: notBuilt,
    startVm: notBuilt,
    stopVm: notBuilt,
    getMigrationPlan: notBuilt,
    migrateVm: notBuilt,
    listMigrations: notBuilt
  }
  return { guarded: guardApi(handlers), events, dispose: async () => {} }
}
