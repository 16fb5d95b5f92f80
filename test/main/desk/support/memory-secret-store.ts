// An in-process keychain for tests that are about sessions, not about the OS keychain (that one is tested for real).
import type { SecretStore } from '../../../../src/main/secrets/secret-store'

export interface MemorySecretStore extends SecretStore {
  entries: Map<string, string>
}

export function createMemorySecretStore(): MemorySecretStore {
  const entries = new Map<string, string>()
  return {
    entries,
    get: async (account) => entries.get(account),
    set: async (account, value) => {
      entries.set(account, value)
    },
    delete: async (account) => entries.delete(account)
  }
}

/** A keychain that fails like keytar does when no Secret Service is running. */
export function createBrokenSecretStore(): SecretStore & { calls: number } {
  const store = {
    calls: 0,
    async get(): Promise<string | undefined> {
      store.calls++
      throw new Error('The name org.freedesktop.secrets was not provided by any .service files')
    },
    async set(): Promise<void> {
      store.calls++
      throw new Error('The name org.freedesktop.secrets was not provided by any .service files')
    },
    async delete(): Promise<boolean> {
      store.calls++
      throw new Error('The name org.freedesktop.secrets was not provided by any .service files')
    }
  }
  return store
}
