import { onScopeDispose, ref, watch, type Ref } from 'vue'

/** The current time, ticking every `intervalMs` while `active` is true (elapsed times of running migrations). */
export function useNow(active: Ref<boolean>, intervalMs = 1000): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = (): void => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  watch(
    active,
    (on) => {
      now.value = Date.now()
      if (on && !timer) timer = setInterval(() => (now.value = Date.now()), intervalMs)
      if (!on) stop()
    },
    { immediate: true }
  )
  onScopeDispose(stop)
  return now
}
