import { defineStore } from 'pinia'
import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { AppError, VmInventory } from '../../../shared/api'
import { api } from '../api'
import { useClustersStore } from './clusters'
import { useMigrationsStore } from './migrations'
import { vmFetched } from './vm-events'

/** The VM shown in the inspector drawer: its full inventory, fetched with getVm. */
export const useInspectorStore = defineStore('inspector', () => {
  const clusters = useClustersStore()

  const isOpen = ref(false)
  const profileId = ref<string | null>(null)
  const vmUuid = ref<string | null>(null)
  const vm = shallowRef<VmInventory | null>(null)
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  let latest = 0

  /** Opens on a VM of a cluster; `listed` (its list row) is shown until the full inventory arrives. */
  function inspect(id: string, uuid: string, listed?: VmInventory): void {
    isOpen.value = true
    profileId.value = id
    vmUuid.value = uuid
    error.value = null
    if (vm.value?.uuid !== uuid) vm.value = listed?.uuid === uuid ? listed : null
    void load(id, uuid)
  }

  async function load(id: string, uuid: string): Promise<void> {
    const request = ++latest
    loading.value = true
    error.value = null
    const result = await api.getVm({ profileId: id, vmUuid: uuid })
    if (request !== latest) return
    loading.value = false
    if (result.ok) {
      vm.value = result.data
      void vmFetched.trigger({ profileId: id, vm: result.data })
    } else {
      error.value = result.error
      clusters.sessionFailed(id, result.error)
    }
  }

  function reload(): void {
    if (profileId.value && vmUuid.value) void load(profileId.value, vmUuid.value)
  }

  function close(): void {
    latest++
    isOpen.value = false
    loading.value = false
  }

  const shows = (id: string, uuid: string): boolean =>
    isOpen.value && profileId.value === id && vmUuid.value === uuid

  // Another cluster chosen (or this one removed): the drawer belonged to the list that is gone.
  watch(
    () => clusters.selectedProfileId,
    (id) => {
      if (isOpen.value && id !== profileId.value) close()
    }
  )
  // Signed in again after a read failed for want of a session: read it without another click.
  watch(
    () => (profileId.value ? clusters.statusOf(profileId.value) : undefined),
    (status) => {
      const code = error.value?.code
      if (isOpen.value && status === 'signed-in' && (code === 'SESSION_EXPIRED' || code === 'NOT_SIGNED_IN'))
        reload()
    }
  )
  // A start or stop answered with the VM: its new state shows here too.
  vmFetched.on(({ profileId: id, vm: fetched }) => {
    if (vm.value && vm.value !== fetched && profileId.value === id && vm.value.uuid === fetched.uuid)
      vm.value = { ...vm.value, ...fetched }
  })
  // A migrated VM has a new host: read it again.
  onScopeDispose(
    useMigrationsStore().onFinished((record) => {
      if (record.state === 'succeeded' && shows(record.profileId, record.vmUuid)) reload()
    })
  )

  return { isOpen, profileId, vmUuid, vm, loading, error, inspect, reload, close }
})
