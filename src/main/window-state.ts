import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820 }

/** Remembers the window's size and position between runs (a small file, no secrets). */
export function loadWindowBounds(dataDir: string): WindowBounds {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, 'window.json'), 'utf8')) as Partial<WindowBounds>
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n)
    if (!ok(value.width) || !ok(value.height) || value.width < 400 || value.height < 300)
      return DEFAULT_BOUNDS
    return {
      width: value.width,
      height: value.height,
      x: ok(value.x) ? value.x : undefined,
      y: ok(value.y) ? value.y : undefined,
      maximized: value.maximized === true
    }
  } catch {
    return DEFAULT_BOUNDS
  }
}

export function saveWindowBounds(dataDir: string, bounds: WindowBounds): void {
  const target = join(dataDir, 'window.json')
  try {
    writeFileSync(target + '.tmp', JSON.stringify(bounds))
    renameSync(target + '.tmp', target)
  } catch {
    // Losing the window position is harmless.
  }
}
