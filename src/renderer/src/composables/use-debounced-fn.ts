import { onScopeDispose } from 'vue'

export interface DebouncedFn<A extends unknown[]> {
  (...args: A): void
  /** Runs a waiting call now. */
  flush(): void
  cancel(): void
}

/** Calls `fn` once `ms` have passed without another call; the last arguments win. */
export function useDebouncedFn<A extends unknown[]>(fn: (...args: A) => void, ms: number): DebouncedFn<A> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let waiting: A | undefined
  const run = (): void => {
    timer = undefined
    const args = waiting
    waiting = undefined
    if (args) fn(...args)
  }
  const debounced = ((...args: A) => {
    waiting = args
    if (timer) clearTimeout(timer)
    timer = setTimeout(run, ms)
  }) as DebouncedFn<A>
  debounced.flush = () => {
    if (timer) clearTimeout(timer)
    run()
  }
  debounced.cancel = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    waiting = undefined
  }
  onScopeDispose(debounced.cancel)
  return debounced
}
