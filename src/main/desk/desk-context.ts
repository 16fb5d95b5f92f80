// What every group of DeskApi handlers is built from.
import type { AppInfo } from '../../shared/api'
import type { ClusterProfile } from '../../shared/profile-types'
import type { BatchQueue } from '../batch/batch-queue'
import type { FleetService } from '../fleet/fleet-service'
import type { MigrationTracker } from '../migrations/migration-tracker'
import type { ProfileStore } from '../profiles/profile-store'
import type { ProxySecrets } from '../secrets/proxy-secrets'
import type { SessionManager } from '../sessions/session-manager'
import type { CreateZStackClient } from '../zstack/client-types'
import type { VmActionLog } from '../vm-actions/vm-action-log'
import type { TopologyCache } from './topology-cache'

export interface DeskContext {
  app: Omit<AppInfo, 'platform'>
  profiles: ProfileStore
  sessions: SessionManager
  topology: TopologyCache
  migrations: MigrationTracker
  batches: BatchQueue
  /** Every start and stop, for the activity list. */
  vmActions: VmActionLog
  fleet: FleetService
  proxySecrets: ProxySecrets
  /** Builds a throw-away client for a connection test (not pooled: the profile may never be saved). */
  createClient: CreateZStackClient
}

/** The profile a call is about (NOT_FOUND otherwise), marked as just used. */
export function useProfile(ctx: DeskContext, profileId: string): ClusterProfile {
  const profile = ctx.profiles.require(profileId)
  ctx.profiles.markUsed(profileId)
  return profile
}
