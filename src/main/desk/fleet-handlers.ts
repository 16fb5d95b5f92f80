// The fleet: one VM list and one health summary over every signed-in cluster, and forgetting the kept copy.
import type { DeskHandlers } from '../desk-handlers'
import type { DeskContext } from './desk-context'

type FleetHandlers = Pick<DeskHandlers, 'queryFleetVms' | 'getFleetHealth' | 'clearFleetCache'>

export function fleetHandlers(ctx: DeskContext): FleetHandlers {
  return {
    queryFleetVms: (query) => ctx.fleet.query(query),
    getFleetHealth: ({ fresh }) => ctx.fleet.health({ fresh }),
    async clearFleetCache() {
      await ctx.fleet.clear()
      return null
    }
  }
}
