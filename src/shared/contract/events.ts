// Events main pushes to the renderer; zod-free so the preload can import the names without bundling a schema library.
import type { MigrationBatch } from '../batch-types'
import type { FleetUpdate } from '../fleet-types'
import type { MigrationRecord } from '../migration-types'
import type { ProfileListing, SessionState } from '../profile-types'
import type { AppError } from '../result'
import type { VmActionRecord } from '../vm-action-types'

export const DESK_EVENT_NAMES = [
  'migration:update',
  'batch:update',
  'vm-action:update',
  'session:changed',
  'profiles:changed',
  'fleet:update',
  'notice'
] as const

export type DeskEventName = (typeof DESK_EVENT_NAMES)[number]

export interface DeskEvents extends Record<DeskEventName, unknown> {
  'migration:update': MigrationRecord
  'batch:update': MigrationBatch
  'vm-action:update': VmActionRecord
  'session:changed': SessionState
  'profiles:changed': ProfileListing
  'fleet:update': FleetUpdate
  /** Something main tells the user on its own, as a kind with parameters (its `message` is English for logs). */
  notice: { level: 'info' | 'warning' | 'error'; error: AppError }
}
