// What each DeskApi argument must look like, written out independently of the zod schemas, with a checker that
// says why a value breaks it. The fuzzer uses the checker to prove each generated input is invalid by construction.
import { VM_STATES } from '../../../src/shared/zstack-types'
import { DESK_API_METHODS, VM_SORT_FIELDS, type DeskApiMethod } from '../../../src/shared/api'
import { takesArgument, type MethodWithArgument } from './valid-arguments'

export type Spec =
  | { kind: 'none' }
  | { kind: 'object'; fields: Record<string, Field> }
  | { kind: 'array'; of: Spec; max: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'number'; min: number; max: number }
  | StringSpec

export interface StringSpec {
  kind: 'string'
  /** Length limits in code points (what people call characters), after trimming when `trim`. */
  min: number
  max: number
  trim?: boolean
  /** Matches a UTF-16 unit the value must not contain (patterns without the u flag see units, not characters). */
  forbidden?: RegExp
  /** The first character must match this. */
  first?: RegExp
  /** A substring or prefix the value must have. */
  contains?: string
  prefixes?: readonly string[]
  /** Exactly this many characters. */
  length?: number
}

export interface Field {
  spec: Spec
  optional?: boolean
}

const req = (spec: Spec): Field => ({ spec })
const opt = (spec: Spec): Field => ({ spec, optional: true })
const str = (min: number, max: number, extra: Partial<StringSpec> = {}): StringSpec => ({
  kind: 'string',
  min,
  max,
  ...extra
})
const int = (min: number, max: number): Spec => ({ kind: 'number', min, max })
const bool: Spec = { kind: 'boolean' }
const object = (fields: Record<string, Field>): Spec => ({ kind: 'object', fields })

/** ZStack UUIDs are 32 hexadecimal characters, either case. */
const uuid = str(32, 32, { length: 32, forbidden: /[^0-9a-fA-F]/ })
const profileId = str(1, 64, { forbidden: /[^A-Za-z0-9_-]/ })
/** A migration record id: a lowercase UUID with its dashes. */
const migrationRef = object({
  migrationId: req(str(36, 36, { first: /[0-9a-f]/, forbidden: /[^0-9a-f-]/ }))
})
/** A batch id: a lowercase UUID with its dashes, like a migration id. */
const batchId = str(36, 36, { first: /[0-9a-f]/, forbidden: /[^0-9a-f-]/ })
const batchRef = object({ batchId: req(batchId) })
const hostName = str(1, 253, { forbidden: /[^A-Za-z0-9.:[\]-]/ })

