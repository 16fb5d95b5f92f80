// GET /v1/zwatch/metrics and /v1/zwatch/metrics/meta-data (ZStack Cloud's ZWatch), or their absence on an
// open-source node (404) and for a restricted account (503 ID.1002), as the `monitoring` option says.
import { sessionIdOf, type ApiRequest } from './api-request'
import { errorReply, jsonReply, textReply, type Reply } from './http-reply'
import { findMetric, METRICS, metricValue, seriesOf, type MigrationWindow } from './metric-series'
import type { SimContext } from './sim-context'
import { zstackErrors } from './zstack-errors'

export type MonitoringMode = 'on' | 'off' | 'denied'
export const MONITORING_MODES: readonly MonitoringMode[] = ['on', 'off', 'denied']

const DEFAULT_PERIOD_SEC = 60
/** The query engine behind ZWatch refuses more points than this per series. */
const MAX_POINTS_PER_SERIES = 11_000
/** Keeps one careless unfiltered query from stalling the simulator for every other client. */
const MAX_POINTS_PER_REPLY = 500_000
const DEFAULT_WINDOW_SEC = 600

/** The reply a node without the API, or an account without the permission, gives; undefined when on. */
function unavailable(ctx: SimContext, request: ApiRequest): Reply | undefined {
  if (ctx.options.monitoring === 'off') return textReply(404, `no api mapping to ${request.apiPath}`)
  const sessionId = sessionIdOf(request)
  if (!ctx.sessions.touch(sessionId)) return errorReply(zstackErrors.invalidSession(sessionId))
  if (ctx.options.monitoring === 'denied') {
    const api = request.apiPath.endsWith('/meta-data') ? 'APIGetAllMetricMetadataMsg' : 'APIGetMetricDataMsg'
    return errorReply(zstackErrors.permissionDenied(api))
  }
  return undefined
}

export function metricMetadata(ctx: SimContext, request: ApiRequest): Reply {
  const refused = unavailable(ctx, request)
  if (refused) return refused
  return jsonReply(200, {
    metrics: METRICS.map(({ namespace, name, labelNames }) => ({
      namespace,
      name,
      labelNames: [...labelNames],
      description: name
    }))
  })
}

interface LabelFilter {
  name: string
  value: string
  negate: boolean
}

class InvalidArgument extends Error {}

function seconds(request: ApiRequest, name: string, fallback: number): number {
  const text = request.query.get(name)
  if (text === null || text === '') return fallback
  if (!/^\d+$/.test(text)) throw new InvalidArgument(`${name}[${text}] must be a whole number of seconds`)
  return Number(text)
}

function labelFilters(request: ApiRequest, labelNames: readonly string[]): LabelFilter[] {
  return request.query.getAll('labels').map((text) => {
    const match = /^([A-Za-z]+)(!?=)(.*)$/.exec(text)
    if (!match) throw new InvalidArgument(`label[${text}] must look like Name=value or Name!=value`)
    const [, name = '', operator, value = ''] = match
    if (!labelNames.includes(name)) {
      throw new InvalidArgument(`label[${name}] is not one of [${labelNames.join(', ')}]`)
    }
    return { name, value, negate: operator === '!=' }
  })
}

export function getMetricData(ctx: SimContext, request: ApiRequest): Reply {
  const refused = unavailable(ctx, request)
  if (refused) return refused
  try {
    return jsonReply(200, { data: collect(ctx, request) })
  } catch (error) {
    if (error instanceof InvalidArgument) return errorReply(zstackErrors.invalidArgument(error.message))
    throw error
  }
}

function collect(ctx: SimContext, request: ApiRequest): { value: number; time: number; labels: object }[] {
  const namespace = request.query.get('namespace') ?? ''
  const metricName = request.query.get('metricName') ?? ''
  if (!namespace || !metricName) throw new InvalidArgument('namespace and metricName are mandatory')
  const definition = findMetric(namespace, metricName)
  if (!definition) throw new InvalidArgument(`no metric[${metricName}] in namespace[${namespace}]`)
  const nowSec = Math.floor(Date.now() / 1000)
  const period = seconds(request, 'period', DEFAULT_PERIOD_SEC)
  if (period < 1) throw new InvalidArgument('period must be at least 1 second')
  const endTime = seconds(request, 'endTime', nowSec)
  const startTime = seconds(request, 'startTime', endTime - DEFAULT_WINDOW_SEC)
  if (startTime > endTime) throw new InvalidArgument(`startTime[${startTime}] is after endTime[${endTime}]`)
  // Samples sit on multiples of the period; nothing is known past now.
  const first = Math.ceil(startTime / period) * period
  const last = Math.floor(Math.min(endTime, nowSec) / period) * period
  const pointsPerSeries = last >= first ? (last - first) / period + 1 : 0
  if (pointsPerSeries > MAX_POINTS_PER_SERIES) {
    throw new InvalidArgument(
      `exceeded maximum resolution of ${MAX_POINTS_PER_SERIES} points per series, use a longer period`
    )
  }
  const filters = labelFilters(request, definition.labelNames)
  const subjectLabel = definition.labelNames[0]
  const only = filters.find((f) => f.name === subjectLabel && !f.negate)?.value
  const series = seriesOf(ctx.world, definition, migrationWindows(ctx), only).filter((s) =>
    filters.every((f) => (s.labels[f.name] === f.value) !== f.negate)
  )
  if (series.length * pointsPerSeries > MAX_POINTS_PER_REPLY) {
    throw new InvalidArgument('too many points: filter by label or use a longer period')
  }
  const data: { value: number; time: number; labels: object }[] = []
  for (const subject of series) {
    for (let time = first; time <= last; time += period) {
      data.push({
        value: metricValue(ctx.world.seed, definition, subject, time, period),
        time,
        labels: subject.labels
      })
    }
  }
  return data
}

/** Every accepted migration moves memory over the network for as long as migrations take. */
function migrationWindows(ctx: SimContext): MigrationWindow[] {
  return ctx.stats.migrationSubmissions.map((submission) => ({
    vmUuid: submission.vmUuid,
    startMs: submission.at,
    endMs: submission.at + ctx.options.migrationDurationMs
  }))
}
