// "Test connection": asks getVersion (no session needed) and says what answered: ZStack, nothing there, or a web page.
import type { ConnectionReport, ProfileInput } from '../../shared/profile-types'
import { toClusterProfile } from '../profiles/profile-schema'
import type { CreateZStackClient, ProxyPasswordSource } from '../zstack/client-types'
import { toAppError } from '../zstack/to-app-error'

/** Codes that mean something answered at that address, even if it was not a working ZStack. */
const ANSWERED = new Set(['ZSTACK', 'HTTP', 'SESSION_EXPIRED', 'FORBIDDEN'])

export async function testConnection(
  input: ProfileInput,
  createClient: CreateZStackClient,
  proxyPassword?: ProxyPasswordSource
): Promise<ConnectionReport> {
  const profile = toClusterProfile({ ...input, id: input.id ?? 'connection-test' })
  const tls: ConnectionReport['tls'] =
    profile.endpoint.scheme === 'http' ? 'plain-http' : profile.tls.verify ? 'verified' : 'not-verified'
  const started = performance.now()
  const latencyMs = (): number => Math.round(performance.now() - started)
  try {
    const probe = await createClient(profile, proxyPassword).getVersion()
    const answered = { reachable: true, latencyMs: latencyMs(), tls }
    switch (probe.kind) {
      case 'zstack':
        return { verdict: 'zstack', ...answered, version: probe.version }
      case 'no-api':
        return { verdict: 'wrong-path', ...answered }
      case 'web-page':
        return probe.title === undefined
          ? { verdict: 'not-zstack', ...answered }
          : { verdict: 'not-zstack', ...answered, pageTitle: probe.title }
    }
  } catch (error) {
    const appError = toAppError(error)
    const reachable = ANSWERED.has(appError.code)
    const report: ConnectionReport = { verdict: 'failed', reachable, error: appError }
    if (reachable) {
      report.latencyMs = latencyMs()
      report.tls = tls
    }
    return report
  }
}
