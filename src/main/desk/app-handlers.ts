import type { DeskHandlers } from '../desk-handlers'
import type { DeskContext } from './desk-context'

export function appHandlers(ctx: DeskContext): Pick<DeskHandlers, 'getAppInfo'> {
  return {
    getAppInfo: async () => ({ ...ctx.app, platform: process.platform })
  }
}
