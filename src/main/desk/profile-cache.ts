// One answer per cluster, kept for a while, loaded once however many ask at the same time.
export interface ProfileCache<T> {
  get(profileId: string): Promise<T>
  /** The cached answer if it is still fresh, without asking the server. */
  peek(profileId: string): T | undefined
  invalidate(profileId: string): void
}

export function createProfileCache<T>(
  load: (profileId: string) => Promise<T>,
  { ttlMs, now, keep = () => true }: { ttlMs: number; now: () => number; keep?: (value: T) => boolean }
): ProfileCache<T> {
  const cached = new Map<string, { at: number; value: T }>()
  const loading = new Map<string, Promise<T>>()
  const generation = new Map<string, number>()
  const fresh = (profileId: string): T | undefined => {
    const hit = cached.get(profileId)
    return hit && now() - hit.at < ttlMs ? hit.value : undefined
  }

  return {
    peek: fresh,
    get(profileId) {
      const hit = fresh(profileId)
      if (hit !== undefined) return Promise.resolve(hit)
      const pending = loading.get(profileId)
      if (pending) return pending
      const started = generation.get(profileId) ?? 0
      const next: Promise<T> = load(profileId)
        .then((value) => {
          // An invalidation while this was loading means the answer may already be stale: use it, do not keep it.
          if ((generation.get(profileId) ?? 0) === started && keep(value))
            cached.set(profileId, { at: now(), value })
          return value
        })
        .finally(() => {
          if (loading.get(profileId) === next) loading.delete(profileId)
        })
      loading.set(profileId, next)
      return next
    },
    invalidate(profileId) {
      cached.delete(profileId)
      loading.delete(profileId)
      generation.set(profileId, (generation.get(profileId) ?? 0) + 1)
    }
  }
}
