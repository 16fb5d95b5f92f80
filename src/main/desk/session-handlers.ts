// Sign in, sign out, and who is signed in where.
import type { DeskHandlers } from '../desk-handlers'
import { useProfile, type DeskContext } from './desk-context'

export function sessionHandlers(ctx: DeskContext): Pick<DeskHandlers, 'getSessions' | 'signIn' | 'signOut'> {
  return {
    getSessions: () => ctx.sessions.list(ctx.profiles.listing().profiles.map((p) => p.id)),

    async signIn({ profileId, accountName, password, rememberPassword }) {
      useProfile(ctx, profileId)
      return ctx.sessions.signIn(profileId, accountName, password, rememberPassword)
    },

    async signOut({ profileId }) {
      useProfile(ctx, profileId)
      const state = await ctx.sessions.signOut(profileId)
      ctx.topology.invalidate(profileId)
      return state
    }
  }
}
