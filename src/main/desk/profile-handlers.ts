// Cluster profiles: list, save, delete, import, export, test.
import type { DeskHandlers } from '../desk-handlers'
import { deskError } from '../desk-error'
import { isDemoProfileId } from '../profiles/demo-profile'
import { testConnection } from './connection-test'
import type { DeskContext } from './desk-context'
import type { ClusterProfile } from '../../shared/profile-types'
import { checkCaPem } from '../profiles/ca-pem'
import { proxyHasUser, proxyPasswordIn } from '../profiles/profile-schema'

/** A typed proxy password goes to the keychain; a proxy without a user (or none) leaves no password behind. */
async function keepProxyPassword(
  ctx: DeskContext,
  saved: ClusterProfile,
  typed: string | undefined
): Promise<void> {
  if (!proxyHasUser(saved.proxyUrl)) {
    // Best effort: a profile without a proxy user must save even where no keychain is reachable.
    await ctx.proxySecrets.delete(saved.id).catch(() => undefined)
    return
  }
  if (typed === undefined) return
  try {
    await ctx.proxySecrets.set(saved.id, typed)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw deskError('proxyPasswordNotKept', { name: saved.name }, { details: why.slice(0, 200) })
  }
}

type ProfileHandlers = Pick<
  DeskHandlers,
  | 'listProfiles'
  | 'saveProfile'
  | 'deleteProfile'
  | 'importProfiles'
  | 'exportProfiles'
  | 'testConnection'
  | 'arrangeProfiles'
  | 'setDemoHidden'
>

export function profileHandlers(ctx: DeskContext): ProfileHandlers {
  return {
    listProfiles: () => ctx.proxySecrets.describe(ctx.profiles.listing()),

    async saveProfile({ proxyPassword, ...input }) {
      checkCaPem(input.tls.caPem)
      const typed = proxyPassword ?? proxyPasswordIn(input.proxyUrl)
      const saved = await ctx.profiles.save(input)
      await keepProxyPassword(ctx, saved, typed)
      return ctx.proxySecrets.describeProfile(saved)
    },

    async deleteProfile({ profileId }) {
      ctx.profiles.require(profileId)
      if (isDemoProfileId(profileId)) {
        throw deskError('demoBuiltIn', {})
      }
      // Signed out on the server and forgotten in the keychain before the profile goes.
      await ctx.sessions.forget(profileId)
      ctx.fleet.forget(profileId)
      await ctx.proxySecrets.delete(profileId).catch(() => undefined)
      await ctx.profiles.remove(profileId)
      ctx.topology.invalidate(profileId)
      return null
    },

    async importProfiles({ content, fileName }) {
      const report = await ctx.profiles.importFile(content, fileName)
      for (const entry of report.entries) {
        if (!entry.needsProxyPassword || !entry.profileId) continue
        // An entry updating a profile whose proxy password is already in the keychain needs nothing.
        const stored = await ctx.proxySecrets.get(entry.profileId).catch(() => undefined)
        if (stored) delete entry.needsProxyPassword
      }
      return report
    },

    arrangeProfiles: async ({ profileIds }) =>
      ctx.proxySecrets.describe(await ctx.profiles.arrange(profileIds)),

    setDemoHidden: async ({ hidden }) => ctx.proxySecrets.describe(await ctx.profiles.setDemoHidden(hidden)),

    exportProfiles: async ({ profileIds, format }) => ctx.profiles.exportFile(profileIds, format),

    testConnection: ({ profile: { proxyPassword, ...profile } }) => {
      checkCaPem(profile.tls.caPem)
      const typed = proxyPassword ?? proxyPasswordIn(profile.proxyUrl)
      return testConnection(profile, ctx.createClient, typed === undefined ? undefined : async () => typed)
    }
  }
}
