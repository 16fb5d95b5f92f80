// Decides which requests get a simulated failure: injected ones first (deterministic), then random rates.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { writeReply } from './http-reply'
import type { FaultKind, FaultRates, InjectedFault } from './options'
import type { SeededRandom } from './seeded-random'

const LOGIN_PATH = '/zstack/v1/accounts/login'
const KINDS: readonly FaultKind[] = ['error503', 'html502', 'html504', 'drop', 'truncate']
const POLL_PATH = '/zstack/v1/api-jobs/'
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n'
const NGINX_504 = NGINX_502.replaceAll('502 Bad Gateway', '504 Gateway Time-out')

export class FaultPlan {
  private readonly injected: InjectedFault[] = []

  constructor(private readonly random: SeededRandom) {}

  inject(fault: InjectedFault): void {
    if (fault.count > 0) this.injected.push({ ...fault, method: fault.method?.toUpperCase() })
  }

  /**
   * Which fault, if any, this request gets; consumes one injected count when it matches. A ZStack 503 on a job
   * poll is that job's final answer, so a poll never gets one as a passing fault: the proxy's 504 stands in.
   */
  decide(
    method: string,
    path: string,
    rates: FaultRates,
    pathIncludes: string | undefined
  ): FaultKind | undefined {
    const kind = this.pick(method, path, rates, pathIncludes)
    return kind === 'error503' && path.startsWith(POLL_PATH) ? 'html504' : kind
  }

  private pick(
    method: string,
    path: string,
    rates: FaultRates,
    pathIncludes: string | undefined
  ): FaultKind | undefined {
    const isLogin = path === LOGIN_PATH
    const index = this.injected.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method === method) &&
        (fault.pathIncludes === undefined ? !isLogin : path.includes(fault.pathIncludes)) &&
        // Login only fails when the injection names it.
        (!isLogin || (fault.pathIncludes?.includes('login') ?? false))
    )
    const fault = this.injected[index]
    if (fault) {
      fault.count -= 1
      if (fault.count <= 0) this.injected.splice(index, 1)
      return fault.kind
    }
    if (isLogin || (pathIncludes !== undefined && !path.includes(pathIncludes))) return undefined
    let roll = this.random.next()
    for (const kind of KINDS) {
      const rate = rates[kind] ?? 0
      if (rate <= 0) continue
      if (roll < rate) return kind
      roll -= rate
    }
    return undefined
  }
}

/** Answers the way the fault looks from the client; the request itself is never handled. */
export function sendFault(request: IncomingMessage, response: ServerResponse, kind: FaultKind): void {
  switch (kind) {
    case 'error503':
      writeReply(response, {
        status: 503,
        body: JSON.stringify({
          error: { code: 'SYS.1000', description: 'An internal error happened', details: 'simulated fault' }
        })
      })
      return
    case 'html502':
      writeReply(response, { status: 502, body: NGINX_502, contentType: 'text/html' })
      return
    case 'html504':
      writeReply(response, { status: 504, body: NGINX_504, contentType: 'text/html' })
      return
    case 'drop':
      request.socket.destroy()
      return
    case 'truncate': {
      const whole = JSON.stringify({
        inventory: { uuid: 'f'.repeat(32), name: 'simulated truncated reply', description: 'x'.repeat(64) }
      })
      writeReply(response, { status: 200, body: whole.slice(0, Math.floor(whole.length / 2)) })
    }
  }
}
