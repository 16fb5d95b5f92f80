import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
}

/** The Content-Type of a built file, by its extension. */
export const contentTypeOf = (path: string): string => TYPES[extname(path)] ?? 'application/octet-stream'

export interface StaticFile {
  body: Buffer
  type: string
}

/** Reads a file under `root` for a URL path; anything outside root, or missing, falls back to index.html. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let relative: string
  try {
    relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '')
  } catch {
    return undefined
  }
  const candidate = join(root, relative)
  const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep)
  const target = inside && relative && (await isFile(candidate)) ? candidate : join(root, 'index.html')
  if (!(await isFile(target))) return undefined
  return { body: await readFile(target), type: contentTypeOf(target) }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
