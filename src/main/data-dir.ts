import { homedir } from 'node:os'
import { join } from 'node:path'

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
