/** Tag colour of a migration's state. */
export const MIGRATION_STATE_TYPES: Record<string, 'default' | 'info' | 'success' | 'error'> = {
  pending: 'default',
  submitted: 'info',
  running: 'info',
  canceling: 'info',
  succeeded: 'success',
  failed: 'error',
  canceled: 'default'
}
