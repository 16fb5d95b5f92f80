// The error bodies a 5.2.1 node puts in its 503 replies, by code (ZSTACK_API.md §4).

export interface ZStackError {
  code: string
  description: string
  details: string
  cause?: ZStackError
}

/** With a cause the server's top-level `details` repeats the cause's (ErrorFacade wraps the cause as is). */
const error = (code: string, description: string, details: string, cause?: ZStackError): ZStackError =>
  cause ? { code, description, details: cause.details, cause } : { code, description, details }

export const zstackErrors = {
  internal: (details: string) => error('SYS.1000', 'An internal error happened', details),
  notFound: (details: string) => error('SYS.1003', 'Unable to find resource', details),
  operationFailed: (details: string) => error('SYS.1006', 'An operation failed', details),
  invalidArgument: (details: string) => error('SYS.1007', 'One or more API argument is invalid', details),
  badCredentials: () => error('ID.1000', 'Authentication failed', 'wrong account name or password'),
  invalidSession: (sessionUuid: string) =>
    error('ID.1001', 'Session expired', `Session expired or does not exist, session uuid[${sessionUuid}]`),
  permissionDenied: (apiName: string) =>
    error('ID.1002', 'Permission denied', `the account has no permission to call the API[${apiName}]`),
  wrongVmState: (vmUuid: string, state: string, operation: string, allowed: readonly string[]) =>
    error(
      'VM.1010',
      'Wrong VM state',
      `current vm[uuid:${vmUuid}] state[${state}] doesn't allow to proceed message[${operation}], allowed states are [${allowed.join(', ')}]`
    ),
  unableToMigrate: (vmUuid: string, cause: ZStackError) =>
    error('VM.1008', 'Unable to migrate VM', `unable to migrate vm[uuid:${vmUuid}]`, cause),
  noHostAvailable: (details: string) => error('HOST_ALLOCATION.1000', 'No available host', details),
  migrationFailed: (details: string) => error('HOST.1009', 'hypervisor migration failed', details),
  /** HostBase.checkStatus: a command on a host that is not Connected. */
  hostNotConnected: (hostUuid: string, name: string, status: string) =>
    error(
      'HOST.1011',
      'Operation failure, the resource can be garbage collected',
      'unable to do the operation because the host is in status of Disconnected',
      error(
        'HOST.1010',
        'Host is disconnected',
        `host[uuid:${hostUuid}, name:${name}] is in status[${status}], cannot perform required operation`
      )
    ),
  unableToEnterMaintenance: (cause: ZStackError) =>
    error('HOST.1001', 'Unable to enter maintenance mode', cause.details, cause)
}
