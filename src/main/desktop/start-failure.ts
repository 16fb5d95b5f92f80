// A start that fails says why in a native box and exits, instead of leaving a windowless process holding the lock.
import { app, dialog } from 'electron'
import { DataFolderBusyError } from '../data-lock'
import type { ShellMessages } from './shell-messages'

export function failStart(error: unknown, messages: ShellMessages, cleanUp: () => void): void {
  const reason = error instanceof Error ? error.message : String(error)
  console.error(`ZStack Desk could not start: ${reason}`)
  const shown =
    error instanceof DataFolderBusyError
      ? messages.folderBusy(error.owner.holder, error.owner.pid, error.dataDir)
      : reason
  try {
    cleanUp()
  } finally {
    dialog.showErrorBox(messages.startFailedTitle, shown)
    app.exit(1)
  }
}
