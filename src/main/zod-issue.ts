// A zod issue as a problem kind with parameters, so the window phrases it; zod's own words stay in `details`,
// while a rule of ours (contract/field-rule.ts) is its own kind with no details: its message only repeats it.
import type { z } from 'zod'
import { ruleOfIssue } from '../shared/contract/field-rule'
import { appError, type ErrorParams } from '../shared/error-kinds'
import type { AppError } from '../shared/result'

type Issue = z.ZodError['issues'][number]

export function issueProblem(issue: Issue, field: string): AppError {
  const details = { details: issue.message }
  const text = issue.code === 'too_small' || issue.code === 'too_big' ? issue.origin === 'string' : false
  switch (issue.code) {
    case 'invalid_type':
      return appError('fieldWrongType', { field, expected: issue.expected }, details)
    case 'too_small':
      return appError(
        text ? 'fieldTooShort' : 'fieldTooSmall',
        { field, limit: String(issue.minimum) },
        details
      )
    case 'too_big':
      return appError(text ? 'fieldTooLong' : 'fieldTooBig', { field, limit: String(issue.maximum) }, details)
    case 'invalid_value':
      return appError('fieldNotOneOf', { field, allowed: issue.values.map(String).join(', ') }, details)
    case 'unrecognized_keys':
      return appError('fieldUnknown', { field: issue.keys.join(', ') }, details)
    case 'custom': {
      const rule = ruleOfIssue(issue.params, field)
      if (!rule) return appError('fieldInvalid', { field }, details)
      return appError(rule.kind, rule.params as ErrorParams<typeof rule.kind>)
    }
    default:
      return appError('fieldInvalid', { field }, details)
  }
}
