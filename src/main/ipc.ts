// One wrapper registers every DeskApi method on IPC: foreign senders are dropped, arguments validated by the guard.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { DESK_API_METHODS, type Result } from '../shared/api'
import { appError } from '../shared/error-kinds'
import type { GuardedApi } from './api-guard'
import { originOf } from './desktop/origin'

import { IPC_CHANNEL_PREFIX } from '../shared/ipc-channels'

export { IPC_CHANNEL_PREFIX, IPC_EVENT_CHANNEL } from '../shared/ipc-channels'

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

export function registerDeskIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  guarded: GuardedApi,
  isTrusted: SenderCheck
): void {
  for (const method of DESK_API_METHODS) {
    ipcMain.handle(
      IPC_CHANNEL_PREFIX + method,
      async (event, ...args: unknown[]): Promise<Result<unknown>> => {
        if (!isTrusted(event)) {
          return {
            ok: false,
            error: appError('notOwnWindow', {})
          }
        }
        // The bridge sends at most one argument; a second one is a sign of tampering.
        if (args.length > 1) {
          return {
            ok: false,
            error: appError('tooManyArguments', {})
          }
        }
        return guarded.call(method, args[0])
      }
    )
  }
}

/** Trusted means: our window's top frame, showing a page of our own origin (app://desk, or the dev server). */
export function trustOnly(
  getWindowContentsId: () => number | undefined,
  isOwnOrigin: (origin: string) => boolean
): SenderCheck {
  return (event) => {
    const id = getWindowContentsId()
    const frame = event.senderFrame
    const origin = frame ? originOf(frame.url) : undefined
    return (
      id !== undefined &&
      event.sender.id === id &&
      frame !== null &&
      frame.parent === null &&
      origin !== undefined &&
      isOwnOrigin(origin)
    )
  }
}
