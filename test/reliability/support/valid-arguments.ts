// One valid argument per DeskApi method, with every optional field filled so the fuzzer can break each of them.
// Typed by the contract: a method that takes an argument does not compile until it has one here; the rest get none.
import {
  DESK_API_METHODS,
  deskContract,
  type DeskApiMethod,
  type DeskArgument,
  type ProfileInput
} from '../../../src/shared/api'

export interface ArgumentContext {
  profileId: string
  vmUuid: string
  hostUuid: string
  zoneUuid: string
  clusterUuid: string
  /** The simulator's port, for profile inputs. */
  port: number
}

const FAKE_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZmFrZQ==\n-----END CERTIFICATE-----\n'

export function validProfileInput(ctx: ArgumentContext, withId: boolean): ProfileInput {
  return {
    ...(withId ? { id: ctx.profileId } : {}),
    name: 'Fuzz target',
    endpoint: { scheme: 'http', host: '127.0.0.1', port: ctx.port, path: 'zstack' },
    accountName: 'admin',
    folder: 'Lab',
    tls: { verify: true, caPem: FAKE_PEM },
    proxyUrl: 'http://127.0.0.1:3128',
    timeoutMs: 10_000,
    color: '#1e88e5'
  }
}

/** The methods whose contract takes an argument. */
export type MethodWithArgument = {
  [M in DeskApiMethod]: DeskArgument<M> extends undefined ? never : M
}[DeskApiMethod]

/** What the contract says at run time: a method whose schema refuses `undefined` takes an argument. */
export function takesArgument(method: DeskApiMethod): method is MethodWithArgument {
  return !deskContract[method].input.safeParse(undefined).success
}

export function validArguments(ctx: ArgumentContext): Record<DeskApiMethod, unknown> {
  const ref = { profileId: ctx.profileId }
  const vmRef = { profileId: ctx.profileId, vmUuid: ctx.vmUuid }
  const given: { [M in MethodWithArgument]: DeskArgument<M> } = {
    saveProfile: validProfileInput(ctx, true),
    deleteProfile: ref,
    importProfiles: { content: '{"profiles": []}', fileName: 'clusters.json' },
    exportProfiles: { profileIds: [ctx.profileId], format: 'json' },
    testConnection: { profile: validProfileInput(ctx, true) },
    signIn: { profileId: ctx.profileId, accountName: 'admin', password: 'password', rememberPassword: true },
    signOut: ref,
    queryVms: {
      profileId: ctx.profileId,
      search: 'vm-1',
      states: ['Running', 'Stopped'],
      zoneUuid: ctx.zoneUuid,
      clusterUuid: ctx.clusterUuid,
      hostUuid: ctx.hostUuid,
      includeAppliance: false,
      start: 0,
      limit: 20,
      sort: { field: 'name', direction: 'asc' },
      fields: ['uuid', 'name', 'state'],
      replyWithCount: true
    },
    getVm: vmRef,
    getTopology: ref,
    startVm: vmRef,
    stopVm: vmRef,
    getMigrationPlan: vmRef,
    migrateVm: {
      profileId: ctx.profileId,
      vmUuid: ctx.vmUuid,
      params: {
        hostUuid: ctx.hostUuid,
        migrateFromDestination: false,
        allowUnknown: false,
        strategy: 'auto-converge',
        downTime: 500,
        systemTags: ['migrateVm::reason::fuzz'],
        userTags: ['fuzz']
      }
    },
    listMigrations: ref,
    // No such migration: the call reaches the tracker and is refused there, sending nothing.
    cancelMigration: { migrationId: '00000000-0000-4000-8000-000000000000' },
    retryMigration: { migrationId: '00000000-0000-4000-8000-000000000000' }
  }
  return Object.fromEntries(
    DESK_API_METHODS.map((method) => [method, takesArgument(method) ? given[method] : undefined])
  ) as Record<DeskApiMethod, unknown>
}
