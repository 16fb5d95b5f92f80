// Cluster profiles: list, save, delete, import, export, test.
import type { DeskHandlers } from '../desk-handlers'
import { deskError } from '../desk-error'
import { isDemoProfileId } from '../profiles/demo-profile'
import { testConnection } from './connection-test'
import type { DeskContext } from './desk-context'

type ProfileHandlers = Pick<
  DeskHandlers,
  'listProfiles' | 'saveProfile' | 'deleteProfile' | 'importProfiles' | 'exportProfiles' | 'testConnection'
>

export function profileHandlers(ctx: DeskContext): ProfileHandlers {
  return {
    listProfiles: async () => ctx.profiles.listing(),

    saveProfile: (input) => ctx.profiles.save(input),

    async deleteProfile({ profileId }) {
      ctx.profiles.require(profileId)
      if (isDemoProfileId(profileId)) {
        throw deskError('INVALID_INPUT', 'The Demo cluster is built in: it cannot be edited or deleted.')
      }
      // Signed out on the server and forgotten in the keychain before the profile goes.
      await ctx.sessions.forget(profileId)
      ctx.fleet.forget(profileId)
      await ctx.profiles.remove(profileId)
      ctx.topology.invalidate(profileId)
      return null
    },

    importProfiles: ({ content, fileName }) => ctx.profiles.importFile(content, fileName),

    exportProfiles: async ({ profileIds, format }) => ctx.profiles.exportFile(profileIds, format),

    testConnection: ({ profile }) => testConnection(profile, ctx.createClient)
  }
}
