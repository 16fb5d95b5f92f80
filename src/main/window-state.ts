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

export interface Area {
  x: number
  y: number
  width: number
  height: number
}

/** Keeps a restored window reachable: off every display (a monitor unplugged), it is centred on the first one. */
export function placeOnDisplay(bounds: WindowBounds, workAreas: readonly Area[]): WindowBounds {
  const primary = workAreas[0]
  if (!primary) return bounds
  const fits = (area: Area): WindowBounds => ({
    ...bounds,
    width: Math.min(bounds.width, area.width),
    height: Math.min(bounds.height, area.height)
  })
  if (bounds.x === undefined || bounds.y === undefined) return fits(primary)
  const { x, y } = bounds
  // Enough of the title bar must show on some display to grab it: 100 px wide, 40 px tall.
  const onArea = workAreas.find((area) => {
    const overlapX = Math.min(x + bounds.width, area.x + area.width) - Math.max(x, area.x)
    const overlapY = Math.min(y + 40, area.y + area.height) - Math.max(y, area.y)
    return overlapX >= 100 && overlapY >= 40
  })
  if (onArea) return bounds
  const sized = fits(primary)
  return {
    ...sized,
    x: primary.x + Math.round((primary.width - sized.width) / 2),
    y: primary.y + Math.round((primary.height - sized.height) / 2)
  }
}
