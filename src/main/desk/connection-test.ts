// "Test connection": reachability, TLS, version and latency of a profile that may not be saved yet.
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
  try {
    const version = await createClient(profile, proxyPassword).getVersion()
    const report: ConnectionReport = {
      reachable: true,
      latencyMs: Math.round(performance.now() - started),
      tls
    }
    if (version) report.version = version
    return report
  } catch (error) {
    const appError = toAppError(error)
    const reachable = ANSWERED.has(appError.code)
    const report: ConnectionReport = { reachable, error: appError }
    if (reachable) {
      report.latencyMs = Math.round(performance.now() - started)
      report.tls = tls
    }
    return report
  }
}
