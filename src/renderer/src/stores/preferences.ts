import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { usePreferredDark } from '../composables/use-preferred-dark'
import { i18n, LOCALES, type Locale } from '../i18n'

export type ThemeChoice = 'auto' | 'light' | 'dark'

const STORAGE_KEY = 'zstack-desk.preferences'

interface Saved {
  theme?: ThemeChoice
  locale?: Locale
}

function load(): Saved {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Saved
  } catch {
    return {}
  }
}

function initialLocale(saved: Saved): Locale {
  if (saved.locale && LOCALES.includes(saved.locale)) return saved.locale
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** Theme and language: the only state kept in the page's storage (nothing secret). */
export const usePreferencesStore = defineStore('preferences', () => {
  const saved = load()
  const theme = ref<ThemeChoice>(
    saved.theme && ['auto', 'light', 'dark'].includes(saved.theme) ? saved.theme : 'auto'
  )
  const locale = ref<Locale>(initialLocale(saved))
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
  watch([theme, locale], () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ theme: theme.value, locale: locale.value }))
  })

  return { theme, locale, dark }
})
