// The host rows of one cluster in the health view: what each host carries, and why drain or exit may not be offered.
import type { ClusterHealth, HostInventory } from '../../../../shared/api'
import type { HostVmCounts } from '../../stores/fleet'
import { formatGiB, percentOf } from '../../format/bytes'

export interface HostBlock {
  /** Under `fleet.hosts.blocked`. */
  reason: 'signedOut' | 'expired' | 'unreachable' | 'stale' | 'maintenance' | 'notConnected'
  params: Record<string, string>
}

export const inMaintenance = (host: Pick<HostInventory, 'state'>): boolean =>
  host.state === 'Maintenance' || host.state === 'PreMaintenance'

export const vmTotal = (counts: HostVmCounts | undefined): number =>
  Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0)

/** A host state or status clicked in the counts (null: every host). */
export const hostMatches = (host: Pick<HostInventory, 'state' | 'status'>, word: string | null): boolean =>
  word === null || host.state === word || host.status === word

/** Why nothing can be asked of this cluster now: a session to renew, or numbers that are only last-known. */
export function clusterBlock(cluster: Pick<ClusterHealth, 'name' | 'session' | 'stale'>): HostBlock | null {
  const params = { cluster: cluster.name }
  if (cluster.session === 'signed-out') return { reason: 'signedOut', params }
  if (cluster.session === 'expired') return { reason: 'expired', params }
  if (cluster.session === 'unreachable') return { reason: 'unreachable', params }
  if (cluster.stale) return { reason: 'stale', params }
  return null
}

/** Why this host cannot be drained now; null when it can. */
export function drainBlock(
  cluster: Pick<ClusterHealth, 'name' | 'session' | 'stale'>,
  host: Pick<HostInventory, 'name' | 'state' | 'status'>
): HostBlock | null {
  const blocked = clusterBlock(cluster)
  if (blocked) return blocked
  if (inMaintenance(host)) return { reason: 'maintenance', params: { host: host.name } }
  // ZStack refuses to migrate a VM off a host that is Connecting or Disconnected.
  if (host.status !== 'Connected')
    return { reason: 'notConnected', params: { host: host.name, status: host.status } }
  return null
}

type Translate = (key: string, named: Record<string, unknown>) => string

const percent = (used: number, total: number, locale: string): string =>
  `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(percentOf(used, total))}%`

/** "8 GiB of 32 GiB (25%)": a cluster's or a host's memory. */
export const memoryUsedText = (t: Translate, locale: string, used: number, total: number): string =>
  t('fleet.health.usedOf', {
    used: `${formatGiB(used, locale)} GiB`,
    total: `${formatGiB(total, locale)} GiB`,
    percent: percent(used, total, locale)
  })

/** "6 of 24 (25%)": a cluster's or a host's vCPUs. */
export const cpuUsedText = (t: Translate, locale: string, used: number, total: number): string =>
  t('fleet.health.usedOf', { used, total, percent: percent(used, total, locale) })

/** A host's memory and vCPU in use, from what ZStack says is still available. */
export const hostUse = (
  host: Pick<
    HostInventory,
    'totalMemoryCapacity' | 'availableMemoryCapacity' | 'totalCpuCapacity' | 'availableCpuCapacity'
  >
) => ({
  memory: { used: host.totalMemoryCapacity - host.availableMemoryCapacity, total: host.totalMemoryCapacity },
  cpu: { used: host.totalCpuCapacity - host.availableCpuCapacity, total: host.totalCpuCapacity }
})
