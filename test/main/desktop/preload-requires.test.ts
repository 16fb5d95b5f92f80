// A sandboxed preload can require only `electron` (and a few polyfilled modules): ours must need nothing else.
import { describe, expect, it } from 'vitest'
import { build } from 'esbuild'
import { resolve } from 'node:path'

const requiresOf = (code: string): string[] =>
  [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!).sort()

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: resolve(import.meta.dirname, '../../../src/preload'), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    // Every package or Node module stays a require() call, which is what the sandbox would have to resolve.
    packages: 'external',
    logLevel: 'silent'
  })
  return result.outputFiles[0]!.text
}

describe('the preload bundle', () => {
  it('requires only electron', async () => {
    const code = await bundle(`import './index'`)
    expect(code).toContain('exposeInMainWorld')
    expect([...new Set(requiresOf(code))]).toEqual(['electron'])
  })

  it('would catch a preload that pulls in a package or a Node module', async () => {
    const code = await bundle(
      `import './index'\nimport { z } from 'zod'\nimport { join } from 'node:path'\nconsole.log(z, join)`
    )
    expect([...new Set(requiresOf(code))]).toEqual(['electron', 'node:path', 'zod'])
  })
})
