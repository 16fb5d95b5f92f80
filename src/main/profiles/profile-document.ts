// Reads a profiles file (JSON or YAML) into its entries, remembering where each entry and field sits.
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml'

export type ProfilesFormat = 'json' | 'yaml'

export interface ProfilesDocument {
  format: ProfilesFormat
  /** The envelope's version when the file has one. */
  version?: unknown
  /** The envelope's `demo` settings when the file has them (checked by the reader). */
  demo?: unknown
  entries: unknown[]
  /** 1-based line where entry `index` (0-based) starts, when known. */
  entryLine(index: number): number | undefined
  /** 1-based line of a field inside entry `index`, falling back to the entry's line. */
  fieldLine(index: number, field: string): number | undefined
}

/** A file that cannot be read as JSON/YAML at all, with the line of the first problem. */
export class ProfilesSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(message)
    this.name = 'ProfilesSyntaxError'
  }
}

export function detectFormat(content: string, fileName?: string): ProfilesFormat {
  const lower = fileName?.toLowerCase() ?? ''
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml'
  if (lower.endsWith('.json')) return 'json'
  return /^\s*[[{]/.test(content) ? 'json' : 'yaml'
}

function lineAtOffset(content: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++
  return line
}

/** Offset of the first JSON syntax error, for engines whose message does not give one. */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const fail = (): never => {
    throw i
  }
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++
  }
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const string = (): void => {
    i++
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail()
      i += text[i] === '\\' ? 2 : 1
    }
    if (i >= text.length) fail()
    i++
  }
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!match) fail()
    i += match![0].length
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === '{') {
      i++
      space()
      if (text[i] === '}') return void i++
      for (;;) {
        space()
        if (text[i] !== '"') fail()
        string()
        space()
        if (text[i] !== ':') fail()
        i++
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (c === '[') {
      i++
      space()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    return number()
  }
  try {
    value()
    space()
    return i < text.length ? i : -1
  } catch (offset) {
    return typeof offset === 'number' ? offset : -1
  }
}

function jsonErrorLine(content: string, message: string): number | undefined {
  const explicit = /\(line (\d+) column \d+\)/.exec(message)
  if (explicit) return Number(explicit[1])
  const position = /at position (\d+)/.exec(message)
  const offset = position ? Number(position[1]) : jsonErrorOffset(content)
  return offset >= 0 ? lineAtOffset(content, offset) : undefined
}

interface ParsedValue {
  value: unknown
  /** The YAML view of the same text, for node positions (JSON is valid YAML 1.2); built only when a line is asked. */
  doc: () => Document | undefined
}

/** Above this a JSON file's problems are named by entry number only: a YAML parse for lines would take seconds. */
const JSON_LINES_MAX_CHARS = 1024 * 1024

function parseValue(content: string, format: ProfilesFormat, lines: LineCounter): ParsedValue {
  if (format === 'json') {
    let value: unknown
    try {
      value = JSON.parse(content) as unknown
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new ProfilesSyntaxError(`not valid JSON: ${message}`, jsonErrorLine(content, message))
    }
    // A second, YAML parse of a big file costs seconds and GBs: done only to name the line of a problem.
    let doc: Document | undefined
    const small = content.length <= JSON_LINES_MAX_CHARS
    return {
      value,
      doc: () => (small ? (doc ??= parseDocument(content, { lineCounter: lines })) : undefined)
    }
  }
  const doc = parseDocument(content, { lineCounter: lines, uniqueKeys: true })
  const first = doc.errors[0]
  if (first) {
    throw new ProfilesSyntaxError(`not valid YAML: ${first.message.split('\n')[0]}`, first.linePos?.[0].line)
  }
  return { value: doc.toJS({ maxAliasCount: 50 }) as unknown, doc: () => doc }
}

/** Parses the whole file; throws ProfilesSyntaxError when it is not JSON/YAML or not a list of profiles. */
export function parseProfilesDocument(content: string, format: ProfilesFormat): ProfilesDocument {
  const positions = new LineCounter()
  const { value, doc } = parseValue(content, format, positions)
  const seqNodeOf = (): unknown => {
    const root = doc()?.contents
    return isSeq(root) ? root : isMap(root) ? root.get('profiles', true) : undefined
  }

  let entries: unknown[]
  let version: unknown
  let demo: unknown
  if (Array.isArray(value)) {
    entries = value
  } else if (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { profiles?: unknown }).profiles)
  ) {
    entries = (value as { profiles: unknown[] }).profiles
    version = (value as { version?: unknown }).version
    demo = (value as { demo?: unknown }).demo
  } else {
    throw new ProfilesSyntaxError('expected a list of profiles, or an object with a "profiles" list', 1)
  }

  const itemNode = (index: number): YamlNode | undefined => {
    const seqNode = seqNodeOf()
    if (!isSeq(seqNode)) return undefined
    const item = seqNode.items[index]
    return item && typeof item === 'object' && 'range' in item ? (item as YamlNode) : undefined
  }
  const lineOf = (node: YamlNode | undefined): number | undefined =>
    node?.range ? positions.linePos(node.range[0]).line : undefined

  return {
    format,
    version,
    demo,
    entries,
    entryLine: (index) => lineOf(itemNode(index)),
    fieldLine(index, field) {
      const item = itemNode(index)
      if (!isMap(item) || field === '' || field === '(entry)') return lineOf(item)
      const path = field.split('.')
      for (let depth = path.length; depth > 0; depth--) {
        const node = item.getIn(path.slice(0, depth), true)
        if (node && typeof node === 'object' && 'range' in node) return lineOf(node as YamlNode)
      }
      return lineOf(item)
    }
  }
}
