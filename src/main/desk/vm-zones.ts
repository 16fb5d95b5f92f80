// The zone of each VM main has lately handed out, so a migration plan can ask for the zone's hosts without first reading the VM.
import type { VmInventory } from '../../shared/zstack-types'

export interface VmZones {
  remember(profileId: string, vms: readonly VmInventory[]): void
  /** A hint only: the caller checks it against the VM it reads. */
  get(profileId: string, vmUuid: string): string | undefined
}

/** Keeps the `limit` most recently seen VMs (a few pages of the table), the oldest dropped first. */
export function createVmZones(limit = 5000): VmZones {
  const zones = new Map<string, string>()
  const key = (profileId: string, vmUuid: string): string => `${profileId}/${vmUuid}`
  return {
    remember(profileId, vms) {
      for (const vm of vms) {
        if (!vm.zoneUuid) continue
        const k = key(profileId, vm.uuid)
        zones.delete(k)
        zones.set(k, vm.zoneUuid)
      }
      for (const oldest of zones.keys()) {
        if (zones.size <= limit) break
        zones.delete(oldest)
      }
    },
    get: (profileId, vmUuid) => zones.get(key(profileId, vmUuid))
  }
}
