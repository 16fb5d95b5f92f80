// The last-known fleet per cluster (rows and health) on disk, for offline and stale display; it holds no secret.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { ClusterHealth } from '../../shared/fleet-types'
import type { VmInventory } from '../../shared/zstack-types'
import { createWriteQueue, removeStrayTempFiles, writeFileAtomic } from '../profiles/atomic-file'
import { slimVm } from './fleet-rows'

export const FLEET_CACHE_FILE = 'fleet-cache.json'
/** Rows kept per cluster: enough for the pages people look at offline, small enough to load at once. */
export const KEPT_ROWS_PER_CLUSTER = 2000
/** Changes within this long (a fleet query's answers) become one write. */
const SAVE_DELAY_MS = 1000

export interface KeptRows {
  at: string
  rows: VmInventory[]
}

export interface FleetCache {
  rows(profileId: string): KeptRows | undefined
  health(profileId: string): ClusterHealth | undefined
  /** Newest rows first; a VM seen again moves to the front, the oldest beyond the cap go. */
  rememberRows(profileId: string, vms: readonly VmInventory[], at: string): void
  rememberHealth(health: ClusterHealth): void
  forget(profileId: string): void
  clear(): Promise<void>
  /** Resolves once every change so far is on disk. */
  flush(): Promise<void>
}

const vmSchema = z.looseObject({ uuid: z.string(), name: z.string(), state: z.string() })
const entrySchema = z.strictObject({
  rows: z.strictObject({ at: z.string(), rows: z.array(vmSchema).max(KEPT_ROWS_PER_CLUSTER) }).optional(),
  health: z.looseObject({ profileId: z.string(), refreshedAt: z.string() }).optional()
})
const fileSchema = z.strictObject({ version: z.literal(1), clusters: z.record(z.string(), entrySchema) })

interface Entry {
  rows?: KeptRows
  health?: ClusterHealth
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

export async function openFleetCache(dataDir: string): Promise<FleetCache> {
  const path = join(dataDir, FLEET_CACHE_FILE)
  await removeStrayTempFiles(path)
  const clusters = new Map<string, Entry>()
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text !== undefined) {
    // A damaged cache is only a cache: start empty rather than refuse to start.
    const parsed = fileSchema.safeParse(parseJson(text))
    if (parsed.success)
      for (const [id, entry] of Object.entries(parsed.data.clusters))
        clusters.set(id, entry as unknown as Entry)
  }

  const queue = createWriteQueue()
  let written: Promise<void> = Promise.resolve()
  let pending: ReturnType<typeof setTimeout> | undefined
  const write = (): void => {
    clearTimeout(pending)
    pending = undefined
    written = queue(async () => {
      const content = { version: 1, clusters: Object.fromEntries(clusters) }
      await writeFileAtomic(path, JSON.stringify(content))
    }).catch(() => undefined)
  }
  const save = (): void => {
    if (pending !== undefined) return
    // After the burst, not inside it: serialising the cache as the first cluster answers would hold the other answers.
    pending = setTimeout(write, SAVE_DELAY_MS)
    pending.unref()
  }
  const entry = (profileId: string): Entry => {
    let found = clusters.get(profileId)
    if (!found) clusters.set(profileId, (found = {}))
    return found
  }

  return {
    rows: (profileId) => clusters.get(profileId)?.rows,
    health: (profileId) => clusters.get(profileId)?.health,
    rememberRows(profileId, vms, at) {
      const byUuid = new Map<string, VmInventory>()
      for (const vm of vms) byUuid.set(vm.uuid, slimVm(vm))
      for (const vm of clusters.get(profileId)?.rows?.rows ?? []) {
        if (byUuid.size >= KEPT_ROWS_PER_CLUSTER) break
        if (!byUuid.has(vm.uuid)) byUuid.set(vm.uuid, vm)
      }
      entry(profileId).rows = { at, rows: [...byUuid.values()].slice(0, KEPT_ROWS_PER_CLUSTER) }
      save()
    },
    rememberHealth(health) {
      entry(health.profileId).health = { ...health, stale: undefined, error: undefined }
      save()
    },
    forget(profileId) {
      if (clusters.delete(profileId)) save()
    },
    async clear() {
      clusters.clear()
      write()
      await written
    },
    flush: async () => {
      if (pending !== undefined) write()
      await written
    }
  }
}
