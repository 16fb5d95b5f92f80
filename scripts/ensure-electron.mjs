// Before `npm start` / `npm run dev`: Electron (42+) fetches its binary on demand, so install it here, and when the
// download cannot happen say so in one plain paragraph instead of electron-vite's "Electron uninstall" stack trace.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { platform, arch } from 'node:process'

const require = createRequire(import.meta.url)
const installer = require.resolve('electron/install.js')
const { version } = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'))
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'

/** The installer's own error line ("TypeError: fetch failed"), without its stack. */
function reasonOf(stderr) {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at '))
  return lines.findLast((line) => /error\b/i.test(line)) ?? lines.at(-1) ?? 'no output'
}

function wrap(text, width = 100) {
  const lines = ['']
  for (const word of text.split(' ')) {
    const last = lines.length - 1
    if (lines[last] && lines[last].length + word.length + 1 > width) lines.push(word)
    else lines[last] = lines[last] ? `${lines[last]} ${word}` : word
  }
  return lines.join('\n')
}

function failureParagraph(reason, env) {
  const mirror = env.ELECTRON_MIRROR || DEFAULT_MIRROR
  const folder = env.ELECTRON_CUSTOM_DIR || `v${version}`
  const file = `electron-v${version}-${platform}-${arch}.zip`
  const [major, minor] = process.versions.node.split('.').map(Number)
  const oldNode =
    major < 22 || (major === 22 && minor < 12)
      ? ` Electron ${version}'s installer is meant for Node.js 22.12 or newer; this is Node.js ${process.versions.node}.`
      : ''
  return wrap(
    `ZStack Desk cannot open its window: Electron ${version}'s program is not installed and downloading it ` +
      `from ${mirror}${folder}/${file} failed (${reason}).${oldNode} On a network without access to GitHub, ` +
      `point Electron at an internal mirror and run the command again, e.g. ` +
      `ELECTRON_MIRROR=https://mirror.example.com/electron/ npm start (ELECTRON_CUSTOM_DIR names the folder ` +
      `inside the mirror when it is not "v${version}"). Without Electron, \`npm run web\` serves the same app ` +
      `in a browser on this machine.`
  )
}

const electronDir = dirname(installer)
if (!existsSync(join(electronDir, 'path.txt')) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log(`Downloading Electron ${version} (once, about 100 MB)...`)
}
const child = spawn(process.execPath, [installer], {
  stdio: ['ignore', 'ignore', 'pipe'],
  env: { ELECTRON_GET_NO_PROGRESS: '1', ...process.env }
})
let stderr = ''
child.stderr.setEncoding('utf8')
child.stderr.on('data', (chunk) => (stderr += chunk))
child.on('error', (error) => {
  console.error(failureParagraph(error.message, process.env))
  process.exitCode = 1
})
child.on('close', (code, signal) => {
  if (code === 0) return
  const reason = signal ? `the installer was stopped by ${signal}` : reasonOf(stderr)
  console.error(failureParagraph(reason, process.env))
  process.exitCode = 1
})
