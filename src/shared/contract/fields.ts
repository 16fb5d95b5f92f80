// The argument shapes of the contract: zod schemas shared by main's guard and the renderer's forms.
import { z } from 'zod'
import { VM_STATES, type VmState } from '../zstack-types'
import { DOWNTIME_MAX_MS, DOWNTIME_MIN_MS } from '../migration-types'
import { MAX_METRIC_SPAN_SEC } from '../metrics-types'
import { BATCH_MAX_CONCURRENCY, BATCH_MAX_ROWS } from '../batch-types'
import { fieldRule, matches } from './field-rule'

/** Top-level VM fields ZStack sorts by (`sort=+field`); a nested one such as vmNics.ip it refuses. */
export const VM_SORT_FIELDS = [
  'name',
  'state',
  'cpuNum',
  'memorySize',
  'createDate',
  'hostUuid',
  'clusterUuid'
] as const

export const uuidSchema = z
  .string()
  .refine(
    matches(/^[0-9a-fA-F]{32}$/),
    fieldRule('notAUuid', 'must be a ZStack UUID: 32 hexadecimal characters')
  )
  .transform((s) => s.toLowerCase())

export const profileIdSchema = z
  .string()
  .refine(
    matches(/^[A-Za-z0-9_-]{1,64}$/),
    fieldRule('notAProfileId', 'must be a profile id (letters, digits, - and _)')
  )

export const hostnameSchema = z
  .string()
  .min(1)
  .max(253)
  .refine(
    matches(
      /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/
    ),
    fieldRule('notAHostName', 'must be a host name or an IP address, without scheme, port or path')
  )

export const endpointPathSchema = z
  .string()
  .max(100)
  .refine(
    matches(/^[A-Za-z0-9._~-]*(\/[A-Za-z0-9._~-]+)*$/),
    fieldRule('notAnEndpointPath', 'must be a path such as zstack, without leading slash')
  )

export const PEM_MAX_LENGTH = 262_144

export const caPemSchema = z
  .string()
  .max(PEM_MAX_LENGTH)
  .refine(
    (s) => s.includes('-----BEGIN CERTIFICATE-----'),
    fieldRule('notPem', 'must be PEM text with at least one CERTIFICATE block')
  )

export const proxyUrlSchema = z
  .string()
  .max(2048)
  .refine(matches(/^https?:\/\/[^\s]+$/), fieldRule('notAProxyUrl', 'must be an http:// or https:// URL'))

/** The profile's `timeZone` value that shows node dates as the node wrote them. */
export const TIME_ZONE_AS_WRITTEN = 'as-written'

/** An IANA zone this runtime knows: Intl throws RangeError for any other name. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Absent: the node's zone as learnt at sign-in. */
export const timeZoneSettingSchema = z
  .string()
  .max(64)
  .refine(
    (v) => v === TIME_ZONE_AS_WRITTEN || (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(v) && isKnownTimeZone(v)),
    fieldRule('notATimeZone', `must be "${TIME_ZONE_AS_WRITTEN}" or a time zone name such as Asia/Shanghai`, {
      asWritten: TIME_ZONE_AS_WRITTEN
    })
  )

const shortText = (max: number): z.ZodString => z.string().trim().min(1).max(max)

export const endpointSchema = z.strictObject({
  scheme: z.enum(['http', 'https']),
  host: hostnameSchema,
  port: z.number().int().min(1).max(65535),
  path: endpointPathSchema
})

