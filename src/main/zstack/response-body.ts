// ZStack sends no reliable Content-Type, so the client reads every body as text and decides what it is by looking.
import type { ZStackErrorInfo } from '../../shared/zstack-types'

export type SniffedBody =
  | { kind: 'json'; value: unknown }
  /** Starts like JSON but does not parse: cut off in transit, or a broken proxy. */
  | { kind: 'broken-json'; text: string }
  | { kind: 'html'; title?: string; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'empty' }

/** Deeper JSON than this is no ZStack answer (inventories nest under 10 levels); it is refused before parsing. */
export const MAX_JSON_DEPTH = 64

/** Whether JSON text nests arrays/objects deeper than `max`; one pass, strings skipped. Self-contained: a worker runs its source. */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > max) return true
    } else if (c === 125 || c === 93) depth--
  }
  return false
}

export function sniffBody(raw: unknown): SniffedBody {
  const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : ''
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'empty' }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', value: JSON.parse(trimmed) as unknown }
    } catch {
      return { kind: 'broken-json', text: trimmed }
    }
  }
  if (
    /^<(!doctype\s+html|html|head|body|title|\?xml)/i.test(trimmed) ||
    /<html[\s>]/i.test(trimmed.slice(0, 2000))
  ) {
    return { kind: 'html', title: htmlTitle(trimmed), text: trimmed }
  }
  return { kind: 'text', text: trimmed }
}

export function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)
  const title = match?.[1]
    ?.replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
  return title ? title.slice(0, 200) : undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** Reads one ZStack error object with its cause chain (depth-limited: a server bug must not recurse forever). */
export function readZStackError(value: unknown, depth = 0): ZStackErrorInfo | undefined {
  if (!isRecord(value) || typeof value.code !== 'string' || value.code === '' || depth > 8) return undefined
  const info: ZStackErrorInfo = { code: value.code }
  const description = optionalString(value.description)
  const details = optionalString(value.details)
  const elaboration = optionalString(value.elaboration)
  if (description !== undefined) info.description = description
  if (details !== undefined) info.details = details
  if (elaboration !== undefined) info.elaboration = elaboration
  const cause = readZStackError(value.cause, depth + 1)
  if (cause) info.cause = cause
  if (Array.isArray(value.causes)) {
    const causes = value.causes.slice(0, 20).flatMap((item) => readZStackError(item, depth + 1) ?? [])
    if (causes.length > 0) info.causes = causes
  }
  return info
}

/** The `error` of a ZStack failure body (`{"error": {...}}`), if the body is one. */
export function zstackErrorOf(body: SniffedBody): ZStackErrorInfo | undefined {
  return body.kind === 'json' && isRecord(body.value) ? readZStackError(body.value.error) : undefined
}
