// GET /v1/api-jobs/{uuid}: the poll every asynchronous call ends in.
import { pathParam, type ApiRequest } from './api-request'
import { errorReply, jsonReply, textReply, type Reply } from './http-reply'
import { inventorySchema, SHAPES } from './reply-schema'
import type { SimContext } from './sim-context'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Like RestServer's handleJobQuery: answered before any session check, and renewing none. */
export function pollJob(ctx: SimContext, request: ApiRequest): Reply {
  const view = ctx.jobs.view(pathParam(request, 'uuid'), ctx.options.jobRetentionMs)
  switch (view.state) {
    case 'expired':
      return textReply(404, 'the job has been expired')
    case 'running':
      return jsonReply(202, {})
    case 'finished': {
      if (!view.outcome.ok) return errorReply(view.outcome.error)
      // Every job here is a VM or host action, whose result is `{"inventory": <VM or host>}`.
      const { inventory } = view.outcome.result
      const shape = view.outcome.shape === 'host' ? SHAPES.host : SHAPES.vm
      return jsonReply(
        200,
        view.outcome.result,
        isRecord(inventory) ? inventorySchema('inventory', inventory, shape) : undefined
      )
    }
  }
}
