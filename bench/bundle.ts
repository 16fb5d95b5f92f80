// 8. bundle: the renderer's JS and CSS, gzip level 9, against the 600 KB budget (the baseline is the budget itself).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Benchmark } from './lib/benchmark'
import { round } from './lib/stats'

const ASSETS = resolve('out/renderer/assets')
const BUDGET_KB = 600

function assetFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return assetFiles(path)
    return ['.js', '.css'].includes(extname(name)) ? [path] : []
  })
}

export const bundle: Benchmark = {
  name: 'bundle',
  target: `< ${BUDGET_KB} KB gzip`,
  async run(ctx) {
    const files = assetFiles(ASSETS)
    if (files.length === 0) throw new Error(`no .js or .css in ${ASSETS}: build the renderer first`)
    const perFile = files
      .map((path) => {
        const raw = readFileSync(path)
        return {
          file: path.slice(ASSETS.length + 1),
          rawKb: raw.length / 1024,
          gzipKb: gzipSync(raw, { level: 9 }).length / 1024
        }
      })
      .sort((a, b) => b.gzipKb - a.gzipKb)
    const total = perFile.reduce((sum, f) => sum + f.gzipKb, 0)
    const js = perFile.filter((f) => f.file.endsWith('.js')).reduce((sum, f) => sum + f.gzipKb, 0)
    ctx.log(
      `bundle: ${perFile.length} files, ${round(total)} KB gzip (largest ${perFile[0]!.file} ${round(perFile[0]!.gzipKb)} KB)`
    )
    return {
      app: round(total),
      baseline: BUDGET_KB,
      ratio: round(total / BUDGET_KB, 3),
      unit: 'KB',
      target: this.target,
      pass: total < BUDGET_KB,
      note: 'baseline = the 600 KB budget itself; ratio = app / 600',
      jsKb: round(js),
      cssKb: round(total - js),
      rawKb: round(perFile.reduce((sum, f) => sum + f.rawKb, 0)),
      files: perFile.map((f) => ({ file: f.file, gzipKb: round(f.gzipKb), rawKb: round(f.rawKb) }))
    }
  }
}
