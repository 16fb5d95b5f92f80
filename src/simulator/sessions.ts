// Login sessions with ZStack's sliding timeout: every authenticated call pushes the expiry forward.
import { createHash, randomUUID } from 'node:crypto'
import { formatGsonDate } from './gson-date'
import { ADMIN_ACCOUNT_UUID } from './world-blueprint'

export interface SessionInventory {
  uuid: string
  accountUuid: string
  userUuid: string
  userType: string
  expiredDate: string
  createDate: string
}

interface Session {
  uuid: string
  accountUuid: string
  createdAt: number
  expiresAt: number
}

export const sha512Hex = (text: string): string => createHash('sha512').update(text).digest('hex')

export class SessionStore {
  private readonly sessions = new Map<string, Session>()
  private readonly passwordHashes: Map<string, string>

  constructor(
    accounts: Record<string, string>,
    private readonly timeoutMs: () => number,
    private readonly timeZone = 'UTC',
    // Date.now looked up on each call, so a test that fakes the clock (vi.setSystemTime) moves expiry too.
    private readonly now: () => number = () => Date.now()
  ) {
    this.passwordHashes = new Map(
      Object.entries(accounts).map(([name, password]) => [name, sha512Hex(password)])
    )
  }

  /** The server compares the client's SHA-512 hex with its own, as strings. */
  logIn(accountName: string, passwordHash: string): SessionInventory | undefined {
    if (this.passwordHashes.get(accountName) !== passwordHash) return undefined
    const at = this.now()
    const session: Session = {
      uuid: randomUUID().replace(/-/g, ''),
      accountUuid:
        accountName === 'admin' ? ADMIN_ACCOUNT_UUID : sha512Hex(`account:${accountName}`).slice(0, 32),
      createdAt: at,
      expiresAt: at + this.timeoutMs()
    }
    this.sessions.set(session.uuid, session)
    return this.inventory(session)
  }

  logOut(uuid: string): void {
    this.sessions.delete(uuid)
  }

  isValid(uuid: string): boolean {
    return this.live(uuid) !== undefined
  }

  /** Checks a session and, when valid, slides its expiry. */
  touch(uuid: string): boolean {
    const session = this.live(uuid)
    if (!session) return false
    session.expiresAt = Math.max(session.expiresAt, this.now() + this.timeoutMs())
    return true
  }

  renew(uuid: string, durationSec: number): SessionInventory | undefined {
    const session = this.live(uuid)
    if (!session) return undefined
    session.expiresAt = this.now() + durationSec * 1000
    return this.inventory(session)
  }

  expireAll(): void {
    this.sessions.clear()
  }

  private live(uuid: string): Session | undefined {
    const session = this.sessions.get(uuid)
    if (!session) return undefined
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(uuid)
      return undefined
    }
    return session
  }

  private inventory(session: Session): SessionInventory {
    return {
      uuid: session.uuid,
      accountUuid: session.accountUuid,
      userUuid: session.accountUuid,
      // An account's own session: the IAM2 virtual-ID sessions of commercial editions name another type.
      userType: 'AccountVO',
      expiredDate: formatGsonDate(session.expiresAt, this.timeZone),
      createDate: formatGsonDate(session.createdAt, this.timeZone)
    }
  }
}
