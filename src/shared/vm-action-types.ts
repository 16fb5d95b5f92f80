import type { Placement } from './migration-types'
import type { AppError } from './result'

/** The power actions the inspector offers. */
export type VmActionKind = 'start' | 'stop'

/**
 * `unknown`: ZStack Desk stopped before the answer came, so whether the action ran is not known (the VM's state in
 * ZStack says); it is final, never followed or resent.
 */
export type VmActionState = 'submitted' | 'succeeded' | 'failed' | 'unknown'

/** One start or stop, logged by main before it is sent and updated when its job answers. */
export interface VmActionRecord {
  id: string
  action: VmActionKind
  profileId: string
  profileName: string
  vmUuid: string
  vmName: string
  /** The X-Job-UUID sent with the request. */
  jobUuid: string
  state: VmActionState
  createdAt: string
  updatedAt: string
  finishedAt?: string
  /** Where the VM was and its state when the action was asked for. */
  before: Placement
  /** As read when the job answered. */
  after?: Placement
  error?: AppError
}
