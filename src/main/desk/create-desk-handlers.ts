// Every DeskApi method, assembled from the handler groups.
import type { DeskHandlers } from '../desk-handlers'
import { appHandlers } from './app-handlers'
import { batchHandlers } from './batch-handlers'
import type { DeskContext } from './desk-context'
import { metricsHandlers } from './metrics-handlers'
import { fleetHandlers } from './fleet-handlers'
import { migrationHandlers } from './migration-handlers'
import { profileHandlers } from './profile-handlers'
import { sessionHandlers } from './session-handlers'
import { vmHandlers } from './vm-handlers'
import { createVmZones } from './vm-zones'

export function createDeskHandlers(ctx: DeskContext): DeskHandlers {
  // What the VM table showed tells the migration plan which zone's hosts to ask for.
  const vmZones = createVmZones()
  return {
    ...appHandlers(ctx),
    ...profileHandlers(ctx),
    ...sessionHandlers(ctx),
    ...vmHandlers(ctx, vmZones),
    ...migrationHandlers(ctx, vmZones),
    ...metricsHandlers(ctx),
    ...fleetHandlers(ctx),
    ...batchHandlers(ctx)
  }
}
