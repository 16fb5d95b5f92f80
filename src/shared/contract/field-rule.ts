// Our own zod rules name the error kind the window phrases: the custom issue carries it in `params` (with the
// kind's parameters but `field`, which the issue's path gives); the rule's message stays English, for logs.
import { ERROR_KINDS, type ErrorParamName, type ErrorParamValues } from '../error-kinds'

export const FIELD_RULE_KINDS = [
  'notAUuid',
  'notAProfileId',
  'notAHostName',
  'notAnEndpointPath',
  'notPem',
  'notAProxyUrl',
  'notATimeZone',
  'notAColour',
  'notAStrategy',
  'notARecordId',
  'listedTwice',
  'fieldNeedsOther',
  'endNotAfterStart',
  'windowTooLong',
  'fleetWindowTooFar',
  'placeFilterNeedsOneCluster'
] as const

export type FieldRuleKind = (typeof FIELD_RULE_KINDS)[number]

type RuleParams<K extends FieldRuleKind> = { [P in Exclude<ErrorParamName<K>, 'field'>]: string | number }

/** The second argument of `.refine`: zod's custom issue gets `params.kind` and the kind's parameters. */
export interface FieldRule {
  message: string
  path?: string[]
  params: ErrorParamValues & { kind: FieldRuleKind }
}

/** A rule of ours refused with `kind`; `path` points the issue at one field of an object. */
export function fieldRule<K extends FieldRuleKind>(
  kind: K,
  message: string,
  ...[params, path]: keyof RuleParams<K> extends never
    ? [params?: RuleParams<K>, path?: string[]]
    : [params: RuleParams<K>, path?: string[]]
): FieldRule {
  return { message, ...(path ? { path } : {}), params: { ...params, kind } }
}

/** A string check by pattern, refused as one of our kinds rather than zod's regex wording. */
export const matches =
  (pattern: RegExp) =>
  (text: string): boolean =>
    pattern.test(text)

/** The kind and parameters a custom issue's `params` carry when they name one of our rules; `field` from its path. */
export function ruleOfIssue(
  params: Readonly<Record<string, unknown>> | undefined,
  field: string
): { kind: FieldRuleKind; params: Record<string, string | number> } | undefined {
  const known = FIELD_RULE_KINDS.find((k) => k === params?.kind)
  if (!known || !params) return undefined
  const given: Readonly<Record<string, unknown>> = { ...params, field }
  const values: Record<string, string | number> = {}
  for (const name of ERROR_KINDS[known].params) {
    const value = given[name]
    if (typeof value === 'string' || typeof value === 'number') values[name] = value
  }
  return { kind: known, params: values }
}
