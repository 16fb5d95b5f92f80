// The one table of error kinds, scanned: every kind reads in en and zh-CN, and uses only the parameters it declares.
import { describe, expect, it } from 'vitest'
import { errorMessages } from '@renderer/i18n/error-messages'
import { ERROR_KINDS, type ErrorKind } from '../../src/shared/error-kinds'

const KINDS = Object.keys(ERROR_KINDS) as ErrorKind[]
const LOCALES = ['en', 'zh-CN'] as const
type Words = { text?: unknown; advice?: unknown }
const phrasings = (locale: (typeof LOCALES)[number]): Record<string, Words> =>
  errorMessages[locale].errorKinds as Record<string, Words>

/** `{name}` placeholders; vue-i18n would also read @ | $ and stray braces, which no phrasing may hold. */
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)

describe.each(LOCALES)('the error kinds table in %s', (locale) => {
  const table = phrasings(locale)

  it('phrases every kind and nothing else', () => {
    expect(Object.keys(table).sort()).toEqual([...KINDS].sort())
  })

  it.each(KINDS)('%s: a text, advice exactly when English has it, and only declared parameters', (kind) => {
    const spec = ERROR_KINDS[kind]
    const { text, advice } = table[kind] ?? {}
    expect(typeof text === 'string' && text.trim().length > 0).toBe(true)
    expect(typeof advice).toBe('string')
    expect(advice === '').toBe(spec.advice === '')
    const declared = new Set<string>(spec.params)
    for (const words of [text as string, advice as string]) {
      for (const name of placeholders(words)) expect(declared, `{${name}} in ${kind}`).toContain(name)
      // Braces only around a parameter, and none of vue-i18n's other special characters.
      expect(words.replace(/\{\w+\}/g, '')).not.toMatch(/[{}@|$]/)
    }
    // Every declared parameter is said somewhere, so no value the user needs is dropped.
    for (const name of spec.params)
      expect(placeholders(`${text} ${advice}`), `${kind} says {${name}}`).toContain(name)
  })
})
