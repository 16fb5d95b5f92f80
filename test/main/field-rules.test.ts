// Our own argument rules (contract/field-rule.ts), sent through main's guard: each is refused as its own problem kind
// with its parameters, for the window to phrase in the chosen language, and the handler never runs.
import { describe, expect, it, vi } from 'vitest'
import { guardApi } from '../../src/main/api-guard'
import type { DeskHandlers } from '../../src/main/desk-handlers'
import { DESK_API_METHODS, type DeskApiMethod } from '../../src/shared/api'
import { FIELD_RULE_KINDS, type FieldRuleKind } from '../../src/shared/contract/field-rule'
import { FLEET_WINDOW_MAX } from '../../src/shared/contract/fields'
import { MAX_METRIC_SPAN_SEC } from '../../src/shared/metrics-types'
import { validArguments, validProfileInput } from '../reliability/support/valid-arguments'

const ctx = {
  profileId: 'lab',
  vmUuid: 'a'.repeat(32),
  hostUuid: 'b'.repeat(32),
  zoneUuid: 'c'.repeat(32),
  clusterUuid: 'd'.repeat(32),
  port: 8080
}
const valid = validArguments(ctx)
const base = <M extends DeskApiMethod>(method: M): Record<string, unknown> =>
  valid[method] as Record<string, unknown>
const profile = validProfileInput(ctx, true)

interface Case {
  name: string
  method: DeskApiMethod
  arg: unknown
  kind: FieldRuleKind
  params: Record<string, string | number>
}

const CASES: Case[] = [
  {
    name: 'a VM uuid of the wrong shape',
    method: 'getVm',
    arg: { ...base('getVm'), vmUuid: 'not-a-uuid' },
    kind: 'notAUuid',
    params: { field: 'vmUuid' }
  },
  {
    name: 'a profile id with a space',
    method: 'getTopology',
    arg: { profileId: 'my lab' },
    kind: 'notAProfileId',
    params: { field: 'profileId' }
  },
  {
    name: 'a host with a scheme',
    method: 'testConnection',
    arg: { profile: { ...profile, endpoint: { ...profile.endpoint, host: 'https://node' } } },
    kind: 'notAHostName',
    params: { field: 'profile.endpoint.host' }
  },
  {
    name: 'a path with a space',
    method: 'saveProfile',
    arg: { ...profile, endpoint: { ...profile.endpoint, path: 'z stack' } },
    kind: 'notAnEndpointPath',
    params: { field: 'endpoint.path' }
  },
  {
    name: 'a CA that is not PEM',
    method: 'saveProfile',
    arg: { ...profile, tls: { verify: true, caPem: 'not a certificate' } },
    kind: 'notPem',
    params: { field: 'tls.caPem' }
  },
  {
    name: 'a proxy without scheme',
    method: 'saveProfile',
    arg: { ...profile, proxyUrl: 'proxy:3128' },
    kind: 'notAProxyUrl',
    params: { field: 'proxyUrl' }
  },
  {
    name: 'an unknown time zone',
    method: 'saveProfile',
    arg: { ...profile, timeZone: 'Mars/Olympus' },
    kind: 'notATimeZone',
    params: { field: 'timeZone', asWritten: 'as-written' }
  },
  {
    name: 'a colour name',
    method: 'saveProfile',
    arg: { ...profile, color: 'blue' },
    kind: 'notAColour',
    params: { field: 'color' }
  },
  {
    name: 'a strategy with a space',
    method: 'migrateVm',
    arg: { ...base('migrateVm'), params: { strategy: 'auto converge' } },
    kind: 'notAStrategy',
    params: { field: 'params.strategy' }
  },
  {
    name: 'a migration id that is not one',
    method: 'cancelMigration',
    arg: { migrationId: 'migration-1' },
    kind: 'notARecordId',
    params: { field: 'migrationId' }
  },
  {
    name: 'a batch id in upper case',
    method: 'getBatch',
    arg: { batchId: '00000000-0000-4000-8000-00000000000A' },
    kind: 'notARecordId',
    params: { field: 'batchId' }
  },
  {
    name: 'a sidebar order naming a profile twice',
    method: 'arrangeProfiles',
    arg: { profileIds: ['demo', 'lab', 'demo'] },
    kind: 'listedTwice',
    params: { field: 'profileIds' }
  },
  {
    name: 'the stopped VMs of a host without the host',
    method: 'queryVms',
    arg: { ...base('queryVms'), hostUuid: undefined, includeStoppedOnHost: true },
    kind: 'fieldNeedsOther',
    params: { field: 'includeStoppedOnHost', other: 'hostUuid' }
  },
  {
    name: 'a metrics window that ends before it starts',
    method: 'getVmMetrics',
    arg: { ...base('getVmMetrics'), startTime: 1_700_003_600, endTime: 1_700_000_000 },
    kind: 'endNotAfterStart',
    params: { field: 'endTime', start: 'startTime' }
  },
  {
    name: 'a metrics window too long',
    method: 'getVmMetrics',
    arg: { ...base('getVmMetrics'), startTime: 1_700_000_000, endTime: 1_700_000_001 + MAX_METRIC_SPAN_SEC },
    kind: 'windowTooLong',
    params: { seconds: MAX_METRIC_SPAN_SEC }
  },
  {
    name: 'a fleet page past the window',
    method: 'queryFleetVms',
    arg: { ...base('queryFleetVms'), start: FLEET_WINDOW_MAX - 10, limit: 20 },
    kind: 'fleetWindowTooFar',
    params: { limit: FLEET_WINDOW_MAX }
  },
  {
    name: 'a zone filter over two clusters',
    method: 'queryFleetVms',
    arg: { ...base('queryFleetVms'), profileIds: ['demo', 'lab'] },
    kind: 'placeFilterNeedsOneCluster',
    params: { field: 'profileIds' }
  }
]

function spyHandlers(): DeskHandlers {
  return Object.fromEntries(
    DESK_API_METHODS.map((m) => [m, vi.fn(async () => null)])
  ) as unknown as DeskHandlers
}

describe('our own argument rules through the guard', () => {
  it.each(CASES)('$name: the base argument passes, the broken one is $kind', async (c) => {
    const handlers = spyHandlers()
    const guard = guardApi(handlers)
    expect(await guard.call(c.method, valid[c.method])).toMatchObject({ ok: true })
    const refused = await guard.call(c.method, c.arg)
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.kind).toBe('invalidInput')
    expect(refused.error.issues).toHaveLength(1)
    const [issue] = refused.error.issues!
    expect(issue!.problem).toEqual(expect.objectContaining({ code: 'INVALID_INPUT', kind: c.kind }))
    expect(issue!.problem.params).toEqual(c.params)
    // The message is ours: the kind says it, so it is not repeated as zod's words.
    expect(issue!.problem.details).toBeUndefined()
    expect(handlers[c.method]).toHaveBeenCalledTimes(1)
  })

  it('covers every rule kind', () => {
    expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(FIELD_RULE_KINDS))
  })

  it("keeps zod's own words as details where the rule is zod's", async () => {
    const refused = await guardApi(spyHandlers()).call('getVm', { ...(valid.getVm as object), vmUuid: 42 })
    expect(!refused.ok && refused.error.issues?.[0]?.problem).toMatchObject({
      kind: 'fieldWrongType',
      details: expect.stringMatching(/expected string/)
    })
  })
})
