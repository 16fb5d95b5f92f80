// Our own argument rules, as main answers them (test/main/field-rules.test.ts: kind + parameters), read in Chinese
// for a zh-CN user: no English sentence, every parameter said; and in English for an English one.
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '@renderer/i18n'
import { errorSentence } from '@renderer/i18n/error-text'
import { FIELD_RULE_KINDS } from '../../src/shared/contract/field-rule'
import { appError, ERROR_KINDS, type ErrorParams } from '../../src/shared/error-kinds'

/** Three or more ASCII words in a row: what the zh-CN e2e test counts as an English sentence. */
const ENGLISH_RUN = /[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*[,.:;]?){2,}/
const HAN = /\p{Script=Han}/u

/** Values of the kind main sends: field paths, the other field's name, limits. */
const VALUES: Record<string, string | number> = {
  field: 'endpoint.host',
  other: 'hostUuid',
  start: 'startTime',
  asWritten: 'as-written',
  seconds: 691_200,
  limit: 1000
}

afterEach(() => {
  i18n.global.locale.value = 'en'
})

describe('our own argument rules, phrased', () => {
  it.each(FIELD_RULE_KINDS)('%s', (kind) => {
    const names = ERROR_KINDS[kind].params
    for (const name of names) expect(VALUES, `a sample value for {${name}}`).toHaveProperty(name)
    const params = Object.fromEntries(names.map((name) => [name, VALUES[name]!]))
    const problem = appError(kind, params as ErrorParams<typeof kind>)

    i18n.global.locale.value = 'zh-CN'
    const zh = errorSentence(problem)
    expect(zh).toMatch(HAN)
    expect(zh).not.toMatch(ENGLISH_RUN)
    for (const value of Object.values(params)) expect(zh).toContain(String(value))

    i18n.global.locale.value = 'en'
    const en = errorSentence(problem)
    expect(en).toBe(problem.message)
    expect(en).not.toMatch(HAN)
  })
})
