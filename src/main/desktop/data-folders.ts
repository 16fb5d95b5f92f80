// The data folder becomes Electron's userData; Chromium's own files (Local Storage, caches) go to a subfolder of it.
import { app } from 'electron'
import { join } from 'node:path'
import { resolveDataDir } from '../data-dir'

export const CHROMIUM_FOLDER = 'chromium'

/** Must run before the single-instance lock, which lives in userData: ZSTACK_DESK_HOME then means another instance. */
export function setupDataFolders(): string {
  const dataDir = resolveDataDir()
  app.setPath('userData', dataDir)
  app.setPath('sessionData', join(dataDir, CHROMIUM_FOLDER))
  return dataDir
}
