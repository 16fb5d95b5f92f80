// Every error kind in the shared table reads in both languages, with its parameters filled in.
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '@renderer/i18n'
import { errorAdvice, errorText } from '@renderer/i18n/error-text'
import { appError, englishMessage, ERROR_KINDS, type ErrorKind } from '../../src/shared/error-kinds'
import type { AppError } from '../../src/shared/api'

const KINDS = Object.keys(ERROR_KINDS) as ErrorKind[]
const HAN = /\p{Script=Han}/u

/** An error of `kind` whose every parameter has a value that cannot occur in the text by chance. */
function sample(kind: ErrorKind): { error: AppError; values: string[] } {
  const params = Object.fromEntries(ERROR_KINDS[kind].params.map((name) => [name, `«${name}-42»`]))
  const cause =
    ERROR_KINDS[kind].code === 'as-cause' ? appError('connectionClosed', { address: 'a:1' }) : undefined
  const error = appError(kind as 'unexpected', params as never, cause ? { cause } : {})
  return { error, values: Object.values(params) }
}

afterEach(() => {
  i18n.global.locale.value = 'en'
})

describe.each(['en', 'zh-CN'] as const)('error kinds in %s', (locale) => {
  it.each(KINDS)('%s has a text with every parameter filled, and advice when the table has it', (kind) => {
    i18n.global.locale.value = locale
    const { error, values } = sample(kind)
    const text = errorText(error)
    const advice = errorAdvice(error)
    expect(text).not.toContain('errorKinds.')
    expect(text).not.toMatch(/[{}]/)
    for (const value of values) expect(`${text} ${advice}`).toContain(value)
    expect(advice === '').toBe(ERROR_KINDS[kind].advice === '')
    expect(advice).not.toMatch(/[{}]|errorKinds\./)
    if (locale === 'zh-CN') {
      expect(text).toMatch(HAN)
      if (advice) expect(advice).toMatch(HAN)
    }
  })
})

describe('one English text for the window and the log', () => {
  it.each(KINDS)('%s: the message main logs is the text the window shows in English', (kind) => {
    const { error } = sample(kind)
    const spec = ERROR_KINDS[kind]
    expect(error.kind).toBe(kind)
    if (spec.code !== 'as-cause') expect(error.code).toBe(spec.code)
    expect(error.message).toBe(englishMessage(kind, error.params, error.cause))
    i18n.global.locale.value = 'en'
    expect(error.message).toContain(errorText({ ...error, cause: undefined }).replace(/\.$/, ''))
    expect(error.message.endsWith(errorAdvice(error))).toBe(true)
  })

  it('an error from an older version without a kind reads as unexpected, never in its stored English', () => {
    i18n.global.locale.value = 'zh-CN'
    const old = { code: 'NETWORK', message: 'Nothing answers at 10.0.0.1:8080.' } as unknown as AppError
    expect(errorText(old)).toBe(errorText(appError('unexpected', {})))
    expect(errorText(old)).not.toContain('Nothing answers')
  })
})
