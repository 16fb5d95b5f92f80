// Proxy passwords: in the keychain next to the session, one entry per profile under its own account key.
import type { ClusterProfile, ProfileListing } from '../../shared/profile-types'
import { proxyHasUser } from '../profiles/profile-schema'
import type { SecretStore } from './secret-store'

export interface ProxySecrets {
  get(profileId: string): Promise<string | undefined>
  set(profileId: string, password: string): Promise<void>
  delete(profileId: string): Promise<void>
  /** The listing with `proxyPasswordStored` filled in for profiles whose proxy names a user. */
  describe(listing: ProfileListing): Promise<ProfileListing>
  describeProfile(profile: ClusterProfile): Promise<ClusterProfile>
}

/** The keychain account of a profile's proxy password; the session's account is the bare profile id. */
export function proxyAccount(profileId: string): string {
  return `proxy:${profileId}`
}

export function createProxySecrets(store: SecretStore): ProxySecrets {
  const get = async (profileId: string): Promise<string | undefined> => {
    const value = await store.get(proxyAccount(profileId))
    return value || undefined
  }
  const describeProfile = async (profile: ClusterProfile): Promise<ClusterProfile> => {
    if (!proxyHasUser(profile.proxyUrl)) return profile
    // An unreachable keychain reads as "not stored": the form then asks for the password.
    const stored = await get(profile.id).then(
      (value) => value !== undefined,
      () => false
    )
    return { ...profile, proxyPasswordStored: stored }
  }
  return {
    get,
    set: (profileId, password) => store.set(proxyAccount(profileId), password),
    async delete(profileId) {
      await store.delete(proxyAccount(profileId))
    },
    describeProfile,
    async describe(listing) {
      return { ...listing, profiles: await Promise.all(listing.profiles.map(describeProfile)) }
    }
  }
}
