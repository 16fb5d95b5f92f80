// One valid argument per DeskApi method, with every optional field filled so the fuzzer can break each of them.
import type { DeskApiMethod, ProfileInput } from '../../../src/shared/api'

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

export function validArguments(ctx: ArgumentContext): Record<DeskApiMethod, unknown> {
  const ref = { profileId: ctx.profileId }
  const vmRef = { profileId: ctx.profileId, vmUuid: ctx.vmUuid }
  return {
    getAppInfo: undefined,
    listProfiles: undefined,
    saveProfile: validProfileInput(ctx, true),
    deleteProfile: ref,
    importProfiles: { content: '{"profiles": []}', fileName: 'clusters.json' },
    exportProfiles: { profileIds: [ctx.profileId], format: 'json' },
    testConnection: { profile: validProfileInput(ctx, true) },
    getSessions: undefined,
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
    listMigrations: ref
  }
}
