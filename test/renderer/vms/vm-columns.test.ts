import { describe, expect, it } from 'vitest'
import {
  VM_COLUMNS,
  VM_TABLE_MIN_WIDTH,
  toGridSort,
  toVmSort,
  topologyNames,
  vmColumns,
  vmListFormat
} from '@renderer/features/vms/vm-columns'
import { gridTracks } from '@renderer/components/data-grid'
import { formatDate, formatDateTime, formatTime } from '@renderer/format/dates'
import { formatGiB } from '@renderer/format/bytes'
import { CLUSTER_A, HOST_2, TOPOLOGY } from '../vms-support/fixtures'

describe('VM table columns', () => {
  it('sorts names, states, hosts and clusters as text, vCPU, memory and created as numbers, each a server sort field', () => {
    const sortable = VM_COLUMNS.filter((c) => c.sort).map((c) => [c.key, c.sort])
    expect(sortable).toEqual([
      ['name', 'text'],
      ['state', 'text'],
      ['host', 'text'],
      ['cluster', 'text'],
      ['cpuNum', 'number'],
      ['memorySize', 'number'],
      ['createDate', 'number']
    ])
    expect(toVmSort({ key: 'memorySize', direction: 'desc' })).toEqual({
      field: 'memorySize',
      direction: 'desc'
    })
    expect(toGridSort({ field: 'name', direction: 'asc' })).toEqual({ key: 'name', direction: 'asc' })
    expect(toGridSort(null)).toBeNull()
    // Host and cluster sort on the server by their uuid (ZStack has no sort by a joined name).
    expect(toVmSort({ key: 'host', direction: 'asc' })).toEqual({ field: 'hostUuid', direction: 'asc' })
    expect(toGridSort({ field: 'clusterUuid', direction: 'desc' })).toEqual({
      key: 'cluster',
      direction: 'desc'
    })
    expect(toVmSort(null)).toBeNull()
    // A key the server cannot sort by asks for no sort rather than a refused query.
    expect(toVmSort({ key: 'ip', direction: 'asc' })).toBeNull()
  })

  it('lays the columns out as one grid, titled in the language, with a least width to scroll from', () => {
    const columns = vmColumns((key) => `<${key}>`)
    const tracks = gridTracks(columns)
    expect(tracks.match(/minmax/g)).toHaveLength(3)
    expect(tracks).toMatch(/^minmax\(120px, 1fr\) 100px 124px /)
    expect(columns.map((c) => c.title)).toContain('<vms.columns.memory>')
    expect(columns.filter((c) => c.align === 'right').map((c) => c.key)).toEqual(['cpuNum', 'memorySize'])
    expect(VM_TABLE_MIN_WIDTH).toBe(VM_COLUMNS.reduce((sum, c) => sum + c.width, 0))
  })

  it('formats exactly as format/dates and format/bytes do, with formatters built once per locale', () => {
    for (const locale of ['en', 'zh-CN']) {
      const format = vmListFormat(locale)
      expect(vmListFormat(locale)).toBe(format)
      for (const text of ['Nov 14, 2017 10:20:57 PM', '2024-03-05T08:09:10Z', 'not a date', '', null]) {
        expect(format.date(text)).toBe(formatDate(text, locale))
        expect(format.dateTime(text)).toBe(formatDateTime(text, locale))
      }
      for (const bytes of [0, 1024 ** 3, 2.5 * 1024 ** 3, 1234567890, null, undefined, Number.NaN])
        expect(format.gib(bytes)).toBe(formatGiB(bytes, locale))
      const now = Date.UTC(2025, 0, 2, 13, 4)
      expect(format.time(now)).toBe(formatTime(now, locale))
    }
  })

  it('names hosts and clusters from the topology, building the lookup once per topology', () => {
    const names = topologyNames(TOPOLOGY)
    expect(names.hosts.get(HOST_2)).toBe('host-2')
    expect(names.clusters.get(CLUSTER_A)).toBe('cluster-kvm-a')
    expect(topologyNames(TOPOLOGY)).toBe(names)
    expect(topologyNames({ ...TOPOLOGY })).not.toBe(names)
    expect(topologyNames(undefined).hosts.size).toBe(0)
  })
})
