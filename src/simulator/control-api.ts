// The /_sim endpoints: the same levers as the RunningSimulator handle, for tests running in another process.
import { jsonReply, textReply, type Reply } from './http-reply'
import type { RunningSimulator } from './options'
import {
  parseErrorBody,
  parseHostStatus,
  parseInjectedFault,
  parseMigrationFailure,
  parseRuntimePatch
} from './runtime-options'

type ControlTarget = Pick<
  RunningSimulator,
  | 'stats'
  | 'injectFaults'
  | 'setOptions'
  | 'expireSessions'
  | 'failNextMigration'
  | 'failMigrationsOf'
  | 'setHostStatus'
  | 'vm'
  | 'host'
>

const VM_FAILURES = /^\/_sim\/vms\/([^/]+)\/migration-failures$/
const HOST_STATUS = /^\/_sim\/hosts\/([^/]+)\/status$/

const json = (status: number, value: unknown): Reply => ({
  ...jsonReply(status, value),
  contentType: 'application/json; charset=utf-8'
})

function parseBody(rawBody: string): unknown {
  return rawBody.trim() === '' ? {} : (JSON.parse(rawBody) as unknown)
}

export function routeControl(target: ControlTarget, method: string, path: string, rawBody: string): Reply {
  try {
    if (method === 'GET' && path === '/_sim/stats') return json(200, target.stats())
    if (method === 'GET' && path.startsWith('/_sim/vms/')) {
      const vm = target.vm(decodeURIComponent(path.slice('/_sim/vms/'.length)))
      return vm ? json(200, vm) : json(404, { error: 'no such VM' })
    }
    if (method === 'GET' && path.startsWith('/_sim/hosts/')) {
      const host = target.host(decodeURIComponent(path.slice('/_sim/hosts/'.length)))
      return host ? json(200, host) : json(404, { error: 'no such host' })
    }
    const vmFailures = method === 'POST' ? VM_FAILURES.exec(path) : null
    if (vmFailures) {
      const { error, times } = parseMigrationFailure(parseBody(rawBody))
      target.failMigrationsOf(decodeURIComponent(vmFailures[1] ?? ''), error, times)
      return json(200, {})
    }
    const hostStatus = method === 'POST' ? HOST_STATUS.exec(path) : null
    if (hostStatus) {
      const body = parseBody(rawBody) as { status?: unknown } | null
      target.setHostStatus(decodeURIComponent(hostStatus[1] ?? ''), parseHostStatus(body?.status))
      return json(200, {})
    }
    if (method === 'POST') {
      switch (path) {
        case '/_sim/faults':
          target.injectFaults(parseInjectedFault(parseBody(rawBody)))
          return json(200, {})
        case '/_sim/options':
          target.setOptions(parseRuntimePatch(parseBody(rawBody)))
          return json(200, {})
        case '/_sim/expire-sessions':
          target.expireSessions()
          return json(200, {})
        case '/_sim/fail-next-migration':
          target.failNextMigration(parseErrorBody(parseBody(rawBody)))
          return json(200, {})
      }
    }
  } catch (error) {
    return json(400, { error: error instanceof Error ? error.message : String(error) })
  }
  return textReply(404, `no control endpoint ${method} ${path}`)
}
