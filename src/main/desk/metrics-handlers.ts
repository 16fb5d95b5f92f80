// Monitoring: a VM's charts over a window, and the recent load of migration candidate hosts.
import {
  choosePeriod,
  HOST_LOAD_METRIC_NAMES,
  HOST_LOAD_PERIOD_SEC,
  HOST_LOAD_SPAN_SEC,
  VM_METRIC_KEYS,
  VM_METRIC_NAMES,
  type MetricSeries,
  type MonitoringUnavailable
} from '../../shared/metrics-types'
import { deskContract } from '../../shared/contract/desk-contract'
import type { DeskHandlers } from '../desk-handlers'
import type { MetricQuery, MetricSample } from '../zstack/metric-data'
import { useProfile, type DeskContext } from './desk-context'

type MetricsHandlers = Pick<DeskHandlers, 'getVmMetrics' | 'getHostsLoad'>

const isRefusal = (answer: MetricSample[] | MonitoringUnavailable): answer is MonitoringUnavailable =>
  !Array.isArray(answer)

/** One series from samples: ascending by time, one value per time (the last one wins). */
function toSeries(samples: readonly MetricSample[]): MetricSeries {
  const byTime = new Map<number, number>()
  for (const sample of samples) byTime.set(sample.time, sample.value)
  const times = [...byTime.keys()].sort((a, b) => a - b)
  return { times, values: times.map((time) => byTime.get(time) ?? 0) }
}

/** The wanted hosts' samples, grouped in one pass (an unfiltered answer may hold every host of the cloud). */
function byHost(samples: readonly MetricSample[], wanted: ReadonlySet<string>): Map<string, MetricSample[]> {
  const groups = new Map<string, MetricSample[]>()
  for (const sample of samples) {
    const uuid = sample.labels?.HostUuid
    if (uuid === undefined || !wanted.has(uuid)) continue
    const group = groups.get(uuid)
    if (group) group.push(sample)
    else groups.set(uuid, [sample])
  }
  return groups
}

export function metricsHandlers(ctx: DeskContext): MetricsHandlers {
  const fetch = (profileId: string, query: MetricQuery) =>
    ctx.sessions.run(deskContract.getVmMetrics.policy, profileId, (lease) =>
      lease.client.getMetricData(lease.sessionUuid, query)
    )

  return {
    async getVmMetrics({ profileId, vmUuid, startTime, endTime }) {
      useProfile(ctx, profileId)
      const periodSec = choosePeriod(endTime - startTime)
      const answers = await Promise.all(
        VM_METRIC_KEYS.map((key) =>
          fetch(profileId, {
            namespace: 'ZStack/VM',
            metricName: VM_METRIC_NAMES[key],
            labels: { VMUuid: vmUuid },
            startTime,
            endTime,
            periodSec
          })
        )
      )
      const refusal = answers.find(isRefusal)
      if (refusal) return refusal
      const series = Object.fromEntries(
        VM_METRIC_KEYS.map((key, i) => [key, toSeries(answers[i] as MetricSample[])])
      ) as Record<(typeof VM_METRIC_KEYS)[number], MetricSeries>
      return { available: true, startTime, endTime, periodSec, series }
    },

    async getHostsLoad({ profileId, hostUuids }) {
      useProfile(ctx, profileId)
      const endTime = Math.floor(Date.now() / 1000)
      // One unfiltered query per metric answers for every host at once.
      const window = { startTime: endTime - HOST_LOAD_SPAN_SEC, endTime, periodSec: HOST_LOAD_PERIOD_SEC }
      const [cpu, memory] = await Promise.all(
        [HOST_LOAD_METRIC_NAMES.cpu, HOST_LOAD_METRIC_NAMES.memory].map((metricName) =>
          fetch(profileId, { namespace: 'ZStack/Host', metricName, ...window })
        )
      )
      if (!cpu || isRefusal(cpu)) return cpu as MonitoringUnavailable
      if (!memory || isRefusal(memory)) return memory as MonitoringUnavailable
      const wanted = new Set(hostUuids)
      const cpuByHost = byHost(cpu, wanted)
      const memoryByHost = byHost(memory, wanted)
      return {
        available: true,
        periodSec: HOST_LOAD_PERIOD_SEC,
        hosts: [...wanted].map((hostUuid) => ({
          hostUuid,
          cpu: toSeries(cpuByHost.get(hostUuid) ?? []),
          memory: toSeries(memoryByHost.get(hostUuid) ?? [])
        }))
      }
    }
  }
}
