// The index a database keeps on vmNics.ip: an IP prefix search reads the matching VMs, not every VM's NICs.
import type { ConditionText } from './query-engine'
import { likePrefix } from './like-pattern'
import { nicIpsOf } from './vm-details'
import type { VmRecord, World } from './world'

interface Entry {
  ip: string
  position: number
}

/**
 * `lookup` for the VM resource: VMs whose NIC IP can meet a `vmNics.ip` `=` or `~=` condition, in world order;
 * exact for a LIKE of digits and dots with one trailing `%` (IPs hold no letters, so case cannot differ).
 */
export function createNicIpIndex(
  world: World
): (condition: ConditionText) => { rows: readonly VmRecord[]; exact: boolean } | undefined {
  let sorted: Entry[] | undefined
  // A VM's NICs are fixed when the world is built, so the index is built once, on the first IP search.
  const entries = (): Entry[] =>
    (sorted ??= world.vms
      .flatMap((vm, position) => nicIpsOf(world, vm).map((ip) => ({ ip: ip.toLowerCase(), position })))
      .sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.position - b.position)))

  return ({ path, op, value }) => {
    if (path !== 'vmNics.ip' || (op !== '=' && op !== '~=')) return undefined
    const prefix = op === '=' ? value.toLowerCase() : likePrefix(value)
    if (prefix === '') return undefined
    const exact = op === '~=' && /^[0-9.]+%$/.test(value)
    const all = entries()
    let lo = 0
    let hi = all.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((all[mid] as Entry).ip < prefix) lo = mid + 1
      else hi = mid
    }
    const positions = new Set<number>()
    for (let i = lo; i < all.length && (all[i] as Entry).ip.startsWith(prefix); i++)
      positions.add((all[i] as Entry).position)
    const rows = [...positions].sort((a, b) => a - b).map((position) => world.vms[position] as VmRecord)
    return { rows, exact }
  }
}
