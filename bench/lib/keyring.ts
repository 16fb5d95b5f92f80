// Benchmarks run the app as users do, with a real keychain: re-run this process inside scripts/with-keyring.mjs.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

/** Returns an exit code when the benchmarks ran in a child with a keyring, or undefined to run here. */
export function rerunWithKeyring(script: string, args: string[]): number | undefined {
  if (process.env.DESK_SECRET_SERVICE === '1' || process.env.BENCH_NO_KEYRING === '1') return undefined
  const result = spawnSync(
    process.execPath,
    [resolve('scripts/with-keyring.mjs'), process.execPath, '--import', 'tsx', script, ...args],
    { stdio: 'inherit' }
  )
  return result.status ?? 1
}
