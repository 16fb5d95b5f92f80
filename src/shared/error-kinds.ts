// Every error ZStack Desk reports, once: its code, its parameters and its English text. Main builds errors from
// here; the renderer phrases them (en from this table, zh-CN beside it). Adding a kind: one entry here, plus its
// zh-CN text in src/renderer/src/i18n/error-messages.ts. Texts use vue-i18n syntax: `{param}`, no @ | $ { }.
import type { AppError, AppErrorCode } from './result'

export interface ErrorKindSpec {
  /** The AppErrorCode this kind carries; 'as-cause' keeps the code of the error it wraps. */
  code: AppErrorCode | 'as-cause'
  params: readonly string[]
  /** What happened. */
  text: string
  /** What to do about it; '' when there is nothing to do. */
  advice: string
}

const kind = <const P extends readonly string[]>(
  code: ErrorKindSpec['code'],
  params: P,
  text: string,
  advice = ''
) => ({ code, params, text, advice })

const NONE = [] as const

/** A refused value of one field, named by `{field}`. */
const onField = (text: string) => kind('INVALID_INPUT', ['field'] as const, text)

export const ERROR_KINDS = {
  // INTERNAL
  unexpected: kind(
    'INTERNAL',
    NONE,
    'ZStack Desk hit an unexpected problem.',
    'Try again; if it persists, report it with the log file.'
  ),
  windowProblem: kind(
    'INTERNAL',
    NONE,
    'Something went wrong in the window.',
    'Try again; if it persists, report it with the log file.'
  ),
  webHostFailure: kind('INTERNAL', NONE, 'The web host failed to answer this request.', 'Try again.'),
  profilesNotSaved: kind(
    'INTERNAL',
    ['path'],
    'Could not save {path}. Nothing was changed.',
    'Check free space and permissions of the data folder.'
  ),
  migrationNotRecorded: kind(
    'INTERNAL',
    NONE,
    'The migration could not be recorded on disk, so it was not sent.',
    'Check free space and permissions of the data folder.'
  ),
  demoFailed: kind(
    'INTERNAL',
    NONE,
    'The Demo cluster could not start.',
    'Restart ZStack Desk to try again.'
  ),
  closing: kind('INTERNAL', NONE, 'ZStack Desk is closing.'),

  // HTTP
  htmlPage: kind(
    'HTTP',
    ['status', 'address'],
    'A proxy or gateway answered with an HTML page (HTTP {status}) instead of ZStack at {address}.',
    "Check the profile's address and proxy settings, and that the management node is running."
  ),
  emptyAnswer: kind(
    'HTTP',
    ['status', 'address'],
    'The management node at {address} sent an empty answer (HTTP {status}).',
    'Try again; if it keeps happening, check any proxy between this computer and the node.'
  ),
  brokenAnswer: kind(
    'HTTP',
    ['status', 'address'],
    'The management node at {address} sent an answer that was cut off or is not valid JSON (HTTP {status}).',
    'Try again; if it keeps happening, check any proxy between this computer and the node.'
  ),
  unexpectedJson: kind(
    'HTTP',
    ['status', 'address'],
    'The management node at {address} sent JSON that is not the expected answer (HTTP {status}).',
    'Try again; if it keeps happening, check any proxy between this computer and the node.'
  ),
  plainTextAnswer: kind(
    'HTTP',
    ['status', 'address'],
    'The management node at {address} sent plain text instead of JSON (HTTP {status}).',
    'Try again; if it keeps happening, check any proxy between this computer and the node.'
  ),
  redirected: kind(
    'HTTP',
    ['status', 'address'],
    'The address {address} redirects elsewhere (HTTP {status}).',
    "Check the profile's scheme (http or https), port and path."
  ),
  nothingAtAddress: kind(
    'HTTP',
    ['address'],
    'Nothing was found at {address} (HTTP 404).',
    'Check the profile\'s port and context path (usually "zstack").'
  ),
  requestRejected: kind(
    'HTTP',
    ['status'],
    'The management node rejected the request (HTTP {status}).',
    'If it repeats, report it with the log file.'
  ),
  serverFailed: kind(
    'HTTP',
    ['status'],
    'The management node failed to answer (HTTP {status}).',
    "Try again in a moment; if it persists, check the node's logs."
  ),
  answerIncomplete: kind(
    'HTTP',
    ['field'],
    "The management node's answer lacks the field {field}.",
    'Check that the profile points at a ZStack management node.'
  ),
  malformedSessionId: kind(
    'HTTP',
    NONE,
    "The management node's sign-in answer did not contain a well-formed session id.",
    'Check that the profile points at a ZStack management node.'
  ),
  noJobInAnswer: kind(
    'HTTP',
    NONE,
    'The management node accepted the request (HTTP 202) but its answer names no job to follow.',
    'Do not resubmit: check the VM in ZStack to see whether it ran.'
  ),

  // TLS
  tlsUntrusted: kind(
    'TLS',
    ['address', 'reason'],
    'The certificate of {address} is not signed by an authority this computer trusts ({reason}).',
    "If you trust this node, add its CA certificate (PEM) to the profile after checking the fingerprint against the server's."
  ),
  tlsExpired: kind(
    'TLS',
    ['address', 'validTo'],
    'The certificate of {address} expired on {validTo}.',
    "Renew the management node's certificate, then connect again."
  ),
  tlsNotYetValid: kind(
    'TLS',
    ['address'],
    'The certificate of {address} is not valid yet.',
    'Check the clock of this computer and of the management node.'
  ),
  tlsWrongName: kind(
    'TLS',
    ['address', 'names'],
    'The certificate of {address} was issued for another name ({names}).',
    'Check the host name in the profile: use the name the certificate was issued for.'
  ),
  tlsFailed: kind(
    'TLS',
    ['address', 'reason'],
    'The secure connection to {address} failed ({reason}).',
    "Check that the profile's scheme (https) and port match the node; a plain-HTTP port cannot answer TLS."
  ),

  // ANSWER_LIMIT
  answerTooLarge: kind(
    'ANSWER_LIMIT',
    ['address', 'size'],
    'The answer from {address} was larger than {size}, more than ZStack Desk reads; it was dropped.',
    'Check that the profile points at a ZStack management node (not a proxy or another service).'
  ),
  answerTooDeep: kind(
    'ANSWER_LIMIT',
    ['address', 'depth'],
    'The answer from {address} was nested more than {depth} levels deep, more than ZStack Desk reads; it was dropped.',
    'Check that the profile points at a ZStack management node (not a proxy or another service).'
  ),

  // JOURNAL_UNWRITABLE
  journalUnwritable: kind(
    'JOURNAL_UNWRITABLE',
    ['path'],
    'The migration history {path} could not be read, and it could not be copied aside; to keep its unfinished records ZStack Desk will not write it, so no migration can start.',
    "To start migrations again, move or repair {path} (check the folder's permissions and free space), then restart ZStack Desk. Check unfinished migrations in ZStack meanwhile."
  ),
  journalDamagedUnwritable: kind(
    'JOURNAL_UNWRITABLE',
    ['path', 'count'],
    'The migration history {path} has {count} damaged record(s), and it could not be copied aside; to keep them ZStack Desk will not write it, so no migration can start.',
    "To start migrations again, move or repair {path} (check the folder's permissions and free space), then restart ZStack Desk. Check unfinished migrations in ZStack meanwhile."
  ),

  // TIMEOUT
  noAnswerInTime: kind(
    'TIMEOUT',
    ['address', 'seconds'],
    'No answer from {address} within {seconds} s.',
    "The node may be busy or unreachable: try again, or raise the profile's timeout."
  ),
  jobTimedOut: kind(
    'TIMEOUT',
    ['minutes'],
    'The job did not finish within {minutes} min.',
    'It may still be running on the management node: check the VM before trying again.'
  ),

  // NETWORK
  nothingAnswers: kind(
    'NETWORK',
    ['address'],
    'Nothing answers at {address}.',
    'Check the address and that the management node is running.'
  ),
  proxyNotAnswering: kind(
    'NETWORK',
    ['proxy'],
    'Nothing answers at the proxy {proxy}.',
    "Check the profile's proxy setting."
  ),
  nameNotResolved: kind(
    'NETWORK',
    ['host'],
    'The name {host} could not be resolved (DNS).',
    "Check the host name in the profile and this computer's network."
  ),
  connectionClosed: kind(
    'NETWORK',
    ['address'],
    'The connection to {address} was closed before an answer came.',
    'Try again; if it repeats, check any proxy or firewall in between.'
  ),
  unreachable: kind(
    'NETWORK',
    ['address', 'reason'],
    '{address} cannot be reached from this computer ({reason}).',
    'Check the network, VPN or firewall.'
  ),
  networkFailed: kind(
    'NETWORK',
    ['address', 'reason'],
    'Could not talk to {address} ({reason}).',
    'Check the address and the network.'
  ),
  mayHaveArrived: kind(
    'as-cause',
    NONE,
    'The request may have reached the node.',
    'Check the VM before trying again.'
  ),
  cancelRefused: kind('as-cause', ['vm'], 'ZStack did not accept the cancel; the migration of {vm} goes on.'),
  migrationAnswerLost: kind(
    'as-cause',
    NONE,
    'The answer to the migration request was lost. It is not sent again.',
    'ZStack Desk is checking whether the server received it.'
  ),
  migrationAnswerLostChecking: kind(
    'NETWORK',
    NONE,
    'The answer to the migration request was lost; checking whether ZStack received it (it is not sent again).'
  ),
  migrationNeverArrived: kind(
    'NETWORK',
    ['vm', 'host'],
    'The migration request never reached ZStack: the server does not know its job and {vm} is still on {host}. Nothing was changed.',
    'You can start the migration again.'
  ),

  // SESSION_EXPIRED
  sessionEnded: kind(
    'SESSION_EXPIRED',
    NONE,
    'The session on this cluster has expired or was ended on the server.',
    'Sign in again.'
  ),
  sessionExpired: kind(
    'SESSION_EXPIRED',
    ['cluster'],
    'Your session on {cluster} has expired.',
    'Sign in again.'
  ),
  signInToFollow: kind(
    'SESSION_EXPIRED',
    ['cluster'],
    'Sign in to {cluster} again to follow this migration; it continues on the server meanwhile.',
    'Your session on this cluster expired. Sign in again: the migration keeps being followed.'
  ),
  migrationRefusedExpired: kind(
    'SESSION_EXPIRED',
    ['vm'],
    'ZStack refused this migration because the session had expired when the request arrived; {vm} was not migrated.',
    'Sign in and try again.'
  ),

  // NOT_SIGNED_IN
  signInFirst: kind('NOT_SIGNED_IN', ['cluster'], 'You are not signed in to {cluster}.', 'Sign in first.'),
  noValidSession: kind(
    'NOT_SIGNED_IN',
    NONE,
    'There is no valid session for this cluster.',
    'Sign in again.'
  ),

  // INVALID_INPUT (keeps its `issues`)
  invalidInput: kind(
    'INVALID_INPUT',
    NONE,
    'A value was refused before anything was sent.',
    'Correct the fields named here.'
  ),
  unknownOperation: kind('INVALID_INPUT', NONE, 'Unknown operation.'),
  tooManyArguments: kind('INVALID_INPUT', NONE, 'Invalid input: too many arguments.'),
  requestTooLarge: kind('INVALID_INPUT', NONE, 'The request is too large.'),
  requestNotJson: kind('INVALID_INPUT', NONE, 'The request body is not JSON.'),
  proxyUrlInvalid: kind(
    'INVALID_INPUT',
    NONE,
    "The profile's proxy URL is not a valid URL.",
    'Use http://host:port.'
  ),
  proxySchemeUnsupported: kind(
    'INVALID_INPUT',
    ['scheme'],
    'The proxy scheme {scheme} is not supported.',
    'Use http:// or https://.'
  ),
  caPemNoCertificate: kind(
    'INVALID_INPUT',
    NONE,
    'The CA certificate is not valid: it holds no complete BEGIN/END CERTIFICATE block. Nothing was saved.',
    "Pick the CA's PEM file again."
  ),
  caPemUnreadable: kind(
    'INVALID_INPUT',
    ['index', 'count'],
    'The CA certificate is not valid: certificate {index} of {count} cannot be read. Nothing was saved.',
    "Pick the CA's PEM file again."
  ),
  cannotCancelPlain: kind(
    'INVALID_INPUT',
    ['vm', 'cluster'],
    'The migration of {vm} was sent as a plain migrateVm action because {cluster} offers no long-job API, and ZStack cannot cancel that; it runs to its end.'
  ),
  nothingToCancel: kind(
    'INVALID_INPUT',
    ['vm'],
    'The migration of {vm} has already ended; there is nothing to cancel.'
  ),
  retryNotFinished: kind(
    'INVALID_INPUT',
    ['vm'],
    'Only a failed or cancelled migration can be retried; the migration of {vm} has not ended that way.'
  ),
  notAUuid: kind('INVALID_INPUT', ['field'], '{field} must be a 32-character hexadecimal UUID.'),
  notAJobPath: kind('INVALID_INPUT', ['path'], '"{path}" is not a ZStack job path.'),
  badQueryField: kind('INVALID_INPUT', ['field'], '"{field}" is not a field name ZStack can query.'),
  badQueryValue: kind('INVALID_INPUT', ['value'], '{value} is not a value ZStack can compare.'),
  conditionNeedsValue: kind(
    'INVALID_INPUT',
    ['field', 'op'],
    'The condition on "{field}" ({op}) needs a value.'
  ),
  conditionNeedsValues: kind(
    'INVALID_INPUT',
    ['field', 'op'],
    'The condition on "{field}" ({op}) needs at least one value.'
  ),
  conditionValueHasComma: kind(
    'INVALID_INPUT',
    ['field'],
    'A value in the list for "{field}" contains a comma.'
  ),
  conditionTakesOneValue: kind(
    'INVALID_INPUT',
    ['field', 'op'],
    'The condition on "{field}" ({op}) takes one value, not a list.'
  ),
  notACount: kind(
    'INVALID_INPUT',
    ['name', 'value'],
    '{name} must be a whole number of 0 or more, not {value}.'
  ),
  // One refused field (a zod issue); zod's own words are the details.
  fieldWrongType: kind('INVALID_INPUT', ['field', 'expected'], '{field} must be of type {expected}.'),
  fieldTooSmall: kind('INVALID_INPUT', ['field', 'limit'], '{field} must be at least {limit}.'),
  fieldTooBig: kind('INVALID_INPUT', ['field', 'limit'], '{field} must be at most {limit}.'),
  fieldTooShort: kind(
    'INVALID_INPUT',
    ['field', 'limit'],
    '{field} must have at least {limit} character(s).'
  ),
  fieldTooLong: kind('INVALID_INPUT', ['field', 'limit'], '{field} must have at most {limit} character(s).'),
  fieldNotOneOf: kind('INVALID_INPUT', ['field', 'allowed'], '{field} must be one of: {allowed}.'),
  fieldUnknown: kind('INVALID_INPUT', ['field'], '{field} is not a known field.', 'Remove it.'),
  fieldInvalid: kind('INVALID_INPUT', ['field'], '{field} is not valid.'),
  // Our own rules on a field (zod custom issues carrying one of these kinds; see contract/field-rule.ts).
  notAProfileId: onField('{field} must be a profile id: 1 to 64 letters, digits, - or _.'),
  notAHostName: onField('{field} must be a host name or an IP address, without scheme, port or path.'),
  notAnEndpointPath: onField('{field} must be a path such as zstack, without a leading slash.'),
  notPem: onField('{field} must be PEM text with at least one CERTIFICATE block.'),
  notAProxyUrl: onField('{field} must be an http:// or https:// URL.'),
  notATimeZone: kind(
    'INVALID_INPUT',
    ['field', 'asWritten'],
    '{field} must be "{asWritten}" or a time zone name such as Asia/Shanghai.'
  ),
  notAColour: onField('{field} must be a colour such as #1e88e5.'),
  notAStrategy: onField('{field} must be a strategy name such as auto-converge.'),
  notARecordId: onField('{field} must be an id ZStack Desk gave out (a lower-case UUID with dashes).'),
  listedTwice: onField('{field} must name each profile once.'),
  fieldNeedsOther: kind('INVALID_INPUT', ['field', 'other'], '{field} needs {other} as well.'),
  endNotAfterStart: kind('INVALID_INPUT', ['field', 'start'], '{field} must be after {start}.'),
  windowTooLong: kind('INVALID_INPUT', ['seconds'], 'The time window may span at most {seconds} seconds.'),
  fleetWindowTooFar: kind(
    'INVALID_INPUT',
    ['limit'],
    'Only the first {limit} VMs of a search can be shown.',
    'Narrow the search to see further.'
  ),
  placeFilterNeedsOneCluster: onField('A zone, cluster or host filter needs exactly one cluster in {field}.'),
  demoBuiltIn: kind(
    'INVALID_INPUT',
    NONE,
    'The Demo cluster is built in: it cannot be edited or deleted.',
    'Add your own cluster instead.'
  ),
  importUnreadable: kind(
    'INVALID_INPUT',
    NONE,
    'The profiles file cannot be read. Nothing was imported.',
    'Fix the file as the details say, then import it again.'
  ),
  importUnreadableAt: kind(
    'INVALID_INPUT',
    ['line'],
    'The profiles file cannot be read at line {line}. Nothing was imported.',
    'Fix the file at that line, then import it again.'
  ),
  importTooLarge: kind(
    'INVALID_INPUT',
    ['size', 'limit'],
    'The profiles file is {size}, more than the {limit} a profiles file may be. Nothing was imported.',
    'Split it into smaller files and import each.'
  ),
  importUnsupportedVersion: kind(
    'INVALID_INPUT',
    ['version', 'expected'],
    'The profiles file has version {version}; this ZStack Desk reads version {expected}. Nothing was imported.'
  ),
  importCredentialIgnored: kind(
    'INVALID_INPUT',
    ['field'],
    'The field {field} was ignored: a profiles file never carries passwords.',
    'Type the password when you sign in; ZStack Desk keeps it in the system keychain.'
  ),
  importUrlInvalid: kind(
    'INVALID_INPUT',
    ['field'],
    'The field {field} must be an address such as https://zstack.example.com:8443/zstack (http or https, a host, an optional port and path, no user name or password).'
  ),
  importUrlWithEndpoint: kind(
    'INVALID_INPUT',
    ['field'],
    'The fields {field} and endpoint both say where the management node is.',
    'Keep one of them.'
  ),

  // KEYCHAIN_UNAVAILABLE
  keychainUnavailable: kind(
    'KEYCHAIN_UNAVAILABLE',
    NONE,
    'The system keychain is not available, so sessions are kept in memory for this run only and you will sign in again next time.',
    'Install and start gnome-keyring or KWallet with a running Secret Service (org.freedesktop.secrets) and unlock it.'
  ),
  proxyPasswordNotKept: kind(
    'KEYCHAIN_UNAVAILABLE',
    ['name'],
    'The profile "{name}" was saved, but its proxy password could not be kept in the system keychain.',
    'Unlock the keychain and save the profile again with the password.'
  ),
  keychainLockedMac: kind(
    'KEYCHAIN_UNAVAILABLE',
    NONE,
    'The system keychain is not available, so sessions are kept in memory for this run only and you will sign in again next time.',
    'Unlock the login keychain (Keychain Access) and allow ZStack Desk to use it.'
  ),
  keychainMissingWindows: kind(
    'KEYCHAIN_UNAVAILABLE',
    NONE,
    'The system keychain is not available, so sessions are kept in memory for this run only and you will sign in again next time.',
    'Check that Windows Credential Manager is available for your account.'
  ),

  // JOB_EXPIRED
  jobForgotten: kind(
    'JOB_EXPIRED',
    NONE,
    'The management node no longer knows this job (it finished over 3 hours ago or the node restarted).',
    'Check the VM in ZStack for the outcome.'
  ),
  longJobUnknown: kind(
    'JOB_EXPIRED',
    NONE,
    'The management node no longer knows this long job.',
    'Check the VM in ZStack for the outcome.'
  ),
  jobUnknownVmMigrating: kind(
    'JOB_EXPIRED',
    ['vm'],
    "ZStack does not know this migration's job, but {vm} is migrating; watching the VM until it settles."
  ),
  migrationDidNotComplete: kind(
    'JOB_EXPIRED',
    ['vm', 'host'],
    "ZStack no longer knows this migration's job and {vm} is still on {host}: the migration did not complete.",
    'Check the VM, then migrate it again if needed.'
  ),

  // ZSTACK (without a readable server error)
  longJobFailedNoReason: kind(
    'ZSTACK',
    ['vm'],
    'ZStack reports the migration of {vm} as failed without a readable reason.',
    'Check the VM in ZStack.'
  ),

  // NOT_FOUND
  noSuchProfile: kind(
    'NOT_FOUND',
    ['id'],
    'There is no cluster profile "{id}"; it may have been deleted.',
    'Refresh the list.'
  ),
  noSuchMigration: kind('NOT_FOUND', ['id'], 'There is no migration "{id}" in the activity list.'),
  profileGone: kind(
    'NOT_FOUND',
    ['name'],
    'The profile "{name}" no longer exists; it may have been deleted.'
  ),
  profileOrderMismatch: kind(
    'INVALID_INPUT',
    ['ids'],
    'The new sidebar order must list every cluster profile once; {ids} did not match. Nothing was changed.',
    'Reload the list and move the cluster again.'
  ),
  profilesNotFound: kind('NOT_FOUND', ['ids'], 'No cluster profile with id {ids}; nothing was exported.'),
  noSuchVm: kind(
    'NOT_FOUND',
    ['vm', 'cluster'],
    'There is no VM {vm} on {cluster}; it may have been deleted.',
    'Refresh the list.'
  ),
  vmGoneOutcomeUnknown: kind(
    'NOT_FOUND',
    ['vm', 'cluster'],
    'The VM {vm} no longer exists on {cluster}, so the outcome of this migration cannot be known.'
  ),
  profileDeletedDuringMigration: kind(
    'NOT_FOUND',
    ['cluster'],
    'The cluster profile {cluster} was deleted, so this migration can no longer be followed.',
    'Check the VM in ZStack.'
  ),

  // Fleet operations (batches, drains): skip and stop reasons
  noSuchBatch: kind('NOT_FOUND', ['id'], 'There is no batch "{id}".'),
  noSuchHost: kind('NOT_FOUND', ['host', 'cluster'], 'There is no host {host} in {cluster}.'),
  batchVmGone: kind('NOT_FOUND', ['vm'], '{vm} no longer exists: it was skipped.'),
  batchVmStateChanged: kind(
    'INVALID_INPUT',
    ['vm', 'state'],
    '{vm} is {state}, which cannot be live-migrated: it was skipped.',
    'Only Running, Paused or Unknown VMs can be live-migrated.'
  ),
  batchVmCannotMigrate: kind(
    'INVALID_INPUT',
    ['vm', 'state'],
    '{vm} is {state}: only Running, Paused or Unknown VMs can be live-migrated.'
  ),
  batchVmMovedElsewhere: kind(
    'INVALID_INPUT',
    ['vm', 'host'],
    '{vm} is no longer on {host} (moved by someone else): it was skipped.'
  ),
  batchNoHostFits: kind(
    'INVALID_INPUT',
    ['vm'],
    'No host can take {vm} any more (capacity or host states changed since the plan): it was skipped.',
    'Free some capacity or choose another host, then migrate it on its own.'
  ),
  batchSourceNotConnected: kind(
    'INVALID_INPUT',
    ['vm', 'host'],
    '{vm} is on {host}, which is not connected to the management node: it cannot be live-migrated now.',
    'Reconnect the host in ZStack, then plan again.'
  ),
  batchRowCanceled: kind('INVALID_INPUT', ['vm'], 'The migration of {vm} was canceled before it started.'),
  batchStoppedAfterFailure: kind(
    'INVALID_INPUT',
    ['vm'],
    'Not started: the batch stops on its first failure (the migration of {vm}).'
  ),
  batchDuplicateVm: kind('INVALID_INPUT', ['vm'], '{vm} is listed more than once.'),
  batchVmQueued: kind(
    'MIGRATION_IN_PROGRESS',
    ['vm'],
    '{vm} is already in another batch that has not finished.',
    'Wait for that batch to finish, or cancel its row.'
  ),
  batchNotActive: kind('INVALID_INPUT', ['state'], 'The batch is {state}: there is nothing to change.'),
  batchRowNotCancellable: kind('INVALID_INPUT', ['vm'], 'The row of {vm} has already ended.'),
  batchHostDisconnected: kind(
    'NETWORK',
    ['host'],
    'Host {host} is Disconnected: the queue is paused.',
    'Reconnect the host (or check it in ZStack), then resume the queue.'
  ),
  drainNotEmpty: kind(
    'INVALID_INPUT',
    ['host', 'count'],
    '{count} VM(s) remain on {host}: it was left as it was, not put into maintenance.',
    'See why each remained in the report, move them, then drain again.'
  ),
  drainVmNotPlanned: kind(
    'INVALID_INPUT',
    ['vm', 'state'],
    '{vm} ({state}) was not part of the plan: it arrived on the host or changed state during the drain.'
  ),
  drainCanceled: kind(
    'INVALID_INPUT',
    NONE,
    'The drain was canceled: the host was not put into maintenance.'
  ),
  hostStateNotReached: kind(
    'ZSTACK',
    ['host', 'state'],
    'Host {host} did not reach {state}.',
    'Check the host in ZStack.'
  ),

  // MIGRATION_IN_PROGRESS
  alreadyMigrating: kind(
    'MIGRATION_IN_PROGRESS',
    ['vm', 'time'],
    '{vm} is already being migrated (started {time}).',
    'A VM moves one migration at a time and this one is already under way: follow it in Activity.'
  ),

  migrationUnderWay: kind(
    'MIGRATION_IN_PROGRESS',
    NONE,
    'A migration of this VM is already under way; a VM moves one migration at a time.',
    'Follow it in Activity.'
  ),

  // PROFILES_CORRUPT
  profilesReadOnly: kind(
    'PROFILES_CORRUPT',
    NONE,
    'The profiles file is damaged, so changes to profiles cannot be saved until it is fixed.',
    'Fix or remove the file named here.'
  ),

  // The profiles file at start: why it was set aside (the cause) and what was done about it.
  profilesFileTooBig: kind(
    'PROFILES_CORRUPT',
    ['size', 'limit'],
    'The profiles file is {size}, more than the {limit} a profiles file may be.'
  ),
  profilesFileUnreadable: kind('PROFILES_CORRUPT', NONE, 'The profiles file could not be read.'),
  profilesFileWrongVersion: kind(
    'PROFILES_CORRUPT',
    ['version', 'expected'],
    'The profiles file has version {version}; this ZStack Desk reads version {expected}.'
  ),
  profilesFileCorrupt: kind('PROFILES_CORRUPT', NONE, 'The profiles file is corrupt.'),
  profilesFileCorruptAt: kind('PROFILES_CORRUPT', ['line'], 'The profiles file is corrupt at line {line}.'),
  profilesMovedAside: kind(
    'PROFILES_CORRUPT',
    ['file', 'aside'],
    '{file} was set aside: it was moved to {aside} and nothing was deleted.',
    'Re-import what you need from it.'
  ),
  profilesNotMovedAside: kind(
    'PROFILES_CORRUPT',
    ['file'],
    '{file} could not be used nor moved aside, so changes to profiles cannot be saved until it is fixed.',
    'Fix or remove it.'
  ),
  profilesSkipped: kind(
    'PROFILES_CORRUPT',
    ['count', 'file', 'copy'],
    '{count} profile(s) in {file} were skipped because they are invalid; a copy of the original file is at {copy}.',
    'Fix them as the details say, then import them from the copy.'
  ),
  profilesSkippedNotCopied: kind(
    'PROFILES_CORRUPT',
    ['count', 'file'],
    '{count} profile(s) in {file} are invalid and the original could not be copied aside, so changes to profiles cannot be saved until it is fixed.',
    'Fix the entries the details name.'
  ),
  profilesLinked: kind(
    'PROFILES_CORRUPT',
    ['file', 'target'],
    '{file} is a link to {target}; profiles are read from and saved to {target}.'
  ),
  demoSettingsIgnored: kind(
    'PROFILES_CORRUPT',
    ['file'],
    "The Demo cluster's settings in {file} were ignored."
  ),
  usageNotRecorded: kind('as-cause', NONE, 'Could not record when profiles were last used.'),
  // One skipped entry of a profiles file; the field's own problem is the cause.
  profileEntrySkipped: kind('INVALID_INPUT', ['entry'], 'Entry {entry} was skipped.'),
  profileEntrySkippedAt: kind('INVALID_INPUT', ['entry', 'line'], 'Entry {entry} (line {line}) was skipped.'),
  demoIdReserved: kind('INVALID_INPUT', NONE, 'The id "demo" is reserved for the built-in Demo cluster.'),
  profileIdTwice: kind('INVALID_INPUT', ['id'], 'The id "{id}" appears twice.'),
  proxyPasswordsNotMoved: kind(
    'KEYCHAIN_UNAVAILABLE',
    NONE,
    'Proxy passwords found in profiles.json could not be moved to the keychain; they are no longer used from the file.',
    'Enter them again in the profile form.'
  ),

  // NOTICE: what main tells the user on its own at start; the system's own words stay in details.
  dataDirMadePrivate: kind(
    'NOTICE',
    ['dir', 'mode'],
    '{dir} was readable by other users (mode {mode}); it is now private to you (0700).'
  ),
  dataDirNotPrivate: kind(
    'NOTICE',
    ['dir', 'mode'],
    '{dir} is readable by other users (mode {mode}) and could not be made private.',
    'Run: chmod 700 "{dir}"'
  ),
  journalMovedAside: kind(
    'NOTICE',
    ['file', 'aside'],
    'The migration history {file} could not be read; it was moved to {aside}.',
    'Check unfinished migrations in ZStack.'
  ),
  journalRecordsSkipped: kind(
    'NOTICE',
    ['count', 'file', 'aside'],
    '{count} damaged record(s) in {file} were skipped; the original is kept at {aside}.'
  ),
  vmActionsMovedAside: kind(
    'NOTICE',
    ['file', 'aside'],
    'The VM action history {file} could not be read; it was moved to {aside}.'
  ),
  vmActionsReplaced: kind(
    'NOTICE',
    ['file'],
    'The VM action history {file} could not be read; it will be replaced.'
  ),
  batchesMovedAside: kind(
    'NOTICE',
    ['aside'],
    'The batch history could not be read; it was moved to {aside}.'
  ),
  importedAtStart: kind(
    'NOTICE',
    ['file', 'added', 'updated', 'rejected'],
    'Imported {file}: {added} added, {updated} updated, {rejected} rejected.'
  ),
  importAtStartFailed: kind('NOTICE', ['file'], 'Could not import {file}.'),

  // FORBIDDEN
  notOwnWindow: kind('FORBIDDEN', NONE, 'This call did not come from the ZStack Desk window.'),
  webHostGone: kind(
    'NETWORK',
    NONE,
    'The ZStack Desk web host is not answering.',
    'Start it again (npm run web) and reload this page.'
  ),
  webHostRefused: kind(
    'FORBIDDEN',
    NONE,
    'The web host refused this page.',
    'Open the address it printed (each address works for one tab), or reload the tab that opened it.'
  ),

  // ZSTACK: the server's own description and details stay verbatim beside these.
  zstackBadCredentials: kind(
    'ZSTACK',
    ['zstackCode'],
    'The management node refused the sign-in (ZStack {zstackCode}).',
    'Check the account name and password.'
  ),
  zstackPermissionDenied: kind(
    'ZSTACK',
    ['zstackCode'],
    'The management node refused the operation (ZStack {zstackCode}).',
    'This account lacks the permission; sign in with an account that has it, or ask a ZStack administrator.'
  ),
  zstackTimeout: kind(
    'ZSTACK',
    ['zstackCode'],
    'The management node timed out (ZStack {zstackCode}).',
    'It may be busy: try again in a moment, and check the VM’s state before repeating an action.'
  ),
  zstackNotFound: kind(
    'ZSTACK',
    ['zstackCode'],
    'The management node could not find a resource (ZStack {zstackCode}).',
    'The VM or the host no longer exists. Refresh the list, then pick again.'
  ),
  zstackWrongState: kind(
    'ZSTACK',
    ['zstackCode'],
    'The VM is in the wrong state for this operation (ZStack {zstackCode}).',
    'The VM is not in a state that can migrate (it must be Running, Paused or Unknown). Start or resume the VM first, then try again.'
  ),
  zstackInvalidArgument: kind(
    'ZSTACK',
    ['zstackCode'],
    'The management node refused a parameter (ZStack {zstackCode}).',
    'The destination may be the VM’s current host, or this release does not accept the strategy (5.2.1 accepts only auto-converge). Pick another host or the default strategy.'
  ),
  zstackNoHost: kind(
    'ZSTACK',
    ['zstackCode'],
    'No host qualifies for this VM (ZStack {zstackCode}).',
    'The destination host is not available (it must be Enabled and Connected) or has no room for this VM. Pick another host, or free capacity on it.'
  ),
  zstackOperationFailed: kind(
    'ZSTACK',
    ['zstackCode'],
    'ZStack cannot perform the operation on this VM as it is (ZStack {zstackCode}).',
    'An attached ISO, a root volume on local storage with data volumes, or a non-Linux guest prevents live migration. Detach the ISO, or migrate the storage first.'
  ),
  zstackHypervisorFailed: kind(
    'ZSTACK',
    ['zstackCode'],
    'The hypervisor could not migrate the VM (ZStack {zstackCode}).',
    'The VM stays on its source host. Check the network between the two hosts and their libvirt logs, then try again.'
  ),
  zstackHostDisconnected: kind(
    'ZSTACK',
    ['zstackCode'],
    'A host is disconnected from the management node (ZStack {zstackCode}).',
    'Reconnect it in ZStack, or pick another host, and try again.'
  ),
  zstackOther: kind(
    'ZSTACK',
    ['zstackCode'],
    'The management node reported an error (ZStack {zstackCode}).',
    'Read the server’s details; check the VM’s current state before deciding what to do.'
  )
} as const satisfies Record<string, ErrorKindSpec>

