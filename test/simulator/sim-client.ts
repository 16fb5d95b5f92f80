// A bare fetch client for the simulator tests: real HTTP, no app code, bodies sniffed rather than trusted.
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { HostInventory, PrimaryStorageInventory, VmInventory } from '../../src/simulator'

export const sha512 = (text: string): string => createHash('sha512').update(text).digest('hex')

export interface ZStackErrorJson {
  code: string
  description: string
  details: string
  cause?: ZStackErrorJson
}

export interface HttpResult {
  status: number
  text: string
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown
  headers: Headers
}

export interface CallOptions {
  session?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.session !== undefined) headers.Authorization = `OAuth ${options.session}`
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  const response = await fetch(base + path, { method, headers, body })
  const text = await response.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, text, json, headers: response.headers }
}

export async function logIn(base: string, accountName = 'admin', password = 'password'): Promise<string> {
  const result = await call(base, 'PUT', '/zstack/v1/accounts/login', {
    body: { logInByAccount: { accountName, password: sha512(password) } }
  })
  if (result.status !== 200) throw new Error(`login failed: ${result.status} ${result.text}`)
  return (result.json as { inventory: { uuid: string } }).inventory.uuid
}

export function errorOf(result: HttpResult): ZStackErrorJson {
  const error = (result.json as { error?: ZStackErrorJson } | undefined)?.error
  if (!error)
    throw new Error(`expected a ZStack error body, got ${result.status} ${result.text.slice(0, 200)}`)
  return error
}

export async function query<T>(base: string, session: string, path: string): Promise<T[]> {
  const result = await call(base, 'GET', path, { session })
  if (result.status !== 200)
    throw new Error(`query ${path} failed: ${result.status} ${result.text.slice(0, 200)}`)
  return (result.json as { inventories: T[] }).inventories
}

export const allVms = (base: string, session: string): Promise<VmInventory[]> =>
  query<VmInventory>(base, session, '/zstack/v1/vm-instances?limit=100000')

export const allHosts = (base: string, session: string): Promise<HostInventory[]> =>
  query<HostInventory>(base, session, '/zstack/v1/hosts?limit=100000')

/** The primary storages by uuid. */
export const storageByUuid = async (
  base: string,
  session: string
): Promise<Map<string, PrimaryStorageInventory>> =>
  new Map(
    (await query<PrimaryStorageInventory>(base, session, '/zstack/v1/primary-storage')).map((ps) => [
      ps.uuid,
      ps
    ])
  )

/** The primary storage a VM's root volume is on. */
export const rootStorageOf = (
  storage: Map<string, PrimaryStorageInventory>,
  vm: VmInventory
): PrimaryStorageInventory =>
  storage.get(vm.allVolumes.find((volume) => volume.type === 'Root')!.primaryStorageUuid)!

/** PUTs an action on a VM and returns the raw reply (202 with a location when accepted). */
export function vmAction(
  base: string,
  session: string,
  vmUuid: string,
  body: unknown,
  headers?: Record<string, string>
): Promise<HttpResult> {
  return call(base, 'PUT', `/zstack/v1/vm-instances/${vmUuid}/actions`, { session, body, headers })
}

export function jobPathOf(result: HttpResult): string {
  const location = (result.json as { location?: string } | undefined)?.location
  if (!location) throw new Error(`expected a 202 with a location, got ${result.status} ${result.text}`)
  return new URL(location).pathname
}

/** Polls a job until it stops answering 202; fails the test when it takes longer than `timeoutMs`. */
export async function waitForJob(
  base: string,
  session: string,
  jobPath: string,
  timeoutMs = 5000
): Promise<HttpResult> {
  // performance.now(), not Date: some tests move the simulator's Date clock by hand.
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const result = await call(base, 'GET', jobPath, { session })
    if (result.status !== 202) return result
    if (performance.now() > deadline) throw new Error(`job ${jobPath} still running after ${timeoutMs} ms`)
    await sleep(25)
  }
}

/** Submits a migration and waits for its end. */
export async function migrate(
  base: string,
  session: string,
  vmUuid: string,
  params: Record<string, unknown>
): Promise<HttpResult> {
  const accepted = await vmAction(base, session, vmUuid, { migrateVm: params })
  if (accepted.status !== 202) throw new Error(`migrateVm not accepted: ${accepted.status} ${accepted.text}`)
  return waitForJob(base, session, jobPathOf(accepted))
}

/** An in-process inventory as the node writes it on the wire: Gson leaves out every null. */
export const asWire = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item === null ? undefined : item))) as T

export const GB = 1024 ** 3
