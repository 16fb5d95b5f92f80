import { createI18n } from 'vue-i18n'
import { shellMessages } from './shell-messages'

export type Locale = 'en' | 'zh-CN'
export const LOCALES: readonly Locale[] = ['en', 'zh-CN']

/** Feature folders contribute their own message trees; they are merged here. */
const sources = [shellMessages]

function merge(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...sources.map((source) => source[locale]))
}

type MessageSchema = Record<string, unknown>

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en: merge('en'), 'zh-CN': merge('zh-CN') },
  datetimeFormats: {
    en: { short: { dateStyle: 'medium', timeStyle: 'short' } },
    'zh-CN': { short: { dateStyle: 'medium', timeStyle: 'short' } }
  },
  missingWarn: false,
  fallbackWarn: false
})
