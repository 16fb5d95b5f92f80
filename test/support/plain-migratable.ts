import type { VmInventory } from '../../src/simulator'

/** A running Linux user VM with only its root volume and no ISO: one ZStack can always live-migrate as is. */
export function isPlainlyMigratable(vm: VmInventory): boolean {
  return (
    vm.type === 'UserVm' &&
    vm.state === 'Running' &&
    vm.platform === 'Linux' &&
    (vm.allVolumes ?? []).length === 1 &&
    !(vm.vmCdRoms ?? []).some((cdrom) => cdrom.isoUuid)
  )
}
