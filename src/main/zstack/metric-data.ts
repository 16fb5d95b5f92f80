// GET /v1/zwatch/metrics: the query path, and the answer read through a schema (times in seconds, as sent).
import { z } from 'zod'
import type { MonitoringUnavailable } from '../../shared/metrics-types'
import type { SniffedBody } from './response-body'
import { zstackErrorOf } from './response-body'

export interface MetricQuery {
  namespace: 'ZStack/VM' | 'ZStack/Host'
  metricName: string
  /** Each becomes one `labels=Name=value`; none means one series per label combination. */
  labels?: Record<string, string>
  startTime: number
  endTime: number
  periodSec: number
}

const sampleSchema = z.object({
  value: z.number(),
  time: z.number(),
  labels: z.record(z.string(), z.string()).optional()
})
const answerSchema = z.object({ data: z.array(sampleSchema) })

export type MetricSample = z.infer<typeof sampleSchema>

export function metricPath(query: MetricQuery): string {
  const params = new URLSearchParams({ namespace: query.namespace, metricName: query.metricName })
  for (const [name, value] of Object.entries(query.labels ?? {})) params.append('labels', `${name}=${value}`)
  params.set('startTime', String(Math.floor(query.startTime)))
  params.set('endTime', String(Math.floor(query.endTime)))
  params.set('period', String(query.periodSec))
  return `v1/zwatch/metrics?${params.toString()}`
}

/** A node without ZWatch maps no such API (404); an account without the permission gets ID.1002. */
export function monitoringRefusal(status: number, body: SniffedBody): MonitoringUnavailable | undefined {
  if (status === 404) return { available: false, reason: 'absent' }
  if (zstackErrorOf(body)?.code === 'ID.1002') return { available: false, reason: 'denied' }
  return undefined
}

export function readSamples(value: unknown): MetricSample[] | undefined {
  const parsed = answerSchema.safeParse(value)
  return parsed.success ? parsed.data.data : undefined
}
