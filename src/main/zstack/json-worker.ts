// Big answers are parsed on a worker thread: a 30 MB page must not freeze the window while it is read.
import { Worker } from 'node:worker_threads'
import { jsonTooDeep } from './response-body'

export type ParsedJson = { kind: 'json'; value: unknown } | { kind: 'broken-json' } | { kind: 'too-deep' }

/** Inventories cross back in batches this size, one per event-loop turn: copying a whole page at once blocks too. */
const BATCH = 500

type FromWorker =
  | { id: number; parsed: ParsedJson }
  /** The answer without its inventories; `batch` messages follow until `more` is false. */
  | { id: number; head: Record<string, unknown>; more: true }
  | { id: number; batch: unknown[]; more: boolean }

// An eval'd worker needs no separate bundle entry; jsonTooDeep is self-contained, so its source runs there as is.
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const jsonTooDeep = ${jsonTooDeep.toString()}
const BATCH = ${BATCH}
const sending = new Map()
parentPort.on('message', (message) => {
  const { id } = message
  if (message.next) {
    const state = sending.get(id)
    const batch = state.items.slice(state.at, state.at + BATCH)
    state.at += BATCH
    const more = state.at < state.items.length
    if (!more) sending.delete(id)
    return parentPort.postMessage({ id, batch, more })
  }
  const text = new TextDecoder().decode(message.bytes)
  if (jsonTooDeep(text, message.maxDepth)) return parentPort.postMessage({ id, parsed: { kind: 'too-deep' } })
  let value
  try {
    value = JSON.parse(text)
  } catch {
    return parentPort.postMessage({ id, parsed: { kind: 'broken-json' } })
  }
  const items = value && typeof value === 'object' && !Array.isArray(value) ? value.inventories : undefined
  if (!Array.isArray(items) || items.length <= BATCH)
    return parentPort.postMessage({ id, parsed: { kind: 'json', value } })
  sending.set(id, { items, at: 0 })
  parentPort.postMessage({ id, head: { ...value, inventories: [] }, more: true })
})
`

interface Waiter {
  resolve: (parsed: ParsedJson) => void
  reject: (error: Error) => void
  head?: Record<string, unknown>
  items: unknown[]
}

let worker: Worker | undefined
let nextId = 0
const pending = new Map<number, Waiter>()

function receive(target: Worker, message: FromWorker): void {
  const waiter = pending.get(message.id)
  if (!waiter) return
  let more = false
  if ('parsed' in message) waiter.resolve(message.parsed)
  else if ('head' in message) {
    waiter.head = message.head
    more = true
  } else {
    for (const item of message.batch) waiter.items.push(item)
    more = message.more
    if (!more) waiter.resolve({ kind: 'json', value: { ...waiter.head, inventories: waiter.items } })
  }
  if (more) {
    setImmediate(() => target.postMessage({ id: message.id, next: true }))
    return
  }
  pending.delete(message.id)
  if (pending.size === 0) target.unref()
}

function theWorker(): Worker {
  if (worker) return worker
  const created = new Worker(SOURCE, { eval: true })
  created.on('message', (message: FromWorker) => receive(created, message))
  const failAll = (error: Error): void => {
    worker = undefined
    for (const waiter of pending.values()) waiter.reject(error)
    pending.clear()
  }
  created.on('error', failAll)
  created.on('exit', () => failAll(new Error('The JSON worker stopped.')))
  worker = created
  return created
}

/** Depth-checks and parses JSON bytes on the worker thread. */
export function parseJsonOffThread(bytes: Uint8Array, maxDepth: number): Promise<ParsedJson> {
  const id = nextId++
  // A buffer that owns its memory moves to the worker as is; copying 30 MB costs the main thread 100 ms.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
  const copy = owned ? bytes : new Uint8Array(bytes)
  const target = theWorker()
  target.ref()
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, items: [] })
    target.postMessage({ id, bytes: copy, maxDepth }, [copy.buffer as ArrayBuffer])
  })
}
