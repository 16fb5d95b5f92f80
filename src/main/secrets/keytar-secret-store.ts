// The real keychain: macOS Keychain, Windows Credential Manager, or a Secret Service on Linux, through keytar.
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store'

type Keytar = typeof import('keytar')

/** Loads keytar on first use, so a missing native module shows up as an unavailable keychain, not a crash. */
export function createKeytarSecretStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  let loading: Promise<Keytar> | undefined
  const keytar = (): Promise<Keytar> => {
    loading ??= import('keytar').then((m) => ('default' in m ? (m.default as Keytar) : m))
    return loading
  }
  return {
    async get(account) {
      return (await (await keytar()).getPassword(service, account)) ?? undefined
    },
    async set(account, value) {
      await (await keytar()).setPassword(service, account, value)
    },
    async delete(account) {
      return (await keytar()).deletePassword(service, account)
    }
  }
}
