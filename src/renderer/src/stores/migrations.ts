import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { VmInventory } from '../../../shared/api'

/** Migrations domain: the migrate dialog's target and the activity list. (Filled in by the migrate feature.) */
export const useMigrationsStore = defineStore('migrations', () => {
  const dialogTarget = ref<{ profileId: string; vm: VmInventory } | null>(null)

  function openDialog(profileId: string, vm: VmInventory): void {
    dialogTarget.value = { profileId, vm }
  }

  function closeDialog(): void {
    dialogTarget.value = null
  }

  return { dialogTarget, openDialog, closeDialog }
})
