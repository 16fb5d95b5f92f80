// Why a host is not a destination, in words: the reason code plus the numbers that make it concrete.
import type { HostExclusionReason, HostInventory, VmInventory } from '../../../../shared/api'
import { formatBytes } from '../../format/bytes'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** What the words read of a host and a VM (a batch plan has no whole inventory at hand). */
export type ReasonHost = Pick<
  HostInventory,
  'availableMemoryCapacity' | 'availableCpuCapacity' | 'hypervisorType' | 'state' | 'status'
>
export type ReasonVm = Pick<VmInventory, 'memorySize' | 'cpuNum' | 'hypervisorType'>

export function reasonText(
  reason: HostExclusionReason,
  host: ReasonHost,
  vm: ReasonVm,
  t: Translate,
  locale: string
): string {
  switch (reason) {
    case 'not-enough-memory':
      return t('migrate.reason.not-enough-memory', {
        need: formatBytes(vm.memorySize, locale),
        has: formatBytes(host.availableMemoryCapacity, locale)
      })
    case 'not-enough-cpu':
      return t('migrate.reason.not-enough-cpu', { need: vm.cpuNum, has: host.availableCpuCapacity })
    case 'other-hypervisor':
      return t('migrate.reason.other-hypervisor', { host: host.hypervisorType, vm: vm.hypervisorType ?? '?' })
    case 'maintenance':
      return t(
        host.state === 'PreMaintenance' ? 'migrate.reason.preMaintenance' : 'migrate.reason.maintenance'
      )
    case 'disconnected':
      return t('migrate.reason.disconnected', { status: host.status })
    default:
      return t(`migrate.reason.${reason}`)
  }
}
