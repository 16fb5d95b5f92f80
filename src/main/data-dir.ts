import { chmod, mkdir, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { appError } from '../shared/error-kinds'
import type { AppError } from '../shared/result'

/** The app's data folder, the same for Electron and the web host; ZSTACK_DESK_HOME overrides it (portable use, tests). */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  if (env.ZSTACK_DESK_HOME) return env.ZSTACK_DESK_HOME
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ZStack Desk')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ZStack Desk')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'zstack-desk')
}

/**
 * Creates the data folder and its logs/ for this user only (0700), and tightens them if others can read them.
 * Returns a notice for each folder it tightened or could not; Windows uses ACLs and is left alone.
 */
export async function secureDataDir(
  dataDir: string,
  platform: NodeJS.Platform = process.platform
): Promise<AppError[]> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  if (platform === 'win32') return []
  const notices: AppError[] = []
  for (const dir of [dataDir, join(dataDir, 'logs')]) {
    const mode = await stat(dir).then(
      (s) => s.mode & 0o777,
      () => undefined
    )
    if (mode === undefined || (mode & 0o077) === 0) continue
    const params = { dir, mode: mode.toString(8).padStart(4, '0') }
    try {
      await chmod(dir, 0o700)
      notices.push(appError('dataDirMadePrivate', params))
    } catch (error) {
      const details = error instanceof Error ? error.message : String(error)
      notices.push(appError('dataDirNotPrivate', params, { details }))
    }
  }
  return notices
}
