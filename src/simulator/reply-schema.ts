// The `schema` of a reply: the JSON path of every element holding an inventory, mapped to its Java class (§5).

/** How to name an inventory's class, and which of its lists hold inventories too. */
export interface InventoryShape {
  classOf(source: object): string
  lists?: Readonly<Record<string, InventoryShape>>
}

export type ReplySchema = Record<string, string>

const fixed = (className: string, lists?: Record<string, InventoryShape>): InventoryShape => ({
  classOf: () => className,
  ...(lists ? { lists } : {})
})

const HOST_CLASSES: Readonly<Record<string, string>> = {
  KVM: 'org.zstack.kvm.KVMHostInventory',
  ESX: 'org.zstack.vmware.ESXHostInventory'
}

export const SHAPES = {
  vm: fixed('org.zstack.header.vm.VmInstanceInventory', {
    vmNics: fixed('org.zstack.header.vm.VmNicInventory', {
      usedIps: fixed('org.zstack.header.network.l3.UsedIpInventory')
    }),
    allVolumes: fixed('org.zstack.header.volume.VolumeInventory'),
    vmCdRoms: fixed('org.zstack.header.vm.cdrom.VmCdRomInventory')
  }),
  host: {
    classOf: (source: object) =>
      HOST_CLASSES[String((source as { hypervisorType?: unknown }).hypervisorType)] ??
      'org.zstack.header.host.HostInventory'
  },
  zone: fixed('org.zstack.header.zone.ZoneInventory'),
  cluster: fixed('org.zstack.header.cluster.ClusterInventory'),
  primaryStorage: fixed('org.zstack.header.storage.primary.PrimaryStorageInventory'),
  l3Network: fixed('org.zstack.header.network.l3.L3NetworkInventory', {
    ipRanges: fixed('org.zstack.header.network.l3.IpRangeInventory')
  }),
  session: fixed('org.zstack.header.identity.SessionInventory')
} satisfies Record<string, InventoryShape>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The entries for one inventory at `path` and its nested lists. `source` is the row it was built from: with
 * `fields=` the reply may lack what names the class (a host's hypervisorType), the row never does.
 */
export function inventorySchema(
  path: string,
  inventory: Record<string, unknown>,
  shape: InventoryShape,
  source: object = inventory,
  into: ReplySchema = {}
): ReplySchema {
  into[path] = shape.classOf(source)
  for (const [key, child] of Object.entries(shape.lists ?? {})) {
    const list = inventory[key]
    if (!Array.isArray(list)) continue
    list.forEach((element, index) => {
      if (isRecord(element)) inventorySchema(`${path}.${key}[${index}]`, element, child, element, into)
    })
  }
  return into
}

/** `{"inventories[0]": ..., "inventories[1]": ...}`; an empty list gives `{}`. */
export function listSchema(
  inventories: readonly Record<string, unknown>[],
  shape: InventoryShape,
  sources: readonly object[] = inventories
): ReplySchema {
  const into: ReplySchema = {}
  inventories.forEach((inventory, index) =>
    inventorySchema(`inventories[${index}]`, inventory, shape, sources[index] ?? inventory, into)
  )
  return into
}
