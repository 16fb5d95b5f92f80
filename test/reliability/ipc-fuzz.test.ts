// Issue 8.1: thousands of malformed arguments per DeskApi method, through IPC, in process and over HTTP; every one is
// refused with INVALID_INPUT before any handler runs, so nothing reaches the network and nothing on disk changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { composeDesk, type DeskRuntime } from '../../src/main/compose'
import { IPC_CHANNEL_PREFIX, registerDeskIpc, trustOnly } from '../../src/main/ipc'
import { startWebHost, type WebHost } from '../../src/main/web-host/server'
import { DESK_API_METHODS, deskContract, type DeskApiMethod } from '../../src/shared/api'
import { startSimulator, type RunningSimulator } from '../../src/simulator'
import { ARG_SPECS, violations } from './support/arg-spec'
import { mutateArgument, seededRandom } from './support/arg-mutator'
import { fingerprint } from './support/data-dir'
import { createMemorySecretStore } from '../main/desk/support/memory-secret-store'
import { validArguments, type ArgumentContext } from './support/valid-arguments'
import { createWebClient, type WebClient } from './support/web-client'

const PER_METHOD = 2000
const SEED = 0x5eed_0008
const BATCH = 50
const OWN_PAGE = 'app://desk/index.html'
const LARGE_BODY = 1_000_000

type Route = 'ipc' | 'direct' | 'http'
type IpcHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

interface Outcome {
  method: DeskApiMethod
  route: Route
  changes: string[]
  reply: unknown
  status?: number
}

function isInvalidInput(reply: unknown): boolean {
  if (typeof reply !== 'object' || reply === null) return false
  const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  return r.ok === false && r.error?.code === 'INVALID_INPUT' && typeof r.error.message === 'string'
}

