// Every timer the simulator starts, so stop() can cancel them and never leave the event loop busy.

export class TimerSet {
  private readonly pending = new Set<NodeJS.Timeout>()

  /** Resolves after `ms`; a stopped set never resolves it. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = setTimeout(
        () => {
          this.pending.delete(handle)
          resolve()
        },
        Math.max(0, ms)
      )
      this.pending.add(handle)
    })
  }

  clear(): void {
    for (const handle of this.pending) clearTimeout(handle)
    this.pending.clear()
  }
}
