// A small file logger: `logs/desk.log` in the data folder, rotated by size, every line redacted before it is written.
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { redact } from './redact'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** Registers a value (a session id, a password hash) that must never reach the file. */
  addSecret(secret: string): void
  /** Resolves once every line logged so far is on disk. */
  flush(): Promise<void>
  /** Flushes, then drops later lines: work still settling after shutdown must not touch the data folder. */
  close(): Promise<void>
}

export interface FileLoggerOptions {
  /** The app's data folder; the log goes to `<dataDir>/logs/desk.log`. */
  dataDir: string
  level?: LogLevel
  /** Rotate when the file would grow past this many bytes (default 1 MiB). */
  maxBytes?: number
  /** Rotated files kept beside the live one: desk.log.1 (newest) to desk.log.N (default 3). */
  keep?: number
  /** Values scrubbed from every line; the set is shared, so callers may add to it later. */
  secrets?: Set<string>
  clock?: () => Date
}

export const LOG_FILE_NAME = 'desk.log'

export function logFilePath(dataDir: string): string {
  return join(dataDir, 'logs', LOG_FILE_NAME)
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const file = logFilePath(options.dataDir)
  const dir = dirname(file)
  const minRank = LEVEL_RANK[options.level ?? 'info']
  const maxBytes = options.maxBytes ?? 1024 * 1024
  const keep = Math.max(0, options.keep ?? 3)
  const secrets = options.secrets ?? new Set<string>()
  const clock = options.clock ?? (() => new Date())
  let size: number | undefined
  let queue: Promise<void> = Promise.resolve()
  let reportedFailure = false

  async function rotate(): Promise<void> {
    if (keep === 0) {
      await rm(file, { force: true })
      return
    }
    await rm(`${file}.${keep}`, { force: true })
    for (let i = keep - 1; i >= 1; i--) {
      await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(ignoreMissing)
    }
    await rename(file, `${file}.1`).catch(ignoreMissing)
  }

  let closed = false

  async function write(line: string): Promise<void> {
    const bytes = Buffer.byteLength(line)
    if (size === undefined) {
      // Only this user: log lines name clusters, hosts and VMs.
      await mkdir(dir, { recursive: true, mode: 0o700 })
      size = await stat(file).then(
        (s) => s.size,
        () => 0
      )
    }
    if (size > 0 && size + bytes > maxBytes) {
      await rotate()
      size = 0
    }
    await appendFile(file, line, { mode: 0o600 })
    size += bytes
  }

  function log(level: LogLevel, message: string, fields?: LogFields): void {
    if (closed || LEVEL_RANK[level] < minRank) return
    const suffix = fields && Object.keys(fields).length > 0 ? ` ${stringifyFields(fields)}` : ''
    const line = redact(
      `${clock().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${suffix}`,
      secrets
    )
    queue = queue
      .then(() => write(`${line.replace(/\r?\n/g, '\\n')}\n`))
      .catch((error: unknown) => {
        // A full or read-only disk must not take the app down; say so once on stderr.
        size = undefined
        if (!reportedFailure) console.error(`ZStack Desk cannot write its log file ${file}:`, error)
        reportedFailure = true
      })
  }

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    addSecret(secret) {
      if (secret) secrets.add(secret)
    },
    flush: () => queue,
    close() {
      closed = true
      return queue
    }
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
}

function stringifyFields(fields: LogFields): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message } : value
    )
  } catch {
    return '{"fields":"(not serializable)"}'
  }
}
