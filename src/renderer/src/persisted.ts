// The one module that touches the page's storage: small settings as refs, the VM list's last page per cluster.
import { useLocalStorage } from '@vueuse/core'
import type { Ref } from 'vue'

/** Keys as earlier versions wrote them, so users keep their settings. */
export const STORAGE_KEYS = {
  preferences: 'zstack-desk.preferences',
  clusters: 'zstack-desk.clusters',
  vmList: 'zstack-desk.vm-list',
  vmPage: (profileId: string) => `zstack-desk.vm-page.${profileId}`
} as const

/** Storage full, disabled or damaged: the app keeps working from memory, so there is nothing to tell. */
const ignore = (): void => {}

/** A small JSON object kept under `key`: fields it lacks take `defaults`; assigning a new object saves it. */
export function usePersisted<T extends object>(key: string, defaults: T): Ref<T> {
  return useLocalStorage<T>(key, defaults, {
    mergeDefaults: true,
    writeDefaults: false,
    deep: false,
    flush: 'sync',
    onError: ignore
  })
}

/** What `key` holds, parsed; undefined when nothing (readable) is there. */
export function readSaved(key: string): unknown {
  try {
    const text = localStorage.getItem(key)
    return text ? (JSON.parse(text) as unknown) : undefined
  } catch {
    return undefined
  }
}

export function writeSaved(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    ignore()
  }
}

export function removeSaved(key: string): void {
  try {
    localStorage.removeItem(key)
  } catch {
    ignore()
  }
}
