// Starts a separate process that holds a data folder's lock, as a second app would.
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

export async function holdLockInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, 'lock-holder.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  await new Promise<void>((done, fail) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('held')) done()
    })
    child.on('error', fail)
    child.on('exit', (code) => fail(new Error(`lock holder exited early (${code})`)))
  })
  return child
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((done) => child.once('exit', done))
  child.kill('SIGKILL')
  await exited
}
