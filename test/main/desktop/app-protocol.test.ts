// app://desk serves the renderer build and nothing outside it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

vi.mock('electron', () => ({ protocol: {} }))
const { resolveAppPath, serveAppFile } = await import('../../../src/main/desktop/app-protocol')

let base: string
let root: string
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'zstack-desk-app-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>desk</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(base, 'secret.txt'), 'outside the build')
  writeFileSync(join(base, 'renderer-evil.txt'), 'a sibling whose name starts like the build folder')
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('resolveAppPath', () => {
  it('maps app://desk paths into the build folder', () => {
    expect(resolveAppPath(root, 'app://desk/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://desk/index.html?x=1#/vms')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://desk/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveAppPath(root, 'app://desk/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'))
  })

  it('keeps plain dot segments inside: the URL resolves them against its own root first', () => {
    expect(resolveAppPath(root, 'app://desk/../secret.txt')).toBe(join(root, 'secret.txt'))
    expect(resolveAppPath(root, 'app://desk/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'))
  })

  it.each([
    ['an encoded slash', 'app://desk/..%2fsecret.txt'],
    ['deep escapes', 'app://desk/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd'],
    ['a sibling folder with the same prefix', 'app://desk/..%2frenderer-evil.txt'],
    ['an absolute path smuggled in', 'app://desk/%2fetc%2fpasswd/..%2f..%2f..%2f..%2fetc%2fpasswd'],
    ['a NUL byte', 'app://desk/index.html%00.js'],
    ['malformed escapes', 'app://desk/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', 'desk/index.html']
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toBeUndefined()
  })
})

describe('serveAppFile', () => {
  it('answers a built file with its type and the CSP', async () => {
    const response = await serveAppFile(root, 'app://desk/index.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await response.text()).toContain('<title>desk</title>')
  })

  it.each(['app://desk/../secret.txt', 'app://desk/missing.js', 'app://desk/assets'])(
    'answers 404 for %s',
    async (url) => {
      const response = await serveAppFile(root, url)
      expect(response.status).toBe(404)
      expect(await response.text()).toBe('Not found')
    }
  )
})
