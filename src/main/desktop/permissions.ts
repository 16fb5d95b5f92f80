// Every web permission is denied except writing to the clipboard (the copy buttons), and only for our own page.
import type { Session } from 'electron'
import { originOf } from './origin'

const ALLOWED = new Set(['clipboard-sanitized-write'])

/** True when `permission` may be granted to a page at `url` (a URL or an origin); `ownOrigins` are the app's. */
export function allowsPermission(permission: string, url: string, ownOrigins: readonly string[]): boolean {
  if (!ALLOWED.has(permission)) return false
  const origin = originOf(url)
  return origin !== undefined && ownOrigins.includes(origin)
}

export function setupPermissions(session: Session, ownOrigins: () => readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission(permission, details.requestingUrl, ownOrigins()))
  )
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowsPermission(permission, requestingOrigin, ownOrigins())
  )
}
