// Monitoring (ZWatch): which metrics the app charts, how a time window becomes a sampling period, and the answers.

export const METRIC_RANGES = ['hour', 'day', 'week'] as const
export type MetricRange = (typeof METRIC_RANGES)[number]
export const RANGE_SECONDS: Record<MetricRange, number> = { hour: 3600, day: 86_400, week: 604_800 }
/** The longest window a chart may ask for: a week, plus slack for clocks. */
export const MAX_METRIC_SPAN_SEC = 8 * 86_400

/** Sampling periods ZWatch is asked for, shortest first (10 s is the collection interval). */
export const METRIC_PERIODS_SEC = [10, 20, 30, 60, 120, 300, 600, 900, 1800, 3600] as const
/** A chart wants a few hundred points: enough to show shape, few enough to fetch and draw at once. */
export const MAX_CHART_POINTS = 400

/** The shortest period that keeps `spanSec` within MAX_CHART_POINTS points. */
export function choosePeriod(spanSec: number): number {
  for (const period of METRIC_PERIODS_SEC) if (spanSec / period <= MAX_CHART_POINTS) return period
  return 3600
}

/** The VM charts and the ZWatch metric (namespace ZStack/VM, label VMUuid) behind each. */
export const VM_METRIC_NAMES = {
  cpu: 'CPUAverageUsedUtilization',
  memory: 'MemoryUsedInPercent',
  diskRead: 'DiskAllReadBytes',
  diskWrite: 'DiskAllWriteBytes',
  networkIn: 'NetworkAllInBytes',
  networkOut: 'NetworkAllOutBytes'
} as const
export type VmMetricKey = keyof typeof VM_METRIC_NAMES
export const VM_METRIC_KEYS = Object.keys(VM_METRIC_NAMES) as VmMetricKey[]

/** Host load (namespace ZStack/Host, label HostUuid): the last hour in 5-minute points, light even for 5,000 hosts. */
export const HOST_LOAD_METRIC_NAMES = {
  cpu: 'CPUAverageUsedUtilization',
  memory: 'MemoryUsedInPercent'
} as const
export const HOST_LOAD_SPAN_SEC = 3600
export const HOST_LOAD_PERIOD_SEC = 300

/** Times in seconds since the epoch, ascending; values in percent or bytes per second. */
export interface MetricSeries {
  times: number[]
  values: number[]
}

/** `absent`: the node has no ZWatch (open-source, 404). `denied`: the account may not read it (ID.1002). */
export interface MonitoringUnavailable {
  available: false
  reason: 'absent' | 'denied'
}

export interface VmMetricsData {
  available: true
  startTime: number
  endTime: number
  periodSec: number
  series: Record<VmMetricKey, MetricSeries>
}
export type VmMetrics = VmMetricsData | MonitoringUnavailable

export interface HostLoad {
  hostUuid: string
  cpu: MetricSeries
  memory: MetricSeries
}

export interface HostsLoadData {
  available: true
  periodSec: number
  hosts: HostLoad[]
}
export type HostsLoad = HostsLoadData | MonitoringUnavailable
