// The sandboxed preload can require only `electron`: anything else it imports must be bundled into out/preload.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DESK_API_METHODS } from '../../src/shared/api'

const built = resolve(import.meta.dirname, '../../out/preload/index.cjs')

/** Every module the code loads at run time: require('x'), import('x'), import ... from 'x'. */
function loadedModules(code: string): string[] {
  const patterns = [
    /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
    /\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
    /^\s*import\b[^'"`]*?\bfrom\s*(['"`])([^'"`]+)\1/gm,
    /^\s*import\s*(['"`])([^'"`]+)\1/gm
  ]
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[2]!))
}

/** A require whose argument is not a literal cannot be checked, so it fails too. */
function dynamicRequires(code: string): string[] {
  return [...code.matchAll(/\brequire\s*\(\s*(?!['"`][^'"`]+['"`]\s*\))([^)]*)\)/g)].map((m) => m[1]!)
}

describe('the built preload (out/preload/index.cjs)', () => {
  it('requires nothing but electron', () => {
    expect(existsSync(built), 'run `npx electron-vite build` first').toBe(true)
    const code = readFileSync(built, 'utf8')
    expect(loadedModules(code)).toEqual(['electron'])
    expect(dynamicRequires(code)).toEqual([])
  })

  it('carries every method of the contract, in its order', () => {
    const code = readFileSync(built, 'utf8')
    const names = [...code.matchAll(/^\s*"([A-Za-z][A-Za-z0-9]*)",?$/gm)].map((m) => m[1]!)
    expect(names.filter((n) => DESK_API_METHODS.includes(n as never))).toEqual(DESK_API_METHODS)
  })

  it('would catch a preload that requires a package, a Node module or a file', () => {
    expect(loadedModules('const z = require("zod"); let e = require("electron")')).toEqual([
      'zod',
      'electron'
    ])
    expect(loadedModules("import { readFileSync } from 'node:fs'\nimport './side'")).toEqual([
      'node:fs',
      './side'
    ])
    expect(loadedModules('await import(`./chunk.js`)')).toEqual(['./chunk.js'])
    expect(dynamicRequires('require(name)')).toEqual(['name'])
  })
})
