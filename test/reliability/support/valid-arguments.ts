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

/** A real self-signed certificate: main reads every CA with Node's X.509 parser. */
const FAKE_PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBgzCCASmgAwIBAgIUKbFRKnJnYcEoeVFeawU7V0cOSqMwCgYIKoZIzj0EAwIw\nFzEVMBMGA1UEAwwMRGVzayBmdXp6IENBMB4XDTI2MTEzMDIyNDQzNFoXDTM2MTEy\nNzIyNDQzNFowFzEVMBMGA1UEAwwMRGVzayBmdXp6IENBMFkwEwYHKoZIzj0CAQYI\nKoZIzj0DAQcDQgAE4Bmf3IoV+Y0xZwbyNu5jeTM2+p2pFWCtc0o+7QR/LpnKbFBN\nx25VS4Sj4S+EjM+kvKb8j2xHVpSHQpSJDEUvIqNTMFEwHQYDVR0OBBYEFCG3sgAP\nXWLco8sYU3SKQI/KhSYzMB8GA1UdIwQYMBaAFCG3sgAPXWLco8sYU3SKQI/KhSYz\nMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgbovlI81J6+0xgPy6\nGuANVO4gB6es0SnZbabSN+EEgpcCIQDz6hZQOiSO2b0kgG5bnoqVZ0etztvWl90y\n6XHhZOMjzQ==\n-----END CERTIFICATE-----\n'

export function validProfileInput(ctx: ArgumentContext, withId: boolean): ProfileInput {
  return {
    ...(withId ? { id: ctx.profileId } : {}),
    name: 'Fuzz target',
    endpoint: { scheme: 'http', host: '127.0.0.1', port: ctx.port, path: 'zstack' },
    accountName: 'admin',
    folder: 'Lab',
    tls: { verify: true, caPem: FAKE_PEM },
    proxyUrl: 'http://127.0.0.1:3128',
    proxyPassword: 'fuzz-proxy-password',
    timeoutMs: 10_000,
    color: '#1e88e5'
  }
}

const NO_BATCH = '00000000-0000-4000-8000-000000000001'

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
    getFleetHealth: { fresh: true },
    queryFleetVms: {
      profileIds: [ctx.profileId],
      search: '10.',
      states: ['Running'],
      start: 0,
      limit: 20,
      sort: { field: 'name', direction: 'asc' },
      zoneUuid: ctx.zoneUuid,
      deadlineMs: 2000
    },
    arrangeProfiles: { profileIds: ['demo', ctx.profileId] },
    setDemoHidden: { hidden: false },
    getVm: vmRef,
    getTopology: ref,
    getL3Networks: ref,
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
    listVmActions: ref,
    getVmMetrics: { ...vmRef, startTime: 1_700_000_000, endTime: 1_700_003_600 },
    getHostsLoad: { profileId: ctx.profileId, hostUuids: [ctx.hostUuid] },
    // No such migration: the call reaches the tracker and is refused there, sending nothing.
    cancelMigration: { migrationId: '00000000-0000-4000-8000-000000000000' },
    retryMigration: { migrationId: '00000000-0000-4000-8000-000000000000' },
    planMigrations: {
      profileId: ctx.profileId,
      vmUuids: [ctx.vmUuid],
      destinations: [{ vmUuid: ctx.vmUuid, hostUuid: ctx.hostUuid }]
    },
    planDrain: { profileId: ctx.profileId, hostUuid: ctx.hostUuid },
    startBatch: {
      profileId: ctx.profileId,
      rows: [{ vmUuid: ctx.vmUuid, hostUuid: ctx.hostUuid }],
      concurrency: 2,
      perHostLimit: 1,
      stopOnFirstFailure: false,
      drain: { hostUuid: ctx.hostUuid, thenMaintain: false }
    },
    // No such batch: refused by the queue, nothing sent.
    pauseBatch: { batchId: NO_BATCH },
    resumeBatch: { batchId: NO_BATCH },
    cancelBatch: { batchId: NO_BATCH },
    cancelBatchRow: { batchId: NO_BATCH, vmUuid: ctx.vmUuid },
    listBatches: ref,
    getBatch: { batchId: NO_BATCH },
    changeHostState: { profileId: ctx.profileId, hostUuid: ctx.hostUuid, stateEvent: 'enable' }
  }
  return Object.fromEntries(
    DESK_API_METHODS.map((method) => [method, takesArgument(method) ? given[method] : undefined])
  ) as Record<DeskApiMethod, unknown>
}
