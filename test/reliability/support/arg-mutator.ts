// Turns a valid DeskApi argument into an invalid one, in one to three specific ways, from a seeded PRNG.
import type { Spec, StringSpec } from './arg-spec'

export interface Random {
  next(): number
  int(maxExclusive: number): number
  pick<T>(items: readonly T[]): T
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive)
  return { next, int, pick: (items) => items[int(items.length)]! }
}

/** An object with an own enumerable key, even `__proto__` (an object literal would set the prototype instead). */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  return target
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
  return value
}

const UNICODE = ['界', 'é', '💥', '\u202e', '\u0000', '\ufeff', 'İ', 'Ω', '\ud800', '𝔘']
const HOSTILE_TEXT = [
  '',
  ' ',
  'x',
  '42',
  'true',
  'null',
  'undefined',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE vms; --",
  '%00',
  '${7*7}',
  '\u202eevil',
  '💥'.repeat(40),
  'a\u0000b'
]

/** Values of every wire type; the mutator keeps only those of the wrong type for the spot they go to. */
function foreignValue(random: Random, valid: unknown): unknown {
  const choice = random.int(14)
  switch (choice) {
    case 0:
      return random.pick([0, -1, 42, 3.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0.5])
    case 1:
      return random.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
    case 2:
      return random.pick(HOSTILE_TEXT)
    case 3:
      return random.pick(UNICODE).repeat(1 + random.int(3000))
    case 4:
      return random.pick([true, false])
    case 5:
      return null
    case 6:
      return random.pick([[], [1, 'a'], [[[]]], [valid], [null]])
    case 7:
      return {}
    case 8:
      return withOwnKey({}, '__proto__', { polluted: true, isAdmin: true })
    case 9:
      return { constructor: { prototype: { polluted: true } } }
    case 10:
      return nested(random.pick([50, 500, 2000]), valid, random.next() < 0.5)
    case 11:
      return { value: valid }
    case 12:
      return random.pick(['0', '1', '-1', '1e3', 'NaN', 'Infinity'])
    default:
      return typeof valid === 'string' ? [valid] : String(valid)
  }
}

function isRightType(spec: Spec, value: unknown): boolean {
  switch (spec.kind) {
    case 'none':
      return value === undefined
    case 'boolean':
      return typeof value === 'boolean'
    case 'enum':
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
  }
}

function wrongType(spec: Spec, valid: unknown, random: Random): unknown {
  for (;;) {
    const value = foreignValue(random, valid)
    if (!isRightType(spec, value)) return value
  }
}

function longString(spec: StringSpec, random: Random): string {
  // Characters the spec allows, so only the length is wrong (limits count code points).
  const units = spec.forbidden ? ['a', 'F', '0'] : spec.max > 100_000 ? ['x'] : ['x', '界', '💥']
  const prefix = spec.prefixes?.[0] ?? spec.contains ?? (spec.first ? 'a' : '')
  return prefix + random.pick(units).repeat(spec.max + 1 + random.int(spec.max > 100_000 ? 16 : 4000))
}

function badCharacter(spec: StringSpec, random: Random): string | undefined {
  const pool = [
    ' ',
    '/',
    '\\',
    '%',
    '#',
    '@',
    '.',
    ':',
    '-',
    '_',
    '\n',
    '\t',
    ...UNICODE,
    'g',
    'Z',
    '<',
    '"',
    "'",
    '?',
    '&'
  ]
  const bad = pool.filter((c) => spec.forbidden!.test(c))
  return bad.length > 0 ? random.pick(bad) : undefined
}

function mutateString(spec: StringSpec, valid: string, random: Random): unknown {
  // Multi-megabyte strings are slow to build and send: a few of them prove the point.
  const long = (): unknown =>
    spec.max > 100_000 && random.next() < 0.9 ? wrongType(spec, valid, random) : longString(spec, random)
  const options: (() => unknown)[] = [() => wrongType(spec, valid, random), long]
  if (spec.min > 0) options.push(() => (spec.trim ? random.pick(['', '   ', '\t\n', '\u3000']) : ''))
  if (spec.forbidden) {
    options.push(() => {
      const c = badCharacter(spec, random)
      if (c === undefined) return longString(spec, random)
      // A fixed-length value gets one character replaced (a long one may split a surrogate, still not allowed).
      if (spec.length !== undefined) {
        const at = random.int(spec.length)
        return (valid.slice(0, at) + c + valid.slice(at + 1)).slice(0, spec.length)
      }
      const at = random.int(valid.length + 1)
      return valid.slice(0, at) + c + valid.slice(at)
    })
  }
  if (spec.length !== undefined) {
    options.push(() => {
      const hex = '0123456789abcdef'
      const n = random.pick([0, 1, spec.length! - 1, spec.length! + 1, 36, 64])
      const base = Array.from({ length: n }, () => hex[random.int(16)]).join('')
      return n === 36 ? base.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-').slice(0, 36) : base
    })
  }
  if (spec.first) {
    const firsts = ['-', '.', '_', '9', '#', 'a', ' '].filter((c) => !spec.first!.test(c))
    options.push(() => random.pick(firsts) + valid.slice(1))
  }
  if (spec.contains !== undefined) options.push(() => valid.split(spec.contains!).join('-----BEGIN KEY-----'))
  if (spec.prefixes) {
    options.push(() =>
      random.pick([
        'ftp://proxy:3128',
        'javascript:alert(1)',
        'http:/x',
        '//proxy:3128',
        'HTTP://x',
        'http://a b'
      ])
    )
  }
  return random.pick(options)()
}

