// A tiny seeded PRNG (mulberry32): the same seed must give the same world, uuids included.

export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  weighted<T>(entries: readonly (readonly [T, number])[]): T
  /** 32 lower-case hex digits, the ZStack uuid form. */
  uuid(): string
}

/** Mixes numbers into one 32-bit seed (murmur3 finaliser), so derived streams stay independent. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    h = (h + 0x27d4eb2f) | 0
  }
  return h >>> 0
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0')
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => next32() / 4294967296
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
      let roll = next() * total
      for (const [value, weight] of entries) {
        roll -= weight
        if (roll < 0) return value
      }
      const last = entries[entries.length - 1]
      if (!last) throw new Error('weighted pick from an empty list')
      return last[0]
    },
    uuid: () => hex8(next32()) + hex8(next32()) + hex8(next32()) + hex8(next32())
  }
}
