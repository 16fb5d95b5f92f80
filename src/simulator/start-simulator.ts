// Starts the HTTP server: latency, faults, then the ZStack API or the /_sim control endpoints.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { routeApi } from './api-router'
import { routeControl } from './control-api'
import { FaultPlan, sendFault } from './faults'
import { generateWorld } from './generate-world'
import { checkTimeZone } from './gson-date'
import { HostStates } from './host-state'
import { textReply, writeReply } from './http-reply'
import { JobStore } from './jobs'
import { LongJobStore } from './long-jobs'
import { TaskProgressStore } from './task-progress'
import { resolveOptions, type RunningSimulator, type SimulatorOptions } from './options'
import { createQueryResources } from './query-tables'
import {
  applyRuntimePatch,
  parseErrorBody,
  parseHostStatus,
  parseInjectedFault,
  parseRuntimePatch,
  RUNTIME_OPTION_KEYS
} from './runtime-options'
import { createSeededRandom, mixSeed } from './seeded-random'
import { SessionStore } from './sessions'
import type { SimContext } from './sim-context'
import { TimerSet } from './timers'
import { fullVmInventory } from './vm-details'
import { VmOperations } from './vm-operations'

const MAX_BODY_BYTES = 4 * 1024 * 1024

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8'))
    )
    request.on('error', reject)
  })
}

function checkStartOptions(options: SimulatorOptions): void {
  parseRuntimePatch(
    Object.fromEntries(
      RUNTIME_OPTION_KEYS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]])
    )
  )
  if (options.vms !== undefined && (!Number.isInteger(options.vms) || options.vms < 0)) {
    throw new Error('vms must be an integer >= 0')
  }
  if (options.timeZone !== undefined) {
    try {
      checkTimeZone(options.timeZone)
    } catch {
      throw new Error(`timeZone ${options.timeZone} is not a known IANA time zone`)
    }
  }
}

export async function startSimulator(input: SimulatorOptions = {}): Promise<RunningSimulator> {
  checkStartOptions(input)
  const options = resolveOptions(input)
  const world = generateWorld(options.seed, options.vms, options.timeZone)
  const timers = new TimerSet()
  const random = createSeededRandom(mixSeed(options.seed, 0xfa17))
  const jobs = new JobStore()
  const operations = new VmOperations({ world, jobs, timers, options, random, now: Date.now })
  const progress = new TaskProgressStore()
  let url = ''
  const ctx: SimContext = {
    options,
    world,
    resources: createQueryResources(world),
    sessions: new SessionStore(options.accounts, () => options.sessionTimeoutSec * 1000, options.timeZone),
    jobs,
    operations,
    hostStates: new HostStates({ world, operations, timers, options, now: Date.now }),
    longJobs: new LongJobStore(operations, progress),
    progress,
    faults: new FaultPlan(random),
    stats: { requests: 0, migrationSubmissions: [], polls: 0, logins: 0, peakHostMigrations: {} },
    baseUrl: () => options.advertisedUrl ?? url
  }

  const handle: RunningSimulator = {
    get url() {
      return url
    },
    get port() {
      return port
    },
    stats: () => ({
      ...ctx.stats,
      migrationSubmissions: ctx.stats.migrationSubmissions.map((s) => ({ ...s })),
      peakHostMigrations: operations.peakHostMigrations()
    }),
    injectFaults: (fault) => ctx.faults.inject(parseInjectedFault(fault)),
    setOptions: (patch) => applyRuntimePatch(options, parseRuntimePatch(patch)),
    expireSessions: () => ctx.sessions.expireAll(),
    failNextMigration: (error) => ctx.operations.failNextMigration(parseErrorBody(error)),
    failMigrationsOf: (vmUuid, error, times = Number.POSITIVE_INFINITY) => {
      if (!world.vmByUuid.has(vmUuid)) throw new Error(`no VM ${vmUuid}`)
      if (!(times >= 0)) throw new Error('times must be a number >= 0')
      ctx.operations.failMigrationsOf(vmUuid, error && parseErrorBody(error), times)
    },
    setHostStatus: (hostUuid, status) => {
      const host = world.hostByUuid.get(hostUuid)
      if (!host) throw new Error(`no host ${hostUuid}`)
      ctx.hostStates.setStatus(host, parseHostStatus(status))
    },
    vm: (uuid) => {
      const vm = world.vmByUuid.get(uuid)
      return vm ? fullVmInventory(world, vm) : undefined
    },
    host: (uuid) => {
      const host = world.hostByUuid.get(uuid)
      return host ? { ...host } : undefined
    },
    l3NetworkName: (uuid) => world.l3Networks.find((l3) => l3.uuid === uuid)?.name,
    findVms: (pred) => world.vms.map((vm) => fullVmInventory(world, vm)).filter((vm) => pred(vm)),
    stop: async () => {
      timers.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const target = new URL(request.url ?? '/', 'http://simulator')
    const method = request.method ?? 'GET'
    const rawBody = await readBody(request)
    if (options.control && target.pathname.startsWith('/_sim/')) {
      writeReply(response, routeControl(handle, method, target.pathname, rawBody ?? ''))
      return
    }
    if (!target.pathname.startsWith('/zstack/')) {
      writeReply(response, textReply(404, `no api mapping to ${target.pathname}`))
      return
    }
    ctx.stats.requests += 1
    if (method === 'GET' && target.pathname.startsWith('/zstack/v1/api-jobs/')) ctx.stats.polls += 1
    const pause = options.latencyMs + (options.jitterMs > 0 ? random.next() * options.jitterMs : 0)
    if (pause > 0) await timers.delay(pause)
    const fault = ctx.faults.decide(method, target.pathname, options.faults, options.faultPathIncludes)
    if (fault) {
      sendFault(request, response, fault)
      return
    }
    if (rawBody === undefined) {
      writeReply(response, textReply(400, `request body larger than ${MAX_BODY_BYTES} bytes`))
      return
    }
    writeReply(
      response,
      routeApi(ctx, {
        method,
        apiPath: target.pathname.slice('/zstack'.length),
        query: target.searchParams,
        headers: request.headers,
        rawBody
      })
    )
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (response.headersSent) return
      writeReply(response, textReply(500, error instanceof Error ? error.message : String(error)))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host
  url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`
  return handle
}