describe('DeskApi fuzzing (issue 8.1)', () => {
  let sim: RunningSimulator
  let runtime: DeskRuntime
  let host: WebHost
  let web: WebClient
  let dataDir: string
  let ctx: ArgumentContext
  let invokeIpc: (method: DeskApiMethod, arg: unknown) => Promise<unknown>

  beforeAll(async () => {
    sim = await startSimulator({ vms: 40, seed: 8, migrationDurationMs: 200, actionDurationMs: 100 })
    dataDir = mkdtempSync(join(tmpdir(), 'desk-fuzz-'))
    const secretStore = createMemorySecretStore()
    runtime = await composeDesk({ transport: 'web', dataDir, version: 'fuzz', secretStore })
    const saved = await runtime.guarded.api.saveProfile({
      name: 'Fuzz target',
      endpoint: { scheme: 'http', host: '127.0.0.1', port: sim.port, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: true },
      timeoutMs: 10_000
    })
    if (!saved.ok) throw new Error(`saveProfile failed: ${saved.error.message}`)
    const profileId = saved.data.id
    const signedIn = await runtime.guarded.api.signIn({
      profileId,
      accountName: 'admin',
      password: 'password',
      rememberPassword: false
    })
    if (!signedIn.ok) throw new Error(`signIn failed: ${signedIn.error.message}`)
    // A restart writes the pending "last used" time now, so the files only change if a fuzzed call gets through.
    await runtime.dispose()
    runtime = await composeDesk({ transport: 'web', dataDir, version: 'fuzz', secretStore })
    const vm = sim.findVms((v) => v.state === 'Running' && v.type === 'UserVm')[0]!
    ctx = {
      profileId,
      vmUuid: vm.uuid,
      hostUuid: vm.hostUuid!,
      zoneUuid: vm.zoneUuid!,
      clusterUuid: vm.clusterUuid!,
      port: sim.port
    }

    const staticDir = join(dataDir, 'static')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>fuzz</title>')
    host = await startWebHost({ guarded: runtime.guarded, events: runtime.events, staticDir })
    web = createWebClient(host)

    const channels = new Map<string, IpcHandler>()
    const ipcMain = { handle: (channel: string, fn: IpcHandler) => void channels.set(channel, fn) }
    registerDeskIpc(
      ipcMain as unknown as Pick<IpcMain, 'handle'>,
      runtime.guarded,
      trustOnly(
        () => 1,
        (origin) => origin === 'app://desk'
      )
    )
    const trusted = {
      sender: { id: 1 },
      senderFrame: { url: OWN_PAGE, parent: null }
    } as unknown as IpcMainInvokeEvent
    // Electron copies arguments with the structured clone algorithm; what cannot be cloned never leaves the renderer.
    invokeIpc = (method, arg) => channels.get(IPC_CHANNEL_PREFIX + method)!(trusted, structuredClone(arg))
  })

  afterAll(async () => {
    web?.close()
    await host?.close()
    await runtime?.dispose()
    await sim?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it(
    `refuses ${PER_METHOD} malformed arguments per method before any handler runs`,
    { timeout: 120_000 },
    async () => {
      const unhandled: unknown[] = []
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
      process.on('unhandledRejection', onUnhandled)
      const api = runtime.guarded.api
      const skipLog = (rel: string): boolean => rel.startsWith('logs')
      const state = async (): Promise<unknown[]> => [
        await api.listProfiles(),
        await api.getSessions(),
        await api.listMigrations({}),
        fingerprint(dataDir, skipLog)
      ]
      // Listing sessions starts the built-in Demo cluster in the background: wait until that has settled.
      let before = await state()
      for (let settled = false; !settled;) {
        await new Promise((resolve) => setTimeout(resolve, 300))
        const again = await state()
        settled = JSON.stringify(again) === JSON.stringify(before)
        before = again
      }
      const requestsBefore = sim.stats().requests

      const bases = validArguments(ctx)
      const outcomes: Outcome[] = []
      const notInvalidByConstruction: string[] = []
      let generated = 0
      let cloneRefused = 0
      let largeOverHttp = 0
      for (const [index, method] of DESK_API_METHODS.entries()) {
        const spec = ARG_SPECS[method]
        expect(violations(spec, bases[method]), `the base argument of ${method} must be valid`).toEqual([])
        expect(
          deskContract[method].input.safeParse(bases[method]).success,
          `the contract accepts ${method}'s base`
        ).toBe(true)
        const random = seededRandom(SEED + index)
        for (let start = 0; start < PER_METHOD; start += BATCH) {
          const batch: Promise<Outcome>[] = []
          for (let i = start; i < Math.min(start + BATCH, PER_METHOD); i++) {
            const { value, changes } = mutateArgument(spec, bases[method], random)
            generated++
            if (violations(spec, value).length === 0)
              notInvalidByConstruction.push(`${method} ${changes.join(',')}`)
            let route: Route = i % 2 === 0 ? 'ipc' : 'direct'
            if (route === 'ipc') {
              try {
                structuredClone(value)
              } catch {
                cloneRefused++
                route = 'direct'
              }
            }
            const send = route === 'ipc' ? invokeIpc(method, value) : runtime.guarded.call(method, value)
            batch.push(send.then((reply) => ({ method, route, changes, reply })))
            if (i % 8 === 3) {
              const body = JSON.stringify(value)
              // JSON turns NaN into null and drops undefined: only what is still invalid on the wire counts.
              const wireInvalid = violations(spec, JSON.parse(body)).length > 0
              if (wireInvalid && (body.length < LARGE_BODY || largeOverHttp++ < 3)) {
                batch.push(
                  web.post(method, body).then((r) => ({
                    method,
                    route: 'http',
                    changes,
                    reply: JSON.parse(r.body),
                    status: r.status
                  }))
                )
              }
            }
          }
          outcomes.push(...(await Promise.all(batch)))
        }
      }

      const requestsAfter = sim.stats().requests
      const rejected = outcomes.filter((o) => isInvalidInput(o.reply))
      const count = (route: Route): number => outcomes.filter((o) => o.route === route).length
      console.log(
        `fuzz: ${outcomes.length} inputs, ${rejected.length} rejected ` +
          `(${generated} generated: ipc ${count('ipc')}, in-process ${count('direct')}, http ${count('http')}; ` +
          `${cloneRefused} not cloneable for IPC, sent in process)`
      )
      const accepted = outcomes.filter((o) => !isInvalidInput(o.reply))
      expect(notInvalidByConstruction).toEqual([])
      expect(
        accepted
          .slice(0, 5)
          .map(
            (o) =>
              `${o.route} ${o.method} [${o.changes.join(', ')}] → ${JSON.stringify(o.reply).slice(0, 200)}`
          )
      ).toEqual([])
      expect(generated).toBe(PER_METHOD * DESK_API_METHODS.length)
      expect(rejected.length).toBe(outcomes.length)
      expect(count('http')).toBeGreaterThan(DESK_API_METHODS.length * 100)
      expect(count('ipc')).toBeGreaterThan((generated / 2) * 0.95)
      // A refusal names the problem without echoing megabytes of input back.
      expect(Math.max(...outcomes.map((o) => JSON.stringify(o.reply).length))).toBeLessThan(8000)
      expect(
        outcomes.filter((o) => o.route === 'http' && o.status !== 200 && o.status !== 400 && o.status !== 413)
      ).toEqual([])

      // Nothing reached the network, nothing changed on disk or in memory.
      expect(requestsAfter - requestsBefore, 'requests that reached the simulator').toBe(0)
      expect(await state()).toEqual(before)
      expect(sim.stats().migrationSubmissions).toEqual([])

      // Still running and answering.
      expect(await invokeIpc('getAppInfo', undefined)).toMatchObject({
        ok: true,
        data: { name: 'ZStack Desk' }
      })
      await new Promise((resolve) => setTimeout(resolve, 50))
      process.off('unhandledRejection', onUnhandled)
      expect(unhandled).toEqual([])
    }
  )

  it('refuses operations that are not DeskApi methods, in process and over HTTP', async () => {
    const random = seededRandom(SEED - 1)
    const names = [
      ...['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'call', 'apply'],
      ...[
        '',
        ' ',
        'getVm ',
        'GETVM',
        'getvm',
        'desk:getVm',
        '../getVm',
        'getVm/../../etc',
        'apiSchemas',
        'handlers'
      ],
      ...Array.from({ length: 200 }, () => {
        const method = random.pick(DESK_API_METHODS)
        const at = random.int(method.length)
        return (
          method.slice(0, at) + random.pick(['\u0000', '%', '.', 'İ', '/', 'x', '💥']) + method.slice(at + 1)
        )
      })
    ]
    const before = sim.stats().requests
    for (const name of names) {
      expect(isInvalidInput(await runtime.guarded.call(name, {})), name).toBe(true)
      const reply = await web.post(name, '{}')
      // The web host may refuse an unroutable path itself; whatever answers, it is not a handler.
      if (reply.status === 200) expect(isInvalidInput(JSON.parse(reply.body)), name).toBe(true)
      else expect(reply.status, name).toBeGreaterThanOrEqual(400)
    }
    console.log(`fuzz: ${names.length * 2} calls of ${names.length} unknown operations refused`)
    expect(sim.stats().requests).toBe(before)
  })

  it('lets the valid arguments through to the simulator (so the count above could have moved)', async () => {
    const bases = validArguments(ctx)
    const before = sim.stats().requests
    const viaIpc = await invokeIpc('getVm', bases.getVm)
    expect(viaIpc).toMatchObject({ ok: true, data: { uuid: ctx.vmUuid } })
    const viaHttp = await web.call('queryVms', bases.queryVms)
    expect(viaHttp).toMatchObject({ ok: true })
    expect(sim.stats().requests).toBeGreaterThan(before)
  })
})
