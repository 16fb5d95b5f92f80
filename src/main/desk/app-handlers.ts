import type { DeskHandlers } from '../desk-handlers'
import type { DeskContext } from './desk-context'

export function appHandlers(ctx: DeskContext): Pick<DeskHandlers, 'getAppInfo' | 'ping'> {
  return {
    getAppInfo: async () => ({ ...ctx.app, platform: process.platform }),
    ping: async () => 'pong'
  }
}
