import { createI18n } from 'vue-i18n'
import { errorMessages } from './error-messages'
import { shellMessages } from './shell-messages'

export type Locale = 'en' | 'zh-CN'
export const LOCALES: readonly Locale[] = ['en', 'zh-CN']

type MessageTree = Record<string, unknown>
export interface FeatureMessages {
  en: MessageTree
  'zh-CN': MessageTree
}

/** Each feature folder may have a messages.ts exporting `messages: FeatureMessages`; they are merged here. */
const featureModules = import.meta.glob<{ messages: FeatureMessages }>('../features/*/messages.ts', {
  eager: true
})
const sources: FeatureMessages[] = [
  shellMessages,
  errorMessages,
  ...Object.values(featureModules).map((m) => m.messages)
]

function merge(locale: Locale): MessageTree {
  return Object.assign({}, ...sources.map((source) => source[locale]))
}

export const i18n = createI18n<[MessageTree], Locale, false>({
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
