// The renderer comes from app://desk/ (a standard, secure origin of its own) instead of file:// (Electron's checklist).
import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy'
import { contentTypeOf } from '../web-host/static-files'
import { originOf } from './origin'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = 'app://desk'
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** Must run before `ready`: makes app:// a standard, secure scheme (origin, fetch, storage like https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** The file under `rootDir` that an app:// URL names, or undefined for another host or a path outside the folder. */
export function resolveAppPath(rootDir: string, url: string): string | undefined {
  let pathname: string
  try {
    if (originOf(url) !== APP_ORIGIN) return undefined
    const parsed = new URL(url)
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return undefined
  }
  if (pathname.includes('\0')) return undefined
  const root = resolve(rootDir)
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`)
  return file.startsWith(root + sep) ? file : undefined
}

/** Answers one app:// request: the built file, or 404 for anything else (outside the folder, missing, a folder). */
export async function serveAppFile(rootDir: string, url: string): Promise<Response> {
  const file = resolveAppPath(rootDir, url)
  const body = file ? await readFile(file).catch(() => undefined) : undefined
  if (!file || !body) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypeOf(file),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY
    }
  })
}

export function setupAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(rootDir, request.url))
}
