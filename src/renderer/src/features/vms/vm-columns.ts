// The VM table's columns: what each cell shows, which columns sort on the server, and the row actions.
import { h } from 'vue'
import { NButton, NText, NTooltip, type DataTableColumns } from 'naive-ui'
import type { VmInventory, VmSortField } from '../../../../shared/api'
import { MIGRATABLE_VM_STATES } from '../../../../shared/zstack-types'
import StateTag from '../../components/StateTag.vue'
import { formatGiB } from '../../format/bytes'
import { formatDate, formatDateTime } from '../../format/dates'
import type { VmAction, VmSort } from '../../stores/vms'

export interface VmColumnContext {
  t: (key: string, named?: Record<string, unknown>) => string
  locale: string
  stateLabel(state: string): string
  sort: VmSort | null
  hostName(uuid: string | null | undefined): string
  clusterName(uuid: string | null | undefined): string
  pending: Record<string, VmAction>
  onInspect(vm: VmInventory): void
  onMigrate(vm: VmInventory): void
  onStart(vm: VmInventory): void
  onStop(vm: VmInventory): void
}

export const STARTABLE_STATES = ['Stopped', 'Created']
export const STOPPABLE_STATES = ['Running', 'Paused', 'Unknown', 'Crashed', 'Error']

export function ipsOf(vm: VmInventory): string {
  return (vm.vmNics ?? [])
    .map((nic) => nic.ip)
    .filter((ip): ip is string => !!ip)
    .join(', ')
}

export const canMigrate = (vm: VmInventory): boolean =>
  (MIGRATABLE_VM_STATES as readonly string[]).includes(vm.state)

function sortOrder(ctx: VmColumnContext, field: VmSortField): 'ascend' | 'descend' | false {
  if (ctx.sort?.field !== field) return false
  return ctx.sort.direction === 'asc' ? 'ascend' : 'descend'
}

function actionsCell(vm: VmInventory, ctx: VmColumnContext) {
  const { t } = ctx
  const busy = ctx.pending[vm.uuid]
  const migratable = canMigrate(vm)
  const migrate = h(
    NButton,
    {
      size: 'tiny',
      disabled: !migratable,
      'data-testid': 'vm-action-migrate',
      onClick: (event: MouseEvent) => {
        event.stopPropagation()
        ctx.onMigrate(vm)
      }
    },
    () => t('vms.actions.migrate')
  )
  const power = STARTABLE_STATES.includes(vm.state)
    ? h(
        NButton,
        {
          size: 'tiny',
          loading: busy === 'start',
          disabled: !!busy,
          'data-testid': 'vm-action-start',
          onClick: (event: MouseEvent) => {
            event.stopPropagation()
            ctx.onStart(vm)
          }
        },
        () => t('vms.actions.start')
      )
    : h(
        NButton,
        {
          size: 'tiny',
          loading: busy === 'stop',
          disabled: !!busy || !STOPPABLE_STATES.includes(vm.state),
          'data-testid': 'vm-action-stop',
          onClick: (event: MouseEvent) => {
            event.stopPropagation()
            ctx.onStop(vm)
          }
        },
        () => t('vms.actions.stop')
      )
  return h('div', { class: 'vm-actions' }, [
    h(
      NButton,
      {
        size: 'tiny',
        type: 'primary',
        secondary: true,
        'data-testid': 'vm-action-inspect',
        onClick: (event: MouseEvent) => {
          event.stopPropagation()
          ctx.onInspect(vm)
        }
      },
      () => t('vms.actions.inspect')
    ),
    migratable
      ? migrate
      : h(
          NTooltip,
          {},
          {
            // A disabled button swallows pointer events: the tooltip hangs on a wrapper.
            trigger: () =>
              h('span', { class: 'disabled-wrap', 'data-testid': 'vm-migrate-blocked' }, [migrate]),
            default: () => t('vms.migrateBlocked', { state: ctx.stateLabel(vm.state) })
          }
        ),
    power
  ])
}

export function createVmColumns(ctx: VmColumnContext): DataTableColumns<VmInventory> {
  const { t, locale } = ctx
  return [
    {
      key: 'name',
      title: t('vms.columns.name'),
      sorter: true,
      sortOrder: sortOrder(ctx, 'name'),
      minWidth: 130,
      ellipsis: { tooltip: true },
      render: (vm) =>
        h('span', { 'data-testid': 'vm-name' }, [
          vm.name,
          vm.type === 'ApplianceVm'
            ? h(NText, { depth: 3, class: 'appliance' }, () => ` · ${t('vms.appliance')}`)
            : null
        ])
    },
    {
      key: 'state',
      title: t('vms.columns.state'),
      sorter: true,
      sortOrder: sortOrder(ctx, 'state'),
      width: 100,
      render: (vm) => h(StateTag, { state: vm.state })
    },
    {
      key: 'ip',
      title: t('vms.columns.ip'),
      width: 124,
      ellipsis: { tooltip: true },
      render: (vm) => h('span', { 'data-testid': 'vm-ip' }, ipsOf(vm) || '—')
    },
    {
      key: 'host',
      title: t('vms.columns.host'),
      minWidth: 130,
      ellipsis: { tooltip: true },
      render: (vm) =>
        vm.hostUuid
          ? h('span', { 'data-testid': 'vm-host' }, ctx.hostName(vm.hostUuid))
          : h(NText, { depth: 3, 'data-testid': 'vm-host' }, () =>
              vm.lastHostUuid ? t('vms.lastHost', { name: ctx.hostName(vm.lastHostUuid) }) : '—'
            )
    },
    {
      key: 'cluster',
      title: t('vms.columns.cluster'),
      minWidth: 116,
      ellipsis: { tooltip: true },
      render: (vm) => h('span', { 'data-testid': 'vm-cluster' }, ctx.clusterName(vm.clusterUuid))
    },
    {
      key: 'cpuNum',
      title: t('vms.columns.cpu'),
      sorter: true,
      sortOrder: sortOrder(ctx, 'cpuNum'),
      width: 84,
      align: 'right',
      render: (vm) => h('span', { 'data-testid': 'vm-cpu' }, String(vm.cpuNum ?? '—'))
    },
    {
      key: 'memorySize',
      title: t('vms.columns.memory'),
      sorter: true,
      sortOrder: sortOrder(ctx, 'memorySize'),
      width: 132,
      align: 'right',
      render: (vm) =>
        h(
          'span',
          { 'data-testid': 'vm-memory', 'data-bytes': vm.memorySize },
          formatGiB(vm.memorySize, locale)
        )
    },
    {
      key: 'createDate',
      title: t('vms.columns.created'),
      sorter: true,
      sortOrder: sortOrder(ctx, 'createDate'),
      width: 130,
      render: (vm) =>
        h(
          'span',
          { 'data-testid': 'vm-created', title: formatDateTime(vm.createDate, locale) },
          formatDate(vm.createDate, locale)
        )
    },
    {
      key: 'actions',
      title: t('vms.columns.actions'),
      width: 180,
      fixed: 'right',
      render: (vm) => actionsCell(vm, ctx)
    }
  ]
}
