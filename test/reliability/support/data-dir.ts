// Reads a data folder back: every file (recursively) for secret searches, or a fingerprint to prove nothing changed.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export function listFiles(root: string): string[] {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else files.push(full)
    }
  }
  walk(root)
  return files.sort()
}

/** Relative path → SHA-256 of every file, except those `skip` names (e.g. the log, which may grow). */
export function fingerprint(
  root: string,
  skip: (relativePath: string) => boolean = () => false
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const file of listFiles(root)) {
    const rel = relative(root, file)
    if (!skip(rel)) out[rel] = createHash('sha256').update(readFileSync(file)).digest('hex')
  }
  return out
}
