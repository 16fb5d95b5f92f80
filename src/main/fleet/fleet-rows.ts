// Last-known rows: slimmed to what the fleet list shows, and filtered locally the way the server's query would.
import type { VmState, VmInventory } from '../../shared/zstack-types'
import { searchKind, searchText } from '../zstack/vm-search'

const KEPT_FIELDS = [
  'uuid',
  'name',
  'type',
  'state',
  'zoneUuid',
  'clusterUuid',
  'hostUuid',
  'cpuNum',
  'memorySize',
  'createDate',
  'lastOpDate'
] as const

/** The fields the list shows, and each NIC's address only: a kept row stays small and holds nothing private. */
export function slimVm(vm: VmInventory): VmInventory {
  const slim: Record<string, unknown> = {}
  for (const field of KEPT_FIELDS) if (vm[field] !== undefined) slim[field] = vm[field]
  if (vm.vmNics)
    slim.vmNics = vm.vmNics.map((nic) => ({
      uuid: nic.uuid,
      vmInstanceUuid: nic.vmInstanceUuid,
      l3NetworkUuid: nic.l3NetworkUuid,
      mac: nic.mac,
      ...(nic.ip ? { ip: nic.ip } : {})
    }))
  return slim as unknown as VmInventory
}

export interface LocalFilter {
  search?: string
  states?: readonly VmState[]
  includeAppliance?: boolean
  zoneUuid?: string
  clusterUuid?: string
  hostUuid?: string
}

/** The same test vm-search.ts asks the server for, applied to kept rows. */
export function matchesLocally(vm: VmInventory, filter: LocalFilter): boolean {
  if (!filter.includeAppliance && vm.type !== 'UserVm') return false
  if (filter.states && filter.states.length > 0 && !filter.states.includes(vm.state as VmState)) return false
  if (filter.zoneUuid && vm.zoneUuid !== filter.zoneUuid) return false
  if (filter.clusterUuid && vm.clusterUuid !== filter.clusterUuid) return false
  if (filter.hostUuid && vm.hostUuid !== filter.hostUuid) return false
  const text = filter.search === undefined ? '' : searchText(filter.search)
  if (text === '') return true
  switch (searchKind(text)) {
    case 'ip':
      return (vm.vmNics ?? []).some((nic) => nic.ip === text)
    case 'ip-prefix':
      return (vm.vmNics ?? []).some((nic) => nic.ip?.startsWith(text.replace(/\*$/, '')))
    case 'uuid':
      return vm.uuid === text.toLowerCase()
    case 'uuid-prefix':
      return vm.uuid.startsWith(text.toLowerCase())
    case 'name':
      return vm.name.toLowerCase().includes(text.toLowerCase())
  }
}
