// The migrate form as the user fills it, its validation (mirroring main's migrateParamsSchema) and the request it becomes.
import type { Endpoint, MigrateParams } from '../../../../shared/api'
import { DOWNTIME_MAX_MS, DOWNTIME_MIN_MS } from '../../../../shared/migration-types'

/** `null` host means "let ZStack choose"; `undefined` means no choice made yet. */
export interface MigrateForm {
  hostUuid: string | null | undefined
  /** `null` is the server's default strategy (nothing sent). */
  strategy: string | null
  /** As typed; empty means the server default. */
  downTime: string
  migrateFromDestination: boolean
  allowUnknown: boolean
  systemTags: string[]
  userTags: string[]
}

export type MigrateField = 'hostUuid' | 'strategy' | 'downTime' | 'systemTags' | 'userTags'

/** An i18n key under `migrate.invalid` and its parameters. */
export interface FieldProblem {
  key: string
  params?: Record<string, string | number>
}

export type FormProblems = Partial<Record<MigrateField, FieldProblem>>

export const AUTO_CONVERGE = 'auto-converge'
export const MAX_TAGS = 50
export const MAX_TAG_LENGTH = 512
const UUID = /^[0-9a-fA-F]{32}$/
const STRATEGY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const WHOLE_NUMBER = /^[+-]?\d+$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/** ZStack up to this release accepts only auto-converge (5.2.1's MigrateVm); later releases accept more names. */
const ONLY_AUTO_CONVERGE_THROUGH = [5, 2, 1]

/** The strategies a node of this version accepts; undefined when its version is unknown or later (the node checks). */
export function strategiesAccepted(version: string | undefined): readonly string[] | undefined {
  const parts = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version ?? '')
  if (!parts) return undefined
  const numbers = parts.slice(1).map((n) => Number(n ?? 0))
  for (const [i, limit] of ONLY_AUTO_CONVERGE_THROUGH.entries()) {
    if (numbers[i]! !== limit) return numbers[i]! < limit ? [AUTO_CONVERGE] : undefined
  }
  return [AUTO_CONVERGE]
}

export function emptyForm(): MigrateForm {
  return {
    hostUuid: undefined,
    strategy: null,
    downTime: '',
    migrateFromDestination: false,
    allowUnknown: false,
    systemTags: [],
    userTags: []
  }
}

function tagProblem(tags: string[]): FieldProblem | undefined {
  if (tags.length > MAX_TAGS) return { key: 'tooManyTags', params: { max: MAX_TAGS } }
  if (tags.some((tag) => tag.length === 0)) return { key: 'emptyTag' }
  const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH)
  if (long !== undefined) return { key: 'tagTooLong', params: { max: MAX_TAG_LENGTH, length: long.length } }
  return undefined
}

function downTimeProblem(text: string): FieldProblem | undefined {
  const value = text.trim()
  if (value === '') return undefined
  if (!NUMBER.test(value)) return { key: 'downTimeNotNumber' }
  if (!WHOLE_NUMBER.test(value)) return { key: 'downTimeWhole' }
  const ms = Number(value)
  if (ms < DOWNTIME_MIN_MS || ms > DOWNTIME_MAX_MS) {
    return { key: 'downTimeRange', params: { min: DOWNTIME_MIN_MS, max: DOWNTIME_MAX_MS } }
  }
  return undefined
}

/** Whether the user has set anything: closing would lose it. */
export function isFilled(form: MigrateForm): boolean {
  const empty = emptyForm()
  return (Object.keys(empty) as (keyof MigrateForm)[]).some(
    (key) => JSON.stringify(form[key]) !== JSON.stringify(empty[key])
  )
}

function strategyProblem(strategy: string | null, nodeVersion: string | undefined): FieldProblem | undefined {
  if (strategy === null) return undefined
  if (!STRATEGY.test(strategy)) return { key: 'strategy' }
  const accepted = strategiesAccepted(nodeVersion)
  if (accepted && !accepted.includes(strategy))
    return { key: 'strategyVersion', params: { version: nodeVersion!, accepted: accepted.join(', ') } }
  return undefined
}

/** Every problem that blocks submission, by field; empty when the form can be sent. `nodeVersion` checks the strategy. */
export function validateMigrateForm(form: MigrateForm, nodeVersion?: string): FormProblems {
  const problems: FormProblems = {}
  if (form.hostUuid === undefined) problems.hostUuid = { key: 'hostRequired' }
  else if (form.hostUuid !== null && !UUID.test(form.hostUuid)) problems.hostUuid = { key: 'hostUuid' }
  const strategy = strategyProblem(form.strategy, nodeVersion)
  if (strategy) problems.strategy = strategy
  const downTime = downTimeProblem(form.downTime)
  if (downTime) problems.downTime = downTime
  const systemTags = tagProblem(form.systemTags)
  if (systemTags) problems.systemTags = systemTags
  const userTags = tagProblem(form.userTags)
  if (userTags) problems.userTags = userTags
  return problems
}

/** The params main receives: a field absent from the form, or still invalid, is absent here. */
export function buildMigrateParams(form: MigrateForm, nodeVersion?: string): MigrateParams {
  const problems = validateMigrateForm(form, nodeVersion)
  const params: MigrateParams = {}
  if (form.hostUuid && !problems.hostUuid) params.hostUuid = form.hostUuid
  if (form.migrateFromDestination) params.migrateFromDestination = true
  if (form.allowUnknown) params.allowUnknown = true
  if (form.strategy !== null && !problems.strategy) params.strategy = form.strategy
  const downTime = form.downTime.trim()
  if (downTime !== '' && !problems.downTime) params.downTime = Number.parseInt(downTime, 10)
  if (form.systemTags.length > 0 && !problems.systemTags) params.systemTags = [...form.systemTags]
  if (form.userTags.length > 0 && !problems.userTags) params.userTags = [...form.userTags]
  return params
}

export interface MigrateVmBody {
  migrateVm: Omit<MigrateParams, 'systemTags' | 'userTags'>
  systemTags?: string[]
  userTags?: string[]
}

/** The JSON body a ZStack node receives: the action key, with the tags beside it at the top level. */
export function buildRequestBody(params: MigrateParams): MigrateVmBody {
  const { systemTags, userTags, ...action } = params
  const body: MigrateVmBody = { migrateVm: action }
  if (systemTags) body.systemTags = systemTags
  if (userTags) body.userTags = userTags
  return body
}

export function actionUrl(endpoint: Endpoint, vmUuid: string): string {
  const path = endpoint.path ? `/${endpoint.path}` : ''
  return `${endpoint.scheme}://${endpoint.host}:${endpoint.port}${path}/v1/vm-instances/${vmUuid}/actions`
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`

/** The same request as a shell command; the session stays a placeholder (the renderer never knows it). */
export function buildCurl(endpoint: Endpoint, vmUuid: string, body: MigrateVmBody): string {
  return [
    `curl -X PUT ${shellQuote(actionUrl(endpoint, vmUuid))}`,
    `-H 'Authorization: OAuth <SESSION_UUID>'`,
    `-H 'Content-Type: application/json;charset=UTF-8'`,
    `-d ${shellQuote(JSON.stringify(body))}`
  ].join(' \\\n  ')
}
