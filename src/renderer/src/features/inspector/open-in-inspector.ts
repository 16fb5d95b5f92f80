import { useClustersStore } from '../../stores/clusters'
import { useInspectorStore } from '../../stores/inspector'
import { useVmListStore } from '../../stores/vm-list'

/** Shows a VM's full inventory in the inspector, switching the list to its cluster first if needed. */
export function openInInspector(profileId: string, vmUuid: string): void {
  const clusters = useClustersStore()
  const list = useVmListStore()
  if (clusters.selectedProfileId !== profileId) clusters.select(profileId)
  if (list.profileId !== profileId) void list.open(profileId)
  useInspectorStore().inspect(
    profileId,
    vmUuid,
    list.rows.find((vm) => vm.uuid === vmUuid)
  )
}
