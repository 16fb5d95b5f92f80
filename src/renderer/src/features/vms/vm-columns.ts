// The VM table's columns, their server-side sort, and what the cells show.
import { VM_SORT_FIELDS, type Topology, type VmInventory, type VmSortField } from '../../../../shared/api'
import { MIGRATABLE_VM_STATES } from '../../../../shared/zstack-types'
import type { GridColumn, GridSort, SortKind } from '../../components/data-grid'
import { parseZStackDate } from '../../format/dates'
import type { VmSort } from '../../stores/vm-view'

export type VmColumnKey =
  'name' | 'state' | 'ip' | 'host' | 'cluster' | 'cpuNum' | 'memorySize' | 'createDate' | 'actions'

export interface VmColumn {
  key: VmColumnKey
  /** A fixed width in px, or the least width of a column that shares what is left. */
  width: number
  /** Takes a share of the width the fixed columns leave. */
  grows?: boolean
  /** Sortable, by the server: by `sortField`, else the column's key. Created sorts as a number (newest first). */
  sort?: SortKind
  sortField?: VmSortField
  /** The header's note (an i18n key): what its sort means, or why it has none. */
  note?: string
  align?: 'right'
}

export const VM_COLUMNS: readonly VmColumn[] = [
  { key: 'name', width: 120, grows: true, sort: 'text' },
  { key: 'state', width: 100, sort: 'text' },
  // ZStack sorts by a VM's own fields only: an address is a NIC's (vmNics.ip), and one page sorted here would lie.
  { key: 'ip', width: 124, note: 'vms.sortNotes.ip' },
  // Host and cluster give up 34 px of their least width to the checkbox column: the list still fits 1440 px.
  // ZStack sorts them by uuid, not name: the rows of one host (cluster) come together, in no name order.
  { key: 'host', width: 100, grows: true, sort: 'text', sortField: 'hostUuid', note: 'vms.sortNotes.host' },
  {
    key: 'cluster',
    width: 96,
    grows: true,
    sort: 'text',
    sortField: 'clusterUuid',
    note: 'vms.sortNotes.cluster'
  },
  { key: 'cpuNum', width: 84, sort: 'number', align: 'right' },
  { key: 'memorySize', width: 132, sort: 'number', align: 'right' },
  { key: 'createDate', width: 130, sort: 'number' },
  { key: 'actions', width: 190 }
]

/** Below this the table scrolls sideways instead of squeezing the name, host and cluster columns. */
export const VM_TABLE_MIN_WIDTH = VM_COLUMNS.reduce((sum, c) => sum + c.width, 0)

const COLUMN_TITLE_KEYS: Record<VmColumnKey, string> = {
  name: 'vms.columns.name',
  state: 'vms.columns.state',
  ip: 'vms.columns.ip',
  host: 'vms.columns.host',
  cluster: 'vms.columns.cluster',
  cpuNum: 'vms.columns.cpu',
  memorySize: 'vms.columns.memory',
  createDate: 'vms.columns.created',
  actions: 'vms.columns.actions'
}

/** The grid's columns, titled in the current language. */
export function vmColumns(t: (key: string) => string): GridColumn<VmInventory>[] {
  return VM_COLUMNS.map(({ key, width, grows, sort, align, note }) => ({
    key,
    title: t(COLUMN_TITLE_KEYS[key]),
    width: grows ? `minmax(${width}px, 1fr)` : `${width}px`,
    sort,
    note: note && t(note),
    align
  }))
}

const sortFieldOf = (column: VmColumn): VmSortField | undefined =>
  column.sort && (column.sortField ?? VM_SORT_FIELDS.find((field) => field === column.key))

/** The grid's sort as the VM list asks the server for it, and back. */
export function toVmSort(sort: GridSort | null): VmSort | null {
  const column = sort && VM_COLUMNS.find((c) => c.key === sort.key)
  const field = column && sortFieldOf(column)
  return sort && field ? { field, direction: sort.direction } : null
}
export function toGridSort(sort: VmSort | null): GridSort | null {
  const column = sort && VM_COLUMNS.find((c) => sortFieldOf(c) === sort.field)
  return sort && column ? { key: column.key, direction: sort.direction } : null
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

export interface TopologyNames {
  hosts: ReadonlyMap<string, string>
  clusters: ReadonlyMap<string, string>
}

const NO_NAMES: TopologyNames = { hosts: new Map(), clusters: new Map() }
const namesByTopology = new WeakMap<Topology, TopologyNames>()

/** Host and cluster names by uuid, built once per topology: a cloud has thousands of hosts, and users switch back and forth. */
export function topologyNames(topology: Topology | undefined): TopologyNames {
  if (!topology) return NO_NAMES
  let names = namesByTopology.get(topology)
  if (!names) {
    names = {
      hosts: new Map(topology.hosts.map((h) => [h.uuid, h.name])),
      clusters: new Map(topology.clusters.map((c) => [c.uuid, c.name]))
    }
    namesByTopology.set(topology, names)
  }
  return names
}

const GIB = 1024 ** 3

export interface VmListFormat {
  /** `Nov 14, 2017` / `2017年11月14日`, as format/dates' formatDate. */
  date(text: string | Date | null | undefined): string
  /** `Nov 14, 2017, 10:20 PM`, as format/dates' formatDateTime. */
  dateTime(text: string | Date | null | undefined): string
  /** `10:20 PM`, as format/dates' formatTime. */
  time(value: Date | number): string
  /** Memory in GiB, up to two decimals, as format/bytes' formatGiB. */
  gib(bytes: number | null | undefined): string
}

const formats = new Map<string, VmListFormat>()

/** The list's formatters, built once per locale: building an Intl formatter costs more than a table cell. */
export function vmListFormat(locale: string): VmListFormat {
  const known = formats.get(locale)
  if (known) return known
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const formatted = (text: string | Date | null | undefined, format: Intl.DateTimeFormat): string => {
    if (text instanceof Date) return format.format(text)
    const parsed = parseZStackDate(text)
    return parsed ? format.format(parsed) : text || '—'
  }
  const format: VmListFormat = {
    date: (text) => formatted(text, date),
    dateTime: (text) => formatted(text, dateTime),
    time: (value) => time.format(value),
    gib: (bytes) =>
      bytes === null || bytes === undefined || !Number.isFinite(bytes) ? '—' : number.format(bytes / GIB)
  }
  formats.set(locale, format)
  return format
}