function mutateNumber(spec: { min: number; max: number }, valid: number, random: Random): unknown {
  return random.pick<() => unknown>([
    () => wrongType({ kind: 'number', ...spec }, valid, random),
    () => random.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
    () => spec.min - 1 - random.int(1000),
    () => spec.max + 1 + random.int(1_000_000),
    () => (spec.min >= 0 ? -1 : spec.min - 1),
    () => valid + 0.5,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => String(valid)
  ])()
}

function mutateArray(spec: { of: Spec; max: number }, valid: unknown[], random: Random): unknown {
  const item = valid[0]
  return random.pick<() => unknown>([
    () => wrongType({ kind: 'array', ...spec }, valid, random),
    () => Array.from({ length: spec.max + 1 + random.int(5) }, () => item),
    () => [...valid, mutateValue(spec.of, item, random)],
    () => ({ 0: item, length: 1 }),
    () => nested(random.pick([20, 1000]), item, true)
  ])()
}

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'isAdmin',
  'extra',
  '',
  ' ',
  '名前',
  '💥',
  'then'
]

function withExtraKey(
  fields: Record<string, unknown>,
  valid: Record<string, unknown>,
  random: Random
): Record<string, unknown> {
  const free = EXTRA_KEYS.filter((k) => !Object.hasOwn(fields, k))
  const key = random.next() < 0.1 ? Object.keys(fields)[0] + ' ' : random.pick(free)
  const value = random.pick<() => unknown>([
    () => ({ polluted: true }),
    () => structuredClone(valid),
    () => true,
    () => 'x',
    () => null,
    () => foreignValue(random, valid)
  ])()
  return withOwnKey({ ...valid }, key, value)
}

/** One mutation of `valid` as a whole (not of a part), guaranteed by its construction to break `spec`. */
export function mutateValue(spec: Spec, valid: unknown, random: Random): unknown {
  switch (spec.kind) {
    case 'none':
      return wrongType(spec, valid, random)
    case 'boolean':
      return random.next() < 0.5 ? random.pick(['true', 1, 0, 'yes', null]) : wrongType(spec, valid, random)
    case 'enum':
      return random.next() < 0.5
        ? random.pick([
            String(valid).toUpperCase(),
            '',
            ' ' + String(valid),
            'xml',
            '\u0430sc',
            'Running ',
            'dESC'
          ])
        : wrongType(spec, valid, random)
    case 'number':
      return mutateNumber(spec, valid as number, random)
    case 'string':
      return mutateString(spec, valid as string, random)
    case 'array':
      return mutateArray(spec, valid as unknown[], random)
    case 'object': {
      const record = valid as Record<string, unknown>
      const required = Object.entries(spec.fields).filter(([k, f]) => !f.optional && Object.hasOwn(record, k))
      return random.pick<() => unknown>([
        () => wrongType(spec, valid, random),
        () => [valid],
        () => withExtraKey(spec.fields, record, random),
        () => {
          if (required.length === 0) return withExtraKey(spec.fields, record, random)
          const copy = { ...record }
          delete copy[random.pick(required)[0]]
          return copy
        },
        () => nested(random.pick([10, 1500]), valid, random.next() < 0.5)
      ])()
    }
  }
}

interface Spot {
  path: string[]
  spec: Spec
  value: unknown
}

/** Every place in `value` (itself included) whose spec is known. */
function spots(spec: Spec, value: unknown, path: string[] = []): Spot[] {
  const here: Spot = { path, spec, value }
  if (spec.kind === 'object' && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    return [
      here,
      ...Object.entries(spec.fields)
        .filter(([key]) => Object.hasOwn(record, key))
        .flatMap(([key, field]) => spots(field.spec, record[key], [...path, key]))
    ]
  }
  if (spec.kind === 'array' && Array.isArray(value)) {
    return [here, ...value.flatMap((item, i) => spots(spec.of, item, [...path, String(i)]))]
  }
  return [here]
}

function replaceAt(root: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  if (Array.isArray(root)) {
    const copy = [...root]
    copy[Number(head)] = replaceAt(root[Number(head)], rest, replacement)
    return copy
  }
  const record = root as Record<string, unknown>
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(record)) withOwnKey(copy, key, record[key])
  return withOwnKey(copy, head!, replaceAt(record[head!], rest, replacement))
}

const isPrefix = (a: string[], b: string[]): boolean => a.length <= b.length && a.every((p, i) => b[i] === p)

export interface Mutant {
  value: unknown
  /** What was done, e.g. `params.downTime: mutated`. */
  changes: string[]
}

/** One to three mutations at unrelated places of a valid argument (never one inside another). */
export function mutateArgument(spec: Spec, valid: unknown, random: Random): Mutant {
  const all = spots(spec, valid)
  const count = 1 + (random.next() < 0.3 ? random.int(3) : 0)
  const chosen: Spot[] = []
  for (let tries = 0; chosen.length < count && tries < 20; tries++) {
    const spot = random.pick(all)
    if (chosen.some((c) => isPrefix(c.path, spot.path) || isPrefix(spot.path, c.path))) continue
    chosen.push(spot)
  }
  let value = valid
  for (const spot of chosen) value = replaceAt(value, spot.path, mutateValue(spot.spec, spot.value, random))
  return { value, changes: chosen.map((s) => s.path.join('.') || '(argument)') }
}
