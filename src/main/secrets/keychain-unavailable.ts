// The one message for a keychain that cannot be used, naming what to install or unlock on this platform.
import type { AppError } from '../../shared/result'

export function keychainUnavailableError(
  cause: unknown,
  platform: NodeJS.Platform = process.platform
): AppError {
  const remedy =
    platform === 'darwin'
      ? 'Unlock the login keychain (Keychain Access) and allow ZStack Desk to use it.'
      : platform === 'win32'
        ? 'Check that Windows Credential Manager is available for your account.'
        : 'Install and start gnome-keyring or KWallet with a running Secret Service (org.freedesktop.secrets) and unlock it.'
  return {
    code: 'KEYCHAIN_UNAVAILABLE',
    message: `The system keychain is not available, so sessions are kept in memory for this run only and you will sign in again next time. ${remedy}`,
    details: (cause instanceof Error ? cause.message : String(cause)).slice(0, 300)
  }
}