export type ErrorKind = keyof typeof ERROR_KINDS
export type ErrorParamName<K extends ErrorKind> = (typeof ERROR_KINDS)[K]['params'][number]
export type ErrorParams<K extends ErrorKind> = { [P in ErrorParamName<K>]: string | number }
export type ErrorParamValues = Readonly<Record<string, string | number>>

/** The kind for a ZStack error code; the first known code in an error's cause chain decides. */
export const ZSTACK_CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  'ID.1000': 'zstackBadCredentials',
  'ID.1002': 'zstackPermissionDenied',
  'SYS.1001': 'zstackTimeout',
  'SYS.1003': 'zstackNotFound',
  'SYS.1006': 'zstackOperationFailed',
  'SYS.1007': 'zstackInvalidArgument',
  'VM.1008': 'zstackWrongState',
  'VM.1010': 'zstackWrongState',
  'HOST_ALLOCATION.1000': 'zstackNoHost',
  'HOST.1009': 'zstackHypervisorFailed',
  'HOST.1010': 'zstackHostDisconnected'
}

/** Fills `{param}` placeholders; a missing parameter stays visible as `{param}` rather than vanishing. */
export function fillParams(template: string, params: ErrorParamValues): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name])
  )
}

/** The English sentence(s) for logs and tests; the renderer phrases errors itself, in the chosen language. */
export function englishMessage(kind: ErrorKind, params: ErrorParamValues, cause?: AppError): string {
  const spec: ErrorKindSpec = ERROR_KINDS[kind]
  const text = fillParams(spec.text, params)
  const because = cause ? ` (${cause.message.replace(/\.$/, '')})` : ''
  return [text.replace(/\.$/, `${because}.`), fillParams(spec.advice, params)].filter(Boolean).join(' ')
}

type ErrorExtra = Omit<AppError, 'code' | 'kind' | 'params' | 'message'>

/** An AppError of `kind`, its code from the table; `cause` (for 'as-cause' kinds) lends its code and stays attached. */
export function appError<K extends ErrorKind>(
  kind: K,
  params: ErrorParams<K>,
  extra: ErrorExtra = {}
): AppError {
  const spec: ErrorKindSpec = ERROR_KINDS[kind]
  const cause = extra.cause
  const code = spec.code === 'as-cause' ? (cause?.code ?? 'INTERNAL') : spec.code
  return { code, kind, params, message: englishMessage(kind, params, cause), ...extra }
}

/** The kind for a ZStack error by its code and its causes' codes, outermost first. */
export function zstackKind(codes: readonly string[]): ErrorKind {
  for (const code of codes) {
    const known = ZSTACK_CODE_KINDS[code]
    if (known) return known
  }
  return 'zstackOther'
}
