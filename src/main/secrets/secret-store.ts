// Where session ids (and remembered passwords) live: the OS keychain, behind the smallest useful interface.
import { z } from 'zod'

/** Service name under which every entry is kept; the account is the profile id. */
export const KEYCHAIN_SERVICE = 'ZStack Desk'

/** A keychain: each call may throw when no keychain is reachable (no Secret Service, locked, denied). */
export interface SecretStore {
  get(account: string): Promise<string | undefined>
  set(account: string, value: string): Promise<void>
  delete(account: string): Promise<boolean>
}

/** What one profile's keychain entry holds, as JSON. */
export const storedSessionSchema = z.object({
  sessionUuid: z.string().regex(/^[0-9a-fA-F]{32}$/),
  expiresAt: z.string().optional(),
  /** Only when the user ticked "remember password": allows one silent re-login per failed call. */
  password: z.string().min(1).optional(),
  accountName: z.string().min(1).optional(),
  /** The node's UTC offset learnt at sign-in, so a restart keeps showing dates in the right zone. */
  nodeUtcOffsetMinutes: z.number().int().min(-900).max(900).optional()
})

export type StoredSession = z.infer<typeof storedSessionSchema>

/** Parses an entry; a damaged entry reads as none, so the user simply signs in again. */
export function parseStoredSession(text: string | undefined): StoredSession | undefined {
  if (text === undefined) return undefined
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
