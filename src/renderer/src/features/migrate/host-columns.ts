// Columns shared by the candidate and excluded host tables.
import { h } from 'vue'
import { NSpace, NTag, type DataTableColumn } from 'naive-ui'
import type { HostOption, VmInventory } from '../../../../shared/api'
import { formatBytes } from '../../format/bytes'
import CapacityBar from './CapacityBar.vue'

type Translate = (key: string, params?: Record<string, unknown>) => string

const byText = (pick: (o: HostOption) => string) => (a: HostOption, b: HostOption) =>
  pick(a).localeCompare(pick(b))

export function stateTags(option: HostOption) {
  const { state, status } = option.host
  return h(NSpace, { size: 4, wrap: false }, () => [
    h(
      NTag,
      { size: 'small', bordered: false, type: state === 'Enabled' ? 'success' : 'warning' },
      () => state
    ),
    h(
      NTag,
      { size: 'small', bordered: false, type: status === 'Connected' ? 'success' : 'error' },
      () => status
    )
  ])
}

/** `compact` (the excluded hosts) puts the IP under the name to leave room for the reason. */
export function hostColumns(
  vm: VmInventory,
  t: Translate,
  locale: string,
  { sortable, compact }: { sortable: boolean; compact: boolean }
): DataTableColumn<HostOption>[] {
  const sorter = <T>(fn: T): T | undefined => (sortable ? fn : undefined)
  const name: DataTableColumn<HostOption> = {
    key: 'name',
    title: t('migrate.hosts.name'),
    sorter: sorter(byText((o) => o.host.name)),
    render: (o) =>
      compact
        ? h('div', [
            h('strong', { 'data-testid': 'host-name' }, o.host.name),
            h('div', { class: 'host-ip' }, o.host.managementIp)
          ])
        : h('strong', { 'data-testid': 'host-name' }, o.host.name)
  }
  const ip: DataTableColumn<HostOption> = {
    key: 'ip',
    title: t('migrate.hosts.ip'),
    sorter: sorter(byText((o) => o.host.managementIp)),
    render: (o) => o.host.managementIp
  }
  return [
    name,
    ...(compact ? [] : [ip]),
    {
      key: 'cluster',
      title: t('migrate.hosts.cluster'),
      sorter: sorter(byText((o) => o.clusterName ?? o.host.clusterUuid)),
      render: (o) => o.clusterName ?? o.host.clusterUuid
    },
    { key: 'state', title: t('migrate.hosts.stateStatus'), width: 190, render: stateTags },
    {
      key: 'cpu',
      title: t('migrate.hosts.freeCpu'),
      width: 150,
      sorter: sorter(
        (a: HostOption, b: HostOption) => a.host.availableCpuCapacity - b.host.availableCpuCapacity
      ),
      render: (o) =>
        h(CapacityBar, {
          total: o.host.totalCpuCapacity,
          free: o.host.availableCpuCapacity,
          need: vm.cpuNum,
          text: t('migrate.hosts.free', {
            free: o.host.availableCpuCapacity,
            total: o.host.totalCpuCapacity
          }),
          needText: t('migrate.hosts.need', { need: vm.cpuNum })
        })
    },
    {
      key: 'memory',
      title: t('migrate.hosts.freeMemory'),
      width: 180,
      sorter: sorter(
        (a: HostOption, b: HostOption) => a.host.availableMemoryCapacity - b.host.availableMemoryCapacity
      ),
      render: (o) =>
        h(CapacityBar, {
          total: o.host.totalMemoryCapacity,
          free: o.host.availableMemoryCapacity,
          need: vm.memorySize,
          text: t('migrate.hosts.free', {
            free: formatBytes(o.host.availableMemoryCapacity, locale),
            total: formatBytes(o.host.totalMemoryCapacity, locale)
          }),
          needText: t('migrate.hosts.need', { need: formatBytes(vm.memorySize, locale) })
        })
    }
  ]
}
