// Whether the web host still answers: the event stream's errors start a probe, repeated until it answers again.
import { readonly, ref } from 'vue'
import { promiseTimeout } from '@vueuse/core'

const PROBE_EVERY_MS = 2000

/** `null` while the back end answers; the time it was found gone otherwise. */
const lostAt = ref<number | null>(null)
let probing = false

/** Called by the transport when its event stream breaks; `probe` resolves true when the back end answers. */
export async function streamFailed(probe: () => Promise<boolean>): Promise<void> {
  if (probing) return
  probing = true
  try {
    while (!(await probe())) {
      lostAt.value ??= Date.now()
      await promiseTimeout(PROBE_EVERY_MS)
    }
    lostAt.value = null
  } finally {
    probing = false
  }
}

/** Called by the transport when its event stream (re)opens. */
export function streamOpened(): void {
  if (!probing) lostAt.value = null
}

export const backendLostAt = readonly(lostAt)
