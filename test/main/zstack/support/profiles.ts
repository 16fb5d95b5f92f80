// Cluster profiles pointing at a test server.
import type { ClusterProfile } from '../../../../src/shared/profile-types'

export function profileFor(url: string, overrides: Partial<ClusterProfile> = {}): ClusterProfile {
  const parsed = new URL(url)
  return {
    id: 'test',
    name: 'Test cluster',
    endpoint: {
      scheme: parsed.protocol === 'https:' ? 'https' : 'http',
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: Number(parsed.port),
      path: 'zstack'
    },
    accountName: 'admin',
    tls: { verify: true },
    timeoutMs: 5000,
    ...overrides
  }
}
