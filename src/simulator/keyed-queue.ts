// Work serialized per key (a VM, a host), like the server's per-resource sync queues; a limit > 1 lets that many run.

export class KeyedQueue {
  private readonly running = new Map<string, number>()
  private readonly waiting = new Map<string, (() => void)[]>()
  /** The most tasks ever running at once per key. */
  readonly peaks = new Map<string, number>()

  /** `limit` is read each time a task starts, so a changed setting applies to the next one. */
  constructor(private readonly limit: () => number = () => 1) {}

  /** Runs `work` once fewer than `limit` earlier tasks of the same key are running; FIFO per key. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(key)
    try {
      return await work()
    } finally {
      this.release(key)
    }
  }

  private acquire(key: string): Promise<void> {
    const queue = this.waiting.get(key) ?? []
    if (queue.length === 0 && (this.running.get(key) ?? 0) < this.cap()) {
      this.start(key)
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      queue.push(resolve)
      this.waiting.set(key, queue)
    })
  }

  private release(key: string): void {
    const left = (this.running.get(key) ?? 1) - 1
    if (left > 0) this.running.set(key, left)
    else this.running.delete(key)
    const queue = this.waiting.get(key) ?? []
    while (queue.length > 0 && (this.running.get(key) ?? 0) < this.cap()) {
      this.start(key)
      queue.shift()?.()
    }
    if (queue.length === 0) this.waiting.delete(key)
  }

  private start(key: string): void {
    const now = (this.running.get(key) ?? 0) + 1
    this.running.set(key, now)
    this.peaks.set(key, Math.max(this.peaks.get(key) ?? 0, now))
  }

  private cap(): number {
    return Math.max(1, Math.floor(this.limit()))
  }
}

/** Runs `work` on every item with at most `limit` at once (the server's `While.step(..., n)`). */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
}
