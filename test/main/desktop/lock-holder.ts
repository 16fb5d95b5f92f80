// Run as a child process: takes the data-folder lock like a web host would, says so, and holds it until killed.
import { acquireDataLock } from '../../../src/main/data-lock'

const dir = process.argv[2]
if (!dir) throw new Error('usage: lock-holder.ts <dataDir>')
acquireDataLock(dir, 'web host')
console.log('held')
setInterval(() => undefined, 60_000)
