// Which plain explanation (an i18n key under `migrate.advice`) fits a migration error, by ZStack code first.
import type { AppError, ZStackErrorInfo } from '../../../../shared/api'

const BY_ZSTACK_CODE: Record<string, string> = {
  'VM.1008': 'wrongState',
  'VM.1010': 'wrongState',
  'SYS.1007': 'invalidArgument',
  'SYS.1003': 'notFound',
  'HOST_ALLOCATION.1000': 'noHost',
  'SYS.1006': 'operationFailed',
  'HOST.1009': 'hypervisorFailed',
  'HOST.1010': 'hostDisconnected',
  'ID.1001': 'sessionExpired',
  'ID.1002': 'permissionDenied',
  'SYS.1001': 'timeout'
}

const BY_APP_CODE: Partial<Record<AppError['code'], string>> = {
  SESSION_EXPIRED: 'sessionExpired',
  NOT_SIGNED_IN: 'notSignedIn',
  JOB_EXPIRED: 'jobExpired',
  MIGRATION_IN_PROGRESS: 'inProgress',
  NETWORK: 'network',
  TIMEOUT: 'timeout',
  TLS: 'tls',
  INVALID_INPUT: 'invalidInput',
  NOT_FOUND: 'notFound'
}

/** The ZStack codes of an error and its causes, outermost first. */
export function zstackCodes(info: ZStackErrorInfo | undefined): string[] {
  if (!info) return []
  return [info.code, ...zstackCodes(info.cause), ...(info.causes ?? []).flatMap((c) => zstackCodes(c))]
}

/** The advice key for an error: the desk's own code when it is specific, else the first known ZStack code. */
export function adviceKey(error: AppError): string {
  if (error.code !== 'ZSTACK' && error.code !== 'HTTP' && BY_APP_CODE[error.code])
    return BY_APP_CODE[error.code]!
  for (const code of zstackCodes(error.zstack)) {
    const key = BY_ZSTACK_CODE[code]
    if (key) return key
  }
  return BY_APP_CODE[error.code] ?? 'unknown'
}
