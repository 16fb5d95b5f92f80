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

interface HostReader {
  host(uuid: string): { status: string } | undefined
}

/** As above, on a Connected host: ZStack refuses to migrate off a host that is Connecting or Disconnected. */
export const plainlyMigratableOn =
  (sim: HostReader) =>
  (vm: VmInventory): boolean =>
    isPlainlyMigratable(vm) && !!vm.hostUuid && sim.host(vm.hostUuid)?.status === 'Connected'
