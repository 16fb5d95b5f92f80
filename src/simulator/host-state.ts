// changeHostState as HostBase runs it: enable, disable, and maintain (PreMaintenance, migrate away, stop what failed).
import { formatGsonDate } from './gson-date'
import type { JobOutcome } from './jobs'
import { forEachLimited, KeyedQueue } from './keyed-queue'
import type { ResolvedOptions } from './options'
import type { TimerSet } from './timers'
import type { HostInventory, HostState, HostStatus } from './types'
import type { VmOperations } from './vm-operations'
import type { World } from './world'
import { zstackErrors, type ZStackError } from './zstack-errors'

export const HOST_STATE_EVENTS = ['enable', 'disable', 'maintain'] as const
type StateEvent = 'enable' | 'disable' | 'preMaintain' | 'maintain'

/** HostState's transition table; an event it lacks is the server's CloudRuntimeException. */
const TRANSITIONS: Record<HostState, Partial<Record<StateEvent, HostState>>> = {
  Enabled: { disable: 'Disabled', enable: 'Enabled', preMaintain: 'PreMaintenance' },
  Disabled: { disable: 'Disabled', enable: 'Enabled', preMaintain: 'PreMaintenance' },
  PreMaintenance: { disable: 'Disabled', enable: 'Enabled', maintain: 'Maintenance' },
  Maintenance: { disable: 'Disabled', enable: 'Enabled' }
}

/** The event that leads back to a state (getTargetStateDrivenEvent), for the rollback of a failed maintain. */
const BACK_TO: Partial<Record<HostState, StateEvent>> = { Enabled: 'enable', Disabled: 'disable' }

export interface HostStateDeps {
  world: World
  operations: VmOperations
  timers: TimerSet
  options: ResolvedOptions
  now: () => number
}

const failed = (error: ZStackError): JobOutcome => ({ ok: false, error })

export class HostStates {
  /** change-host-state-<uuid>: one state change per host at a time. */
  private readonly queue = new KeyedQueue()

  constructor(private readonly deps: HostStateDeps) {}

  /** APIChangeHostStateMsg: the checks its interceptors make, then the change in the host's queue. */
  change(hostUuid: string, stateEvent: string | undefined): Promise<JobOutcome> {
    if (stateEvent === undefined) {
      return Promise.resolve(
        failed(
          zstackErrors.invalidArgument(
            'field[stateEvent] of message[APIChangeHostStateMsg] is mandatory, can not be null'
          )
        )
      )
    }
    if (!(HOST_STATE_EVENTS as readonly string[]).includes(stateEvent)) {
      return Promise.resolve(
        failed(
          zstackErrors.invalidArgument(
            `valid value for field[stateEvent] of APIChangeHostStateMsg are [${HOST_STATE_EVENTS.join(', ')}], but ${stateEvent} found`
          )
        )
      )
    }
    const host = this.deps.world.hostByUuid.get(hostUuid)
    if (!host) return Promise.resolve(failed(zstackErrors.notFound(`unable to find host[uuid:${hostUuid}]`)))
    if (stateEvent === 'maintain' && host.status !== 'Connected') {
      return Promise.resolve(
        failed(
          zstackErrors.operationFailed(
            `can not maintain host[uuid:${host.uuid}, status:${host.status}]which is not Connected`
          )
        )
      )
    }
    return this.queue.run(hostUuid, () =>
      stateEvent === 'maintain' ? this.maintain(host) : this.plainChange(host, stateEvent as StateEvent)
    )
  }

  setStatus(host: HostInventory, status: HostStatus): void {
    host.status = status
    host.lastOpDate = this.date()
  }

  /** enable or disable; leaving (Pre)Maintenance reconnects the host: Connecting now, Connected shortly after. */
  private plainChange(host: HostInventory, event: StateEvent): Promise<JobOutcome> {
    const before = host.state
    const moved = this.move(host, event)
    if (moved) return Promise.resolve(failed(moved))
    if ((before === 'Maintenance' || before === 'PreMaintenance') && host.state !== 'Maintenance') {
      this.setStatus(host, 'Connecting')
      void this.deps.timers.delay(this.deps.options.actionDurationMs).then(() => {
        if (host.status === 'Connecting') this.setStatus(host, 'Connected')
      })
    }
    return Promise.resolve(this.done(host))
  }

  /** maintenanceHook: migrate every VM on the host but Unknown ones, then stop the failed ones unless JustMigrate. */
  private async maintain(host: HostInventory): Promise<JobOutcome> {
    const { world, operations, options } = this.deps
    const origin = host.state
    const moved = this.move(host, 'preMaintain')
    if (moved) return failed(moved)
    const onHost = world.vms.filter((vm) => vm.hostUuid === host.uuid && vm.state !== 'Unknown')
    // Appliance VMs go first, as the server orders them.
    const ordered = [
      ...onHost.filter((vm) => vm.type !== 'UserVm'),
      ...onHost.filter((vm) => vm.type === 'UserVm')
    ].map((vm) => vm.uuid)
    const quantity = options.maintenanceMigrationQuantity
    const notMigrated: string[] = []
    await forEachLimited(ordered, quantity, async (vmUuid) => {
      const outcome = await operations.evacuate(vmUuid, host.uuid)
      if (!outcome.ok) notMigrated.push(vmUuid)
    })
    const where = `on host[uuid:${host.uuid}, name:${host.name}, ip:${host.managementIp}]`
    if (notMigrated.length > 0 && options.hostMaintenancePolicy === 'JustMigrate') {
      return this.rollBack(
        host,
        origin,
        zstackErrors.operationFailed(
          `failed to migrate vm[uuids:[${notMigrated.join(', ')}]] ${where}, will try stopping it.`
        )
      )
    }
    const notStopped: string[] = []
    await forEachLimited(notMigrated, quantity, async (vmUuid) => {
      const outcome = await operations.stop(vmUuid)
      if (!outcome.ok && world.vmByUuid.has(vmUuid)) notStopped.push(vmUuid)
    })
    if (notStopped.length > 0) {
      return this.rollBack(
        host,
        origin,
        zstackErrors.operationFailed(`failed to stop vm[uuids:[${notStopped.join(', ')}]] ${where}`)
      )
    }
    this.move(host, 'maintain')
    return this.done(host)
  }

  /** A failed maintain puts the host back in the state it had and answers HOST.1001 with the cause. */
  private rollBack(host: HostInventory, origin: HostState, cause: ZStackError): JobOutcome {
    const back = BACK_TO[origin]
    if (back) this.move(host, back)
    return failed(zstackErrors.unableToEnterMaintenance(cause))
  }

  /** Applies one transition; an event the state has none for is the server's internal error. */
  private move(host: HostInventory, event: StateEvent): ZStackError | undefined {
    const next = TRANSITIONS[host.state][event]
    if (!next) {
      return zstackErrors.internal(
        `cannot find next state for current state[${host.state}] on transaction event[${event}]`
      )
    }
    host.state = next
    host.lastOpDate = this.date()
    return undefined
  }

  private done(host: HostInventory): JobOutcome {
    return { ok: true, result: { inventory: { ...host } }, shape: 'host' }
  }

  private date(): string {
    return formatGsonDate(this.deps.now(), this.deps.options.timeZone)
  }
}
