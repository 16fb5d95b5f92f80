// Every argument from a renderer is `unknown` until one of these accepts it.
import { z } from 'zod'
import { VM_STATES } from '../shared/zstack-types'
import { DESK_API_METHODS, VM_SORT_FIELDS, type DeskApiMethod } from '../shared/api'
import { DOWNTIME_MAX_MS, DOWNTIME_MIN_MS } from '../shared/migration-types'

const uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, 'must be a ZStack UUID: 32 hexadecimal characters')
  .transform((s) => s.toLowerCase())

const profileId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a profile id (letters, digits, - and _)')

const hostname = z
  .string()
  .min(1, 'is required')
  .max(253)
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/,
    'must be a host name or an IP address, without scheme, port or path'
  )

const shortText = (max: number): z.ZodString => z.string().trim().min(1, 'is required').max(max)

export const endpointSchema = z.strictObject({
  scheme: z.enum(['http', 'https']),
  host: hostname,
  port: z.number().int().min(1).max(65535),
  path: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9._~-]*(\/[A-Za-z0-9._~-]+)*$/, 'must be a path such as zstack, without leading slash')
})

const pem = z
  .string()
  .max(262_144)
  .refine(
    (s) => s.includes('-----BEGIN CERTIFICATE-----'),
    'must be PEM text with at least one CERTIFICATE block'
  )

export const profileInputSchema = z.strictObject({
  id: profileId.optional(),
  name: shortText(100),
  endpoint: endpointSchema,
  accountName: shortText(128),
  folder: z.string().trim().max(100).optional(),
  tls: z.strictObject({ verify: z.boolean(), caPem: pem.optional() }),
  proxyUrl: z
    .string()
    .max(2048)
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
  timeoutMs: z.number().int().min(1000).max(600_000),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1e88e5')
    .optional()
})

const profileRef = z.strictObject({ profileId })
const vmRef = z.strictObject({ profileId, vmUuid: uuid })

const tagList = z.array(z.string().min(1).max(512)).max(50)

export const migrateParamsSchema = z.strictObject({
  hostUuid: uuid.optional(),
  migrateFromDestination: z.boolean().optional(),
  allowUnknown: z.boolean().optional(),
  strategy: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a strategy name such as auto-converge')
    .optional(),
  downTime: z
    .number()
    .int('must be a whole number of milliseconds')
    .min(DOWNTIME_MIN_MS)
    .max(DOWNTIME_MAX_MS)
    .optional(),
  systemTags: tagList.optional(),
  userTags: tagList.optional()
})

export const vmQuerySchema = z.strictObject({
  profileId,
  search: z.string().max(200).optional(),
  states: z
    .array(z.enum(VM_STATES as [string, ...string[]]))
    .max(VM_STATES.length)
    .optional(),
  zoneUuid: uuid.optional(),
  clusterUuid: uuid.optional(),
  hostUuid: uuid.optional(),
  includeAppliance: z.boolean().optional(),
  start: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(1000),
  sort: z.strictObject({ field: z.enum(VM_SORT_FIELDS), direction: z.enum(['asc', 'desc']) }).optional(),
  fields: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/))
    .max(40)
    .optional(),
  replyWithCount: z.boolean().optional()
})

const none = z.undefined()

/** One schema per DeskApi method: the argument it takes (or `undefined` for none). */
export const apiSchemas = {
  getAppInfo: none,
  listProfiles: none,
  saveProfile: profileInputSchema,
  deleteProfile: profileRef,
  importProfiles: z.strictObject({
    content: z.string().max(5 * 1024 * 1024),
    fileName: z.string().max(255).optional()
  }),
  exportProfiles: z.strictObject({
    profileIds: z.array(profileId).max(1000).optional(),
    format: z.enum(['json', 'yaml'])
  }),
  testConnection: z.strictObject({ profile: profileInputSchema }),
  getSessions: none,
  signIn: z.strictObject({
    profileId,
    accountName: shortText(128),
    password: z.string().min(1, 'is required').max(1024),
    rememberPassword: z.boolean()
  }),
  signOut: profileRef,
  queryVms: vmQuerySchema,
  getVm: vmRef,
  getTopology: profileRef,
  startVm: vmRef,
  stopVm: vmRef,
  getMigrationPlan: vmRef,
  migrateVm: z.strictObject({ profileId, vmUuid: uuid, params: migrateParamsSchema }),
  listMigrations: z.strictObject({ profileId: profileId.optional() })
} satisfies Record<DeskApiMethod, z.ZodType>

export function isDeskApiMethod(name: unknown): name is DeskApiMethod {
  return typeof name === 'string' && (DESK_API_METHODS as readonly string[]).includes(name)
}
