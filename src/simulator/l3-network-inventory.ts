// An L3 network as `GET /v1/l3-networks` answers it (L3NetworkInventory), with its one IPv4 range.
import type { L3Network, World } from './world'

/** The NICs' used IPs name this range (vm-details.ts): the same uuid here. */
export const ipRangeUuidOf = (l3: L3Network): string => `1d${l3.uuid.slice(2)}`
/** The simulator has no L2 networks to list; each L3 still names one, as on a real node. */
const l2NetworkUuidOf = (l3: L3Network): string => `12${l3.uuid.slice(2)}`

export function l3NetworkInventory(world: World, l3: L3Network): Record<string, unknown> {
  const createDate = world.zoneByUuid.get(l3.zoneUuid)?.createDate ?? ''
  return {
    uuid: l3.uuid,
    name: l3.name,
    description: '',
    type: 'L3BasicNetwork',
    zoneUuid: l3.zoneUuid,
    l2NetworkUuid: l2NetworkUuidOf(l3),
    state: 'Enabled',
    system: false,
    category: 'Private',
    ipVersion: 4,
    enableIPAM: true,
    createDate,
    lastOpDate: createDate,
    dns: [],
    ipRanges: [
      {
        uuid: ipRangeUuidOf(l3),
        l3NetworkUuid: l3.uuid,
        name: `${l3.name}-range`,
        description: '',
        startIp: `10.${l3.octet}.0.10`,
        endIp: `10.${l3.octet}.255.254`,
        netmask: l3.netmask,
        gateway: l3.gateway,
        networkCidr: `10.${l3.octet}.0.0/16`,
        ipVersion: 4,
        prefixLen: 16,
        createDate,
        lastOpDate: createDate
      }
    ],
    networkServices: [],
    hostRoute: []
  }
}
