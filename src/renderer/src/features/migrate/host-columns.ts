// Columns shared by the candidate and excluded host tables: plain elements in the cells, so rows stay cheap to draw.
import { h, type VNodeChild } from 'vue'
import type { HostOption, VmInventory } from '../../../../shared/api'
import type { GridColumn, SortKind } from '../../components/data-grid'
import { formatBytes } from '../../format/bytes'
import { hostWord } from '../../i18n/host-word'
import CapacityBar from './CapacityBar.vue'

type Translate = (key: string, params?: Record<string, unknown>) => string

/** One column of a host table: the picker sorts the hosts itself, by the column's value. */
export type HostColumn = GridColumn<HostOption> & { render: (option: HostOption) => VNodeChild }

/** State and status as two small tags (styled by the host picker's `.host-tag` rules). */
export function stateTags(option: HostOption, t: Translate) {
  const { state, status } = option.host
  return h('span', { class: 'host-tags' }, [
    h('span', { class: ['host-tag', state === 'Enabled' ? 'ok' : 'warn'] }, hostWord(t, state)),
    h('span', { class: ['host-tag', status === 'Connected' ? 'ok' : 'bad'] }, hostWord(t, status))
  ])
}

/** `compact` (the excluded hosts) puts the IP under the name to leave room for the reason. */
export function hostColumns(
  vm: VmInventory,
  t: Translate,
  locale: string,
  { sortable, compact }: { sortable: boolean; compact: boolean }
): HostColumn[] {
  const sortBy = (sort: SortKind, value: (o: HostOption) => string | number) =>
    sortable ? { sort, value } : {}
  // The VM's side of every bar is the same on each row: worked out once per table.
  const cpuNeed = t('migrate.hosts.need', { need: vm.cpuNum })
  const memoryNeed = t('migrate.hosts.need', { need: formatBytes(vm.memorySize, locale) })
  const name: HostColumn = {
    key: 'name',
    title: t('migrate.hosts.name'),
    width: compact ? 'minmax(140px, 1.2fr)' : 'minmax(140px, 1.3fr)',
    ...sortBy('text', (o) => o.host.name),
    render: (o) =>
      compact
        ? h('div', [
            h('strong', { 'data-testid': 'host-name' }, o.host.name),
            h('div', { class: 'host-ip' }, o.host.managementIp)
          ])
        : h('strong', { 'data-testid': 'host-name' }, o.host.name)
  }
  const ip: HostColumn = {
    key: 'ip',
    title: t('migrate.hosts.ip'),
    width: 'minmax(110px, 1fr)',
    ...sortBy('text', (o) => o.host.managementIp),
    render: (o) => o.host.managementIp
  }
  return [
    name,
    ...(compact ? [] : [ip]),
    {
      key: 'cluster',
      title: t('migrate.hosts.cluster'),
      width: 'minmax(110px, 1fr)',
      ...sortBy('text', (o) => o.clusterName ?? o.host.clusterUuid),
      render: (o) => o.clusterName ?? o.host.clusterUuid
    },
    { key: 'state', title: t('migrate.hosts.stateStatus'), width: '200px', render: (o) => stateTags(o, t) },
    {
      key: 'cpu',
      title: t('migrate.hosts.freeCpu'),
      width: '150px',
      ...sortBy('number', (o) => o.host.availableCpuCapacity),
      render: (o) =>
        h(CapacityBar, {
          total: o.host.totalCpuCapacity,
          free: o.host.availableCpuCapacity,
          need: vm.cpuNum,
          text: t('migrate.hosts.free', {
            free: o.host.availableCpuCapacity,
            total: o.host.totalCpuCapacity
          }),
          needText: cpuNeed
        })
    },
    {
      key: 'memory',
      title: t('migrate.hosts.freeMemory'),
      width: '180px',
      ...sortBy('number', (o) => o.host.availableMemoryCapacity),
      render: (o) =>
        h(CapacityBar, {
          total: o.host.totalMemoryCapacity,
          free: o.host.availableMemoryCapacity,
          need: vm.memorySize,
          text: t('migrate.hosts.free', {
            free: formatBytes(o.host.availableMemoryCapacity, locale),
            total: formatBytes(o.host.totalMemoryCapacity, locale)
          }),
          needText: memoryNeed
        })
    }
  ]
}
