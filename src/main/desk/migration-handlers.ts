// Live migration: the plan for the dialog, the migration itself, and the activity list.
import type { HostInventory } from '../../shared/zstack-types'
import type { AppError } from '../../shared/result'
import type { DeskHandlers } from '../desk-handlers'
import { isDeskError } from '../desk-error'
import { useProfile, type DeskContext } from './desk-context'
import { buildMigrationPlan } from './migration-plan'
import { requireVm } from './vm-handlers'

type MigrationHandlers = Pick<DeskHandlers, 'getMigrationPlan' | 'migrateVm' | 'listMigrations'>

/** The server's "this VM cannot migrate now" (VM.1008): shown in the dialog instead of failing the call. */
function isBlocked(error: unknown): error is { error: AppError } {
  return isDeskError(error) && error.error.code === 'ZSTACK' && error.error.zstack?.code === 'VM.1008'
}

export function migrationHandlers(ctx: DeskContext): MigrationHandlers {
  return {
    async getMigrationPlan({ profileId, vmUuid }) {
      useProfile(ctx, profileId)
      const vm = await requireVm(ctx, profileId, vmUuid)
      const zoneQuery = vm.zoneUuid
        ? { conditions: [{ field: 'zoneUuid', op: '=' as const, value: vm.zoneUuid }] }
        : {}
      const [candidates, zoneHosts, topology] = await Promise.all([
        ctx.sessions
          .call(profileId, (l) => l.client.getMigrationCandidates(l.sessionUuid, vmUuid))
          .then(
            (hosts): { hosts: HostInventory[]; blocked?: AppError } => ({ hosts }),
            (error: unknown) => {
              if (isBlocked(error)) return { hosts: [], blocked: error.error }
              throw error
            }
          ),
        ctx.sessions.call(profileId, (l) =>
          l.client.queryHosts(l.sessionUuid, { ...zoneQuery, limit: 1000 })
        ),
        ctx.topology.get(profileId)
      ])
      return buildMigrationPlan(vm, candidates.hosts, zoneHosts.items, topology, candidates.blocked)
    },

    async migrateVm({ profileId, vmUuid, params }) {
      useProfile(ctx, profileId)
      return ctx.migrations.migrate(profileId, vmUuid, params)
    },

    async listMigrations({ profileId }) {
      if (profileId !== undefined) ctx.profiles.require(profileId)
      return ctx.migrations.list(profileId)
    }
  }
}
