import type { DeskEventName, DeskEvents } from '../shared/api'

type Listener<E extends DeskEventName> = (payload: DeskEvents[E]) => void

/** Typed fan-out of main's events to whichever transports are attached (IPC window, web-host SSE). */
export interface DeskEventBus {
  emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]): void
  subscribe(listener: <E extends DeskEventName>(event: E, payload: DeskEvents[E]) => void): () => void
  on<E extends DeskEventName>(event: E, listener: Listener<E>): () => void
}

export function createEventBus(): DeskEventBus {
  const all = new Set<(event: DeskEventName, payload: unknown) => void>()
  return {
    emit(event, payload) {
      for (const listener of [...all]) {
        try {
          listener(event, payload)
        } catch {
          // A broken transport must not stop the others from hearing the event.
        }
      }
    },
    subscribe(listener) {
      const wrapped = listener as (event: DeskEventName, payload: unknown) => void
      all.add(wrapped)
      return () => all.delete(wrapped)
    },
    on(event, listener) {
      const wrapped = (name: DeskEventName, payload: unknown): void => {
        if (name === event) (listener as (p: unknown) => void)(payload)
      }
      all.add(wrapped)
      return () => all.delete(wrapped)
    }
  }
}
