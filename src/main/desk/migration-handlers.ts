// Live migration: the plan for the dialog, the migration itself, and the activity list.
import type { TopologyGap } from '../../shared/api'
import type { HostInventory } from '../../shared/zstack-types'
import type { AppError } from '../../shared/result'
import type { DeskHandlers } from '../desk-handlers'
import { isDeskError } from '../desk-error'
import { queryAll } from '../zstack/query-all'
import { toAppError } from '../zstack/to-app-error'
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

  /** The node's version, learned once per address (an edited profile may point elsewhere); a failed probe is asked again. */
  const versions = new Map<string, string>()
  async function nodeVersion(profileId: string, endpoint: unknown): Promise<string | undefined> {
    const key = `${profileId} ${JSON.stringify(endpoint)}`
    const known = versions.get(key)
    if (known !== undefined) return known
    const probe = await ctx.sessions
      .run('read', profileId, (l) => l.client.getVersion())
      .catch(() => undefined)
    if (probe?.kind !== 'zstack') return undefined
    versions.set(key, probe.version)
    return probe.version
  }

  return {
    async getMigrationPlan({ profileId, vmUuid }) {
      const { endpoint } = useProfile(ctx, profileId)
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
      // The zone's hosts only explain why others are not offered: without them ZStack's candidates still stand.
      const hosts = vmRead
        .then((vm) =>
          guessedHosts && guess === vm.zoneUuid ? guessedHosts : zoneHosts(profileId, vm.zoneUuid)
        )
        .then(
          (list): { list: HostInventory[]; gap?: TopologyGap } => ({ list }),
          (error: unknown) => ({ list: [], gap: { part: 'hosts' as const, error: toAppError(error) } })
        )
      const mode = ctx.migrations.modeFor(profileId)
      const rest = Promise.all([
        candidates,
        hosts,
        ctx.topology.get(profileId),
        mode,
        nodeVersion(profileId, endpoint)
      ])
      // When the VM cannot be read, its own error (NOT_FOUND, ...) is the one to report.
      rest.catch(() => undefined)
      const vm = await vmRead
      vmZones.remember(profileId, [vm])
      const [offered, zone, topology, sendAs, version] = await rest
      const plan = buildMigrationPlan(vm, offered.hosts, zone.list, topology, offered.blocked)
      const gaps = [
        ...(zone.gap ? [zone.gap] : []),
        ...(topology.gaps ?? []).filter((g) => g.part !== 'hosts')
      ]
      if (gaps.length > 0) plan.gaps = gaps
      plan.mode = sendAs
      if (version !== undefined) plan.nodeVersion = version
      return plan
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