export const profileInputSchema = z.strictObject({
  id: profileIdSchema.optional(),
  name: shortText(100),
  endpoint: endpointSchema,
  accountName: shortText(128),
  folder: z.string().trim().max(100).optional(),
  tls: z.strictObject({ verify: z.boolean(), caPem: caPemSchema.optional() }),
  proxyUrl: proxyUrlSchema.optional(),
  /** Write-only: goes to the keychain, never into profiles.json, a listing or an export. */
  proxyPassword: z.string().min(1).max(1024).optional(),
  timeoutMs: z.number().int().min(1000).max(600_000),
  color: z
    .string()
    .refine(matches(/^#[0-9a-fA-F]{6}$/), fieldRule('notAColour', 'must be a colour like #1e88e5'))
    .optional(),
  timeZone: timeZoneSettingSchema.optional()
})

/** Every profile id (the Demo's included), once each, in the order the sidebar shows them. */
export const arrangeProfilesSchema = z.strictObject({
  profileIds: z
    .array(profileIdSchema)
    .min(1)
    .max(10_000)
    .refine(
      (ids) => new Set(ids).size === ids.length,
      fieldRule('listedTwice', 'must name each profile once')
    )
})

export const demoVisibilitySchema = z.strictObject({ hidden: z.boolean() })

export const profileRefSchema = z.strictObject({ profileId: profileIdSchema })
export const vmRefSchema = z.strictObject({ profileId: profileIdSchema, vmUuid: uuidSchema })

const tagList = z.array(z.string().min(1).max(512)).max(50)

export const migrateParamsSchema = z.strictObject({
  hostUuid: uuidSchema.optional(),
  migrateFromDestination: z.boolean().optional(),
  allowUnknown: z.boolean().optional(),
  strategy: z
    .string()
    .refine(
      matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
      fieldRule('notAStrategy', 'must be a strategy name such as auto-converge')
    )
    .optional(),
  downTime: z.number().int().min(DOWNTIME_MIN_MS).max(DOWNTIME_MAX_MS).optional(),
  systemTags: tagList.optional(),
  userTags: tagList.optional()
})

const vmSortSchema = z.strictObject({ field: z.enum(VM_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })

export const vmQuerySchema = z.strictObject({
  profileId: profileIdSchema,
  /** Matched against name, UUID or IP, chosen by its shape (see main/zstack/vm-search.ts). */
  search: z.string().max(200).optional(),
  states: z
    .array(z.enum(VM_STATES as readonly [VmState, ...VmState[]]))
    .max(VM_STATES.length)
    .optional(),
  zoneUuid: uuidSchema.optional(),
  clusterUuid: uuidSchema.optional(),
  hostUuid: uuidSchema.optional(),
  /** With hostUuid: also the stopped VMs whose last host it is (lastHostUuid). */
  includeStoppedOnHost: z.boolean().optional(),
  /** Appliance VMs (virtual routers) are hidden unless asked for. */
  includeAppliance: z.boolean().optional(),
  start: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(1000),
  sort: vmSortSchema.optional(),
  /** Top-level VM fields to fetch; all when absent. */
  fields: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/))
    .max(40)
    .optional(),
  replyWithCount: z.boolean().optional()
})

/** A VM query as main accepts it: the stopped VMs of a host need the host. */
export const vmQueryRequestSchema = vmQuerySchema.refine(
  (q) => !q.includeStoppedOnHost || q.hostUuid,
  fieldRule('fieldNeedsOther', 'includeStoppedOnHost needs a hostUuid', { other: 'hostUuid' }, [
    'includeStoppedOnHost'
  ])
)

/** Fleet pages merge per-cluster sorted heads: start + limit rows are read from each cluster (at most 1000). */
export const FLEET_WINDOW_MAX = 1000

export const fleetQuerySchema = z
  .strictObject({
    /** Clusters to ask; every signed-in one when absent. */
    profileIds: z.array(profileIdSchema).max(1000).optional(),
    search: vmQuerySchema.shape.search,
    states: vmQuerySchema.shape.states,
    start: z
      .number()
      .int()
      .min(0)
      .max(FLEET_WINDOW_MAX - 1),
    limit: z.number().int().min(1).max(500),
    sort: vmSortSchema,
    /** Zone, cluster or host filters: they name one cluster's inventory, so `profileIds` must name that one. */
    zoneUuid: uuidSchema.optional(),
    clusterUuid: uuidSchema.optional(),
    hostUuid: uuidSchema.optional(),
    /** How long each cluster is waited for before the answer goes without it. */
    deadlineMs: z.number().int().min(100).max(60_000).optional()
  })
  .refine(
    (q) => q.start + q.limit <= FLEET_WINDOW_MAX,
    fieldRule(
      'fleetWindowTooFar',
      `start + limit must be at most ${FLEET_WINDOW_MAX}: narrow the search to see further`,
      { limit: FLEET_WINDOW_MAX },
      ['start']
    )
  )
  .refine(
    (q) => !(q.zoneUuid || q.clusterUuid || q.hostUuid) || q.profileIds?.length === 1,
    fieldRule(
      'placeFilterNeedsOneCluster',
      'a zone, cluster or host filter needs exactly one cluster in profileIds',
      {},
      ['profileIds']
    )
  )

export const importRequestSchema = z.strictObject({
  content: z.string().max(5 * 1024 * 1024),
  fileName: z.string().max(255).optional()
})

export const exportRequestSchema = z.strictObject({
  profileIds: z.array(profileIdSchema).max(1000).optional(),
  format: z.enum(['json', 'yaml'])
})

export const testConnectionRequestSchema = z.strictObject({ profile: profileInputSchema })

export const signInRequestSchema = z.strictObject({
  profileId: profileIdSchema,
  accountName: shortText(128),
  password: z.string().min(1).max(1024),
  rememberPassword: z.boolean()
})

export const migrateRequestSchema = z.strictObject({
  profileId: profileIdSchema,
  vmUuid: uuidSchema,
  params: migrateParamsSchema
})

/** Seconds since the epoch: from 2001 (10^9) to 2286, so milliseconds are refused rather than misread. */
const epochSeconds = z.number().int().min(1_000_000_000).max(9_999_999_999)

export const vmMetricsRequestSchema = z
  .strictObject({
    profileId: profileIdSchema,
    vmUuid: uuidSchema,
    startTime: epochSeconds,
    endTime: epochSeconds
  })
  .refine(
    (r) => r.endTime > r.startTime,
    fieldRule('endNotAfterStart', 'endTime must be after startTime', { start: 'startTime' }, ['endTime'])
  )
  .refine(
    (r) => r.endTime - r.startTime <= MAX_METRIC_SPAN_SEC,
    fieldRule(
      'windowTooLong',
      `the window may span at most ${MAX_METRIC_SPAN_SEC} seconds`,
      { seconds: MAX_METRIC_SPAN_SEC },
      ['startTime']
    )
  )

export const hostsLoadRequestSchema = z.strictObject({
  profileId: profileIdSchema,
  hostUuids: z.array(uuidSchema).min(1).max(1000)
})

/** A record id main generated (randomUUID): a migration's or a batch's. */
const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A migration of the activity list, by its record id. */
export const migrationRefSchema = z.strictObject({
  migrationId: z.string().refine(matches(RECORD_ID), fieldRule('notARecordId', 'must be a migration id'))
})

export const listMigrationsRequestSchema = z.strictObject({ profileId: profileIdSchema.optional() })

/** `fresh`: read past the topology cache (the admin pressed Refresh, or just changed a host). */
export const fleetHealthRequestSchema = z.strictObject({ fresh: z.boolean().optional() })

export type VmSortField = (typeof VM_SORT_FIELDS)[number]

// Fleet operations (batches of migrations, host drains).

const batchSizeSchema = z.number().int().min(1).max(BATCH_MAX_CONCURRENCY)

/** A row to run: the VM and its destination (absent: auto, chosen right before it is sent). */
export const batchRowRequestSchema = z.strictObject({ vmUuid: uuidSchema, hostUuid: uuidSchema.optional() })

export const planMigrationsRequestSchema = z.strictObject({
  profileId: profileIdSchema,
  vmUuids: z.array(uuidSchema).min(1).max(BATCH_MAX_ROWS),
  /** Chosen destinations; a VM not listed here goes to `auto`. */
  destinations: z.array(batchRowRequestSchema.required()).max(BATCH_MAX_ROWS).optional()
})

export const hostRefSchema = z.strictObject({ profileId: profileIdSchema, hostUuid: uuidSchema })

export const startBatchRequestSchema = z.strictObject({
  profileId: profileIdSchema,
  rows: z.array(batchRowRequestSchema).min(1).max(BATCH_MAX_ROWS),
  concurrency: batchSizeSchema.optional(),
  perHostLimit: batchSizeSchema.optional(),
  stopOnFirstFailure: z.boolean(),
  /** A drain: once the queue ended, the host is re-read; `thenMaintain` puts it in maintenance only if empty. */
  drain: z.strictObject({ hostUuid: uuidSchema, thenMaintain: z.boolean() }).optional()
})

const batchIdSchema = z.string().refine(matches(RECORD_ID), fieldRule('notARecordId', 'must be a batch id'))

export const batchRefSchema = z.strictObject({ batchId: batchIdSchema })
export const batchRowRefSchema = z.strictObject({ batchId: batchIdSchema, vmUuid: uuidSchema })
export const listBatchesRequestSchema = z.strictObject({ profileId: profileIdSchema.optional() })

export const HOST_STATE_EVENTS = ['enable', 'disable', 'maintain'] as const

export const changeHostStateRequestSchema = z.strictObject({
  profileId: profileIdSchema,
  hostUuid: uuidSchema,
  stateEvent: z.enum(HOST_STATE_EVENTS)
})
