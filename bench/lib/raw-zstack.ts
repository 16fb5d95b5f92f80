// The baseline's side of ZStack: plain fetch, a session of our own, no validation or mapping.
import { createHash } from 'node:crypto'

export interface RawSession {
  baseUrl: string
  sessionUuid: string
  get(pathAndQuery: string): Promise<unknown>
}

export async function rawLogin(
  baseUrl: string,
  accountName = 'admin',
  password = 'password'
): Promise<RawSession> {
  const root = baseUrl.replace(/\/+$/, '')
  const response = await fetch(`${root}/zstack/v1/accounts/login`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      logInByAccount: { accountName, password: createHash('sha512').update(password).digest('hex') }
    })
  })
  if (response.status !== 200)
    throw new Error(`baseline login failed: HTTP ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { inventory: { uuid: string } }
  const sessionUuid = body.inventory.uuid
  return {
    baseUrl: root,
    sessionUuid,
    async get(pathAndQuery) {
      const res = await fetch(`${root}${pathAndQuery}`, {
        headers: { Authorization: `OAuth ${sessionUuid}` }
      })
      if (res.status !== 200)
        throw new Error(`baseline GET ${pathAndQuery}: HTTP ${res.status} ${await res.text()}`)
      return res.json()
    }
  }
}
