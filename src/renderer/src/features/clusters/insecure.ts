import type { ClusterProfile } from '../../../../shared/api'

/** An https profile that opted out of certificate checks: anyone on the path could read its session. */
export function isInsecure(profile: ClusterProfile | null | undefined): boolean {
  return !!profile && profile.endpoint.scheme === 'https' && !profile.tls.verify
}
