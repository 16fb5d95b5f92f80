// Live migration: the plan for the dialog, the migration itself, and the activity list.
import type { HostInventory } from '../../shared/zstack-types'
import type { AppError } from '../../shared/result'
import type { DeskHandlers } from '../desk-handlers'
import { isDeskError } from '../desk-error'
import { queryAll } from '../zstack/query-all'
import { useProfile, type DeskContext } from './desk-context'
import { buildMigrationPlan, PLAN_HOST_FIELDS } from './migration-plan'
import { requireVm } from './vm-handlers'
import type { VmZones } from './vm-zones'

type MigrationHandlers = Pick<
  DeskHandlers,
  'getMigrationPlan' | 'migrateVm' | 'listMigrations' | 'cancelMigration' | 'retryMigration'
>

/** The server's "this VM cannot migrate now" (VM.1008): shown in the dialog instead of failing the call. */
function isBlocked(error: unknown): error is { error: AppError } {
  return isDeskError(error) && error.error.code === 'ZSTACK' && error.error.zstack?.code === 'VM.1008'
}

export function migrationHandlers(ctx: DeskContext, vmZones: VmZones): MigrationHandlers {
  /** Every host of the zone (of the cloud when the VM has none), all pages; a fresh topology says how many to expect. */
  function zoneHosts(profileId: string, zoneUuid: string | undefined): Promise<HostInventory[]> {
    const inZone = (h: HostInventory): boolean => !zoneUuid || h.zoneUuid === zoneUuid
    const expected = ctx.topology.peek(profileId)?.hosts.filter(inZone).length
    const fields = [...PLAN_HOST_FIELDS]
    const query = zoneUuid
      ? { conditions: [{ field: 'zoneUuid', op: '=' as const, value: zoneUuid }], fields }
      : { fields }
    return ctx.sessions.run('read', profileId, (l) =>
      queryAll((q) => l.client.queryHosts(l.sessionUuid, q), query, { expected })
    )
  }

  return {
    async getMigrationPlan({ profileId, vmUuid }) {
      useProfile(ctx, profileId)
      // Everything starts at once: the zone comes from the VM table's last answer and is checked against the VM.
      const guess = vmZones.get(profileId, vmUuid)
      const guessedHosts = guess === undefined ? undefined : zoneHosts(profileId, guess)
      guessedHosts?.catch(() => undefined)
      const vmRead = requireVm(ctx, profileId, vmUuid)
      const candidates = ctx.sessions
        .run('read', profileId, (l) => l.client.getMigrationCandidates(l.sessionUuid, vmUuid))
        .then(
          (hosts): { hosts: HostInventory[]; blocked?: AppError } => ({ hosts }),
          (error: unknown) => {
            if (isBlocked(error)) return { hosts: [], blocked: error.error }
            throw error
          }
        )
      const hosts = vmRead.then((vm) =>
        guessedHosts && guess === vm.zoneUuid ? guessedHosts : zoneHosts(profileId, vm.zoneUuid)
      )
      const rest = Promise.all([candidates, hosts, ctx.topology.get(profileId)])
      // When the VM cannot be read, its own error (NOT_FOUND, ...) is the one to report.
      rest.catch(() => undefined)
      const vm = await vmRead
      vmZones.remember(profileId, [vm])
      const [offered, zone, topology] = await rest
      return buildMigrationPlan(vm, offered.hosts, zone, topology, offered.blocked)
    },

    async migrateVm({ profileId, vmUuid, params }) {
      useProfile(ctx, profileId)
      return ctx.migrations.migrate(profileId, vmUuid, params)
    },

    async listMigrations({ profileId }) {
      if (profileId !== undefined) ctx.profiles.require(profileId)
      return ctx.migrations.list(profileId)
    },

    cancelMigration: ({ migrationId }) => ctx.migrations.cancel(migrationId),

    retryMigration: ({ migrationId }) => ctx.migrations.retry(migrationId)
  }
}
