// 1. list-page: one filtered, sorted page of 100 VMs through DeskApi.queryVms in Node, against the same HTTP request with fetch.
import type { VmQuery } from '../src/shared/api'
import type { Benchmark } from './lib/benchmark'
import { addCluster, unwrap } from './lib/desk'
import { vmQueryPath } from './lib/app-ui'
import { formatHotSpots, hotSpots, profileNode, profiling } from './lib/cpu-profile'
import { startRecorder } from './lib/request-recorder'
import { ratioFigure } from './lib/results'
import { compareRounds, round } from './lib/stats'

const MAX_RATIO = 1.15
const ROUNDS = 60
/** The columns the VM table shows. */
export const LIST_FIELDS = [
  'uuid',
  'name',
  'state',
  'type',
  'hostUuid',
  'clusterUuid',
  'zoneUuid',
  'cpuNum',
  'memorySize',
  'createDate',
  'vmNics'
]

export function listQuery(profileId: string): VmQuery {
  return {
    profileId,
    start: 0,
    limit: 100,
    states: ['Running'],
    sort: { field: 'name', direction: 'asc' },
    fields: LIST_FIELDS,
    replyWithCount: true
  }
}

export const listPage: Benchmark = {
  name: 'list-page',
  target: `ratio <= ${MAX_RATIO}`,
  async run(ctx) {
    const sim = await ctx.bigSim()
    const { app, profileId } = await ctx.app()
    const raw = await ctx.raw()

    // Learn the exact request queryVms makes by sending it once through a recording proxy.
    const recorder = await startRecorder(sim.url)
    let path: string
    try {
      const recorderProfile = await addCluster(app.api, 'bench-recorder', `http://127.0.0.1:${recorder.port}`)
      recorder.requests.length = 0
      unwrap(await app.api.queryVms(listQuery(recorderProfile)), 'queryVms via recorder')
      const sent = recorder.requests.filter((r) => r.url.startsWith('/zstack/v1/vm-instances'))
      if (sent.length !== 1)
        throw new Error(`queryVms made ${sent.length} VM requests: ${JSON.stringify(recorder.requests)}`)
      path = sent[0]!.url
      unwrap(await app.api.deleteProfile({ profileId: recorderProfile }), 'deleteProfile')
    } finally {
      await recorder.close()
    }
    ctx.log(`list-page: the app sends GET ${decodeURIComponent(path)}`)
    // The browser benchmarks rebuild the app's request with vmQueryPath: check it matches what the client sent.
    const rebuilt = vmQueryPath(listQuery(profileId))
    if (rebuilt !== path) throw new Error(`vmQueryPath gives ${rebuilt}, the client sent ${path}`)

    const query = listQuery(profileId)
    let appRows = 0
    let baseRows = 0
    // CPU time of this process per call: what the app adds, without the simulator's share or the machine's noise.
    const cpu = { app: 0, baseline: 0 }
    const cpuOf = async (side: keyof typeof cpu, work: () => Promise<void>): Promise<void> => {
      const before = process.cpuUsage()
      await work()
      const used = process.cpuUsage(before)
      cpu[side] += (used.user + used.system) / 1000
    }
    const comparison = await compareRounds({
      warmup: 5,
      rounds: ROUNDS,
      app: () =>
        cpuOf('app', async () => {
          appRows = unwrap(await app.api.queryVms(query), 'queryVms').items.length
        }),
      baseline: () =>
        cpuOf('baseline', async () => {
          baseRows = ((await raw.get(path)) as { inventories: unknown[] }).inventories.length
        })
    })
    if (appRows !== 100 || baseRows !== 100)
      throw new Error(`expected 100 rows, app ${appRows}, baseline ${baseRows}`)
    const warm = 5 + ROUNDS
    const extra: Record<string, unknown> = {
      request: decodeURIComponent(path),
      cpuMsPerCall: { app: round(cpu.app / warm), baseline: round(cpu.baseline / warm) },
      note: 'baseline = the same GET with fetch and a session of its own (the app keeps its session in the keychain)'
    }
    if (profiling) {
      const { profile, path: file } = await profileNode('list-page-main', async () => {
        for (let i = 0; i < 100; i++) unwrap(await app.api.queryVms(query), 'queryVms')
      })
      ctx.log(`list-page: CPU profile of 100 queryVms ${file}\n${formatHotSpots(hotSpots(profile, 20))}`)
      extra.cpuProfile = file
    }
    return ratioFigure(comparison, 'ms', MAX_RATIO, extra)
  }
}
