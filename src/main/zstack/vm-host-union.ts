// A host's VMs together with the stopped ones it last ran: ZStack ANDs its conditions, so "hostUuid = X, or stopped
// with lastHostUuid = X" is two queries (disjoint: a stopped VM has no hostUuid) merged here into one page.
import type { Page, VmInventory, VmQuery } from '../../shared/api'
import { compareVms, type FleetSort } from '../fleet/fleet-merge'
import type { ResourceQuery } from './client-types'
import { vmQueryToResourceQuery } from './vm-search'

type RunQuery = (query: ResourceQuery) => Promise<Page<VmInventory>>
type HostQuery = Omit<VmQuery, 'profileId'> & { hostUuid: string }

export async function queryVmsWithStoppedOnHost(run: RunQuery, query: HostQuery): Promise<Page<VmInventory>> {
  const { start, limit, sort } = query
  const fields =
    sort && query.fields && !query.fields.includes(sort.field) ? [...query.fields, sort.field] : query.fields
  const onHost = { ...vmQueryToResourceQuery({ ...query, fields }), replyWithCount: true }
  if (query.states?.length && !query.states.includes('Stopped')) return run({ ...onHost, start, limit })
  const base = vmQueryToResourceQuery({ ...query, fields, hostUuid: undefined })
  const stopped: ResourceQuery = {
    ...base,
    replyWithCount: true,
    conditions: [
      ...(base.conditions ?? []),
      { field: 'state', op: '=', value: 'Stopped' },
      { field: 'lastHostUuid', op: '=', value: query.hostUuid },
      { field: 'hostUuid', op: 'is null' }
    ]
  }
  return sort ? sortedUnion(run, onHost, stopped, query, sort) : onHostFirst(run, onHost, stopped, query)
}

/** Unsorted: the host's VMs, then the stopped ones. */
async function onHostFirst(
  run: RunQuery,
  onHost: ResourceQuery,
  stopped: ResourceQuery,
  { start, limit }: HostQuery
): Promise<Page<VmInventory>> {
  const running = await run({ ...onHost, start, limit })
  const onHostTotal = running.total ?? 0
  const left = start + limit - Math.max(start, onHostTotal)
  // With the page full, one row is asked for only to learn how many stopped VMs there are.
  const rest = await run({ ...stopped, start: Math.max(0, start - onHostTotal), limit: Math.max(1, left) })
  return {
    items: [...running.items, ...rest.items.slice(0, Math.max(0, left))],
    total: onHostTotal + (rest.total ?? 0)
  }
}

/**
 * Sorted: the page [start, start + limit) of the merge (ties to the host's VMs). The stopped VMs before the page's end
 * are read whole (a host's are few); the host's VMs only from `start - m` (m stopped VMs read), enough to place
 * every row of the page exactly: a row that cannot be placed exactly lies before or after the page.
 */
async function sortedUnion(
  run: RunQuery,
  onHost: ResourceQuery,
  stopped: ResourceQuery,
  { start, limit }: HostQuery,
  sort: FleetSort
): Promise<Page<VmInventory>> {
  const rest = await run({ ...stopped, start: 0, limit: start + limit })
  const m = rest.items.length
  const from = Math.max(0, start - m)
  const running = await run({ ...onHost, start: from, limit: limit + m })
  const placed: { at: number; vm: VmInventory }[] = []
  running.items.forEach((vm, i) => {
    const stoppedBefore = rest.items.filter((other) => compareVms(other, vm, sort) < 0).length
    placed.push({ at: from + i + stoppedBefore, vm })
  })
  const first = running.items[0]
  rest.items.forEach((vm, j) => {
    // Before the first host VM read: it lies before the page (only possible when that VM is not the host's first).
    if (from > 0 && first && compareVms(vm, first, sort) < 0) return
    const hostBefore = running.items.filter((other) => compareVms(other, vm, sort) <= 0).length
    placed.push({ at: j + from + hostBefore, vm })
  })
  const items = placed
    .filter(({ at }) => at >= start && at < start + limit)
    .sort((a, b) => a.at - b.at)
    .map(({ vm }) => vm)
  return { items, total: (running.total ?? 0) + (rest.total ?? 0) }
}
