// Runs a command inside a private D-Bus session with an unlocked gnome-keyring: a real Secret Service for the
// keychain tests, in a throw-away XDG folder so the user's own keyring and home are never touched.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const command = process.argv.slice(2)
if (command.length === 0) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args...]')
  process.exit(2)
}

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0
const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !has(tool))
if (missing.length > 0) {
  console.error(
    `with-keyring: ${missing.join(', ')} not found. The keychain tests need a real Secret Service: ` +
      'apt-get install -y gnome-keyring dbus-x11'
  )
  process.exit(1)
}

const home = mkdtempSync(join(tmpdir(), 'zstack-desk-keyring-'))
const runtimeDir = join(home, 'run')
mkdirSync(runtimeDir, { mode: 0o700 })
mkdirSync(join(home, 'data'))
const env = {
  ...process.env,
  XDG_DATA_HOME: join(home, 'data'),
  XDG_RUNTIME_DIR: runtimeDir,
  DESK_SECRET_SERVICE: '1'
}
const script =
  'eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"; ' +
  'export GNOME_KEYRING_CONTROL; exec "$@"'
const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], {
  stdio: 'inherit',
  env
})
rmSync(home, { recursive: true, force: true })
process.exit(result.status ?? 1)