const profileInput = object({
  id: opt(profileId),
  name: req(str(1, 100, { trim: true })),
  endpoint: req(
    object({
      scheme: req({ kind: 'enum', values: ['http', 'https'] }),
      host: req(hostName),
      port: req(int(1, 65535)),
      path: req(str(0, 100, { forbidden: /[^A-Za-z0-9._~/-]/ }))
    })
  ),
  accountName: req(str(1, 128, { trim: true })),
  folder: opt(str(0, 100, { trim: true })),
  tls: req(
    object({ verify: req(bool), caPem: opt(str(27, 262_144, { contains: '-----BEGIN CERTIFICATE-----' })) })
  ),
  proxyUrl: opt(str(8, 2048, { prefixes: ['http://', 'https://'], forbidden: /\s/ })),
  proxyPassword: opt(str(1, 1024)),
  timeoutMs: req(int(1000, 600_000)),
  color: opt(str(7, 7, { length: 7, first: /#/, forbidden: /[^#0-9a-fA-F]/ }))
})

const profileRef = object({ profileId: req(profileId) })
const vmRef = object({ profileId: req(profileId), vmUuid: req(uuid) })
const hostRef = object({ profileId: req(profileId), hostUuid: req(uuid) })
const vmSort = object({
  field: req({ kind: 'enum', values: VM_SORT_FIELDS }),
  direction: req({ kind: 'enum', values: ['asc', 'desc'] })
})
const tags: Spec = { kind: 'array', of: str(1, 512), max: 50 }

/** The hand-written rules for each method that takes an argument (the compiler asks for a new one). */
const ARGUMENT_SPECS: Record<MethodWithArgument, Spec> = {
  saveProfile: profileInput,
  deleteProfile: profileRef,
  importProfiles: object({ content: req(str(0, 5 * 1024 * 1024)), fileName: opt(str(0, 255)) }),
  exportProfiles: object({
    profileIds: opt({ kind: 'array', of: profileId, max: 1000 }),
    format: req({ kind: 'enum', values: ['json', 'yaml'] })
  }),
  testConnection: object({ profile: req(profileInput) }),
  signIn: object({
    profileId: req(profileId),
    accountName: req(str(1, 128, { trim: true })),
    password: req(str(1, 1024)),
    rememberPassword: req(bool)
  }),
  signOut: profileRef,
  queryVms: object({
    profileId: req(profileId),
    search: opt(str(0, 200)),
    states: opt({ kind: 'array', of: { kind: 'enum', values: VM_STATES }, max: VM_STATES.length }),
    zoneUuid: opt(uuid),
    clusterUuid: opt(uuid),
    hostUuid: opt(uuid),
    includeAppliance: opt(bool),
    start: req(int(0, 10_000_000)),
    limit: req(int(1, 1000)),
    sort: opt(vmSort),
    fields: opt({ kind: 'array', of: str(1, 64, { first: /[A-Za-z]/, forbidden: /[^A-Za-z0-9]/ }), max: 40 }),
    replyWithCount: opt(bool)
  }),
  getFleetHealth: object({ fresh: opt(bool) }),
  queryFleetVms: object({
    profileIds: opt({ kind: 'array', of: profileId, max: 1000 }),
    search: opt(str(0, 200)),
    states: opt({ kind: 'array', of: { kind: 'enum', values: VM_STATES }, max: VM_STATES.length }),
    start: req(int(0, 999)),
    limit: req(int(1, 500)),
    sort: req(vmSort),
    zoneUuid: opt(uuid),
    clusterUuid: opt(uuid),
    hostUuid: opt(uuid),
    deadlineMs: opt(int(100, 60_000))
  }),
  arrangeProfiles: object({ profileIds: req({ kind: 'array', of: profileId, max: 10_000 }) }),
  setDemoHidden: object({ hidden: req(bool) }),
  getVm: vmRef,
  getTopology: profileRef,
  getL3Networks: profileRef,
  startVm: vmRef,
  stopVm: vmRef,
  getMigrationPlan: vmRef,
  migrateVm: object({
    profileId: req(profileId),
    vmUuid: req(uuid),
    params: req(
      object({
        hostUuid: opt(uuid),
        migrateFromDestination: opt(bool),
        allowUnknown: opt(bool),
        strategy: opt(str(1, 64, { first: /[A-Za-z0-9]/, forbidden: /[^A-Za-z0-9._-]/ })),
        downTime: opt(int(1, 600_000)),
        systemTags: opt(tags),
        userTags: opt(tags)
      })
    )
  }),
  listMigrations: object({ profileId: opt(profileId) }),
  listVmActions: object({ profileId: opt(profileId) }),
  getVmMetrics: object({
    profileId: req(profileId),
    vmUuid: req(uuid),
    startTime: req(int(1_000_000_000, 9_999_999_999)),
    endTime: req(int(1_000_000_000, 9_999_999_999))
  }),
  getHostsLoad: object({ profileId: req(profileId), hostUuids: req({ kind: 'array', of: uuid, max: 1000 }) }),
  cancelMigration: migrationRef,
  retryMigration: migrationRef,
  planMigrations: object({
    profileId: req(profileId),
    vmUuids: req({ kind: 'array', of: uuid, max: 500 }),
    destinations: opt({
      kind: 'array',
      of: object({ vmUuid: req(uuid), hostUuid: req(uuid) }),
      max: 500
    })
  }),
  planDrain: hostRef,
  startBatch: object({
    profileId: req(profileId),
    rows: req({ kind: 'array', of: object({ vmUuid: req(uuid), hostUuid: opt(uuid) }), max: 500 }),
    concurrency: opt(int(1, 16)),
    perHostLimit: opt(int(1, 16)),
    stopOnFirstFailure: req(bool),
    drain: opt(object({ hostUuid: req(uuid), thenMaintain: req(bool) }))
  }),
  pauseBatch: batchRef,
  resumeBatch: batchRef,
  cancelBatch: batchRef,
  cancelBatchRow: object({ batchId: req(batchId), vmUuid: req(uuid) }),
  listBatches: object({ profileId: opt(profileId) }),
  getBatch: batchRef,
  changeHostState: object({
    profileId: req(profileId),
    hostUuid: req(uuid),
    stateEvent: req({ kind: 'enum', values: ['enable', 'disable', 'maintain'] })
  })
}

/** Every method of the contract: the ones without an argument must be called with none. */
export const ARG_SPECS = Object.fromEntries(
  DESK_API_METHODS.map((method) => [
    method,
    takesArgument(method) ? ARGUMENT_SPECS[method] : ({ kind: 'none' } satisfies Spec)
  ])
) as Record<DeskApiMethod, Spec>

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** Code points in `text`; a lone surrogate counts as one. */
function codePointLength(text: string): number {
  if (!/[\ud800-\udbff]/.test(text)) return text.length
  let count = 0
  for (let i = 0; i < text.length; i++, count++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) i++
    }
  }
  return count
}

function stringViolations(spec: StringSpec, value: string, path: string): string[] {
  const out: string[] = []
  const length = codePointLength(spec.trim ? value.trim() : value)
  if (length < spec.min) out.push(`${path}: ${length} characters, fewer than ${spec.min}`)
  if (length > spec.max) out.push(`${path}: ${length} characters, more than ${spec.max}`)
  if (spec.length !== undefined && codePointLength(value) !== spec.length)
    out.push(`${path}: not exactly ${spec.length} characters`)
  const bad = spec.forbidden?.exec(value)
  if (bad) out.push(`${path}: character U+${bad[0].charCodeAt(0).toString(16)} not allowed`)
  if (spec.first && value.length > 0 && !spec.first.test(value[0]!)) out.push(`${path}: bad first character`)
  if (spec.contains !== undefined && !value.includes(spec.contains))
    out.push(`${path}: lacks ${spec.contains}`)
  if (spec.prefixes && !spec.prefixes.some((p) => value.startsWith(p) && value.length > p.length)) {
    out.push(`${path}: does not start with ${spec.prefixes.join(' or ')}`)
  }
  return out
}

/** Why `value` does not fit `spec`; empty when it fits. Only own enumerable string keys count (what IPC and JSON carry). */
export function violations(spec: Spec, value: unknown, path = '(argument)'): string[] {
  switch (spec.kind) {
    case 'none':
      return value === undefined ? [] : [`${path}: the method takes no argument`]
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: not a boolean`]
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? []
        : [`${path}: not one of ${spec.values.join(', ')}`]
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [`${path}: not a finite number`]
      if (!Number.isSafeInteger(value)) return [`${path}: not a whole number`]
      return value < spec.min || value > spec.max
        ? [`${path}: ${value} outside ${spec.min}..${spec.max}`]
        : []
    case 'string':
      return typeof value === 'string' ? stringViolations(spec, value, path) : [`${path}: not a string`]
    case 'array': {
      if (!Array.isArray(value)) return [`${path}: not an array`]
      const out = value.length > spec.max ? [`${path}: ${value.length} items, more than ${spec.max}`] : []
      value.forEach((item, i) => out.push(...violations(spec.of, item, `${path}.${i}`)))
      return out
    }
    case 'object': {
      if (!isPlainObject(value)) return [`${path}: not a plain object`]
      const out: string[] = []
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(spec.fields, key)) out.push(`${path}: unexpected key ${JSON.stringify(key)}`)
      }
      for (const [key, field] of Object.entries(spec.fields)) {
        const present = Object.hasOwn(value, key) && value[key] !== undefined
        if (!present) {
          if (!field.optional) out.push(`${path}.${key}: missing`)
          continue
        }
        out.push(...violations(field.spec, value[key], `${path}.${key}`))
      }
      return out
    }
  }
}
