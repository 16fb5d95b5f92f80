import { usePreferredDark } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, watch } from 'vue'
import { i18n, LOCALES, type Locale } from '../i18n'
import { STORAGE_KEYS, usePersisted } from '../persisted'

export type ThemeChoice = 'auto' | 'light' | 'dark'
const THEMES: readonly ThemeChoice[] = ['auto', 'light', 'dark']

interface Saved {
  theme?: ThemeChoice
  locale?: Locale
  /** The cluster list folded away, for a small window. */
  sidebarCollapsed?: boolean
}

function systemLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** Theme, language and the sidebar's fold: the only state kept in the page's storage (nothing secret). */
export const usePreferencesStore = defineStore('preferences', () => {
  const saved = usePersisted<Saved>(STORAGE_KEYS.preferences, {})
  const initialLocale =
    saved.value.locale && LOCALES.includes(saved.value.locale) ? saved.value.locale : systemLocale()
  // The fold is written only while folded: a saved object stays {theme, locale} as earlier versions wrote it.
  const current = (folded = sidebarCollapsed.value): Saved => ({
    theme: theme.value,
    locale: locale.value,
    ...(folded ? { sidebarCollapsed: true } : {})
  })
  const theme = computed<ThemeChoice>({
    get: () => (saved.value.theme && THEMES.includes(saved.value.theme) ? saved.value.theme : 'auto'),
    set: (value) => (saved.value = { ...current(), theme: value })
  })
  const locale = computed<Locale>({
    get: () =>
      saved.value.locale && LOCALES.includes(saved.value.locale) ? saved.value.locale : initialLocale,
    set: (value) => (saved.value = { ...current(), locale: value })
  })
  const sidebarCollapsed = computed<boolean>({
    get: () => saved.value.sidebarCollapsed === true,
    set: (value) => (saved.value = current(value))
  })
  const systemDark = usePreferredDark()
  const dark = computed(() => (theme.value === 'auto' ? systemDark.value : theme.value === 'dark'))

  watch(
    locale,
    (value) => {
      i18n.global.locale.value = value
      document.documentElement.lang = value
    },
    { immediate: true }
  )

  return { theme, locale, dark, sidebarCollapsed }
})
