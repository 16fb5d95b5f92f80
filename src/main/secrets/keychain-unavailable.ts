// The one message for a keychain that cannot be used, naming what to install or unlock on this platform.
import { appError } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'

export function keychainUnavailableError(
  cause: unknown,
  platform: NodeJS.Platform = process.platform
): AppError {
  const kind =
    platform === 'darwin'
      ? 'keychainLockedMac'
      : platform === 'win32'
        ? 'keychainMissingWindows'
        : 'keychainUnavailable'
  return appError(
    kind,
    {},
    { details: (cause instanceof Error ? cause.message : String(cause)).slice(0, 300) }
  )
}
