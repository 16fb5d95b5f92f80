import { onScopeDispose, ref, type Ref } from 'vue'

/** Follows the OS colour scheme. */
export function usePreferredDark(): Ref<boolean> {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined
  const dark = ref(query?.matches ?? false)
  const update = (event: MediaQueryListEvent): void => {
    dark.value = event.matches
  }
  query?.addEventListener('change', update)
  onScopeDispose(() => query?.removeEventListener('change', update))
  return dark
}
