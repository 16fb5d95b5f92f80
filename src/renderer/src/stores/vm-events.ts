// A VM's inventory fetched anywhere (the inspector, a start or stop): every store showing that VM takes it.
import { createEventHook } from '@vueuse/core'
import type { VmInventory } from '../../../shared/api'

export interface VmFetched {
  profileId: string
  vm: VmInventory
}

export const vmFetched = createEventHook<VmFetched>()
