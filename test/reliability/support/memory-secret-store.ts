// A keychain stand-in for tests that are not about the keychain: entries in a Map, visible to the test.
import type { SecretStore } from '../../../src/main/secrets/secret-store'

export interface MemorySecretStore extends SecretStore {
  entries: Map<string, string>
}

export function createMemorySecretStore(): MemorySecretStore {
  const entries = new Map<string, string>()
  return {
    entries,
    async get(account) {
      return entries.get(account)
    },
    async set(account, value) {
      entries.set(account, value)
    },
    async delete(account) {
      return entries.delete(account)
    }
  }
}
