import { ref } from 'vue'
import type { VmInventory } from '../../../shared/api'
import { api } from '../api'
import { notifyError } from '../error-handler'
import { useClustersStore } from '../stores/clusters'
import { useTopologyStore } from '../stores/topology'
import { vmFetched } from '../stores/vm-events'

export type VmAction = 'start' | 'stop'

/** Start and stop: one call at a time per VM, its row showing a spinner until the server answers. */
export function usePowerActions() {
  const clusters = useClustersStore()
  const topology = useTopologyStore()
  const pending = ref<Record<string, VmAction>>({})

  async function runAction(profileId: string | null, vm: VmInventory, action: VmAction): Promise<boolean> {
    if (!profileId || pending.value[vm.uuid]) return false
    pending.value = { ...pending.value, [vm.uuid]: action }
    const call = action === 'start' ? api.startVm : api.stopVm
    const result = await call({ profileId, vmUuid: vm.uuid })
    const { [vm.uuid]: _done, ...rest } = pending.value
    pending.value = rest
    if (!result.ok) {
      if (!clusters.sessionFailed(profileId, result.error)) notifyError(result.error)
      return false
    }
    // As main does: a start or stop changes capacity, so the topology is no longer fresh.
    topology.invalidate(profileId)
    void vmFetched.trigger({ profileId, vm: result.data })
    return true
  }

  return { pending, runAction }
}
