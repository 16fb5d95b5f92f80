// The VM actions behind async jobs (migrate, start, stop, reboot), serialized per VM like the server's VM queue.
import { formatGsonDate } from './gson-date'
import { checkHost, migrationTargets, pickMostFreeMemory, startTarget } from './host-allocation'
import type { JobOutcome, JobStore } from './jobs'
import { KeyedQueue } from './keyed-queue'
import type { ResolvedOptions } from './options'
import type { SeededRandom } from './seeded-random'
import type { TimerSet } from './timers'
import type { HostInventory, VmState } from './types'
import { fullVmInventory } from './vm-details'
import { occupy, vacate, type VmRecord, type World } from './world'
import { zstackErrors, type ZStackError } from './zstack-errors'

export interface MigrateParams {
  hostUuid?: string
  strategy?: string
  migrateFromDestination?: boolean
  allowUnknown?: boolean
  downTime?: number
}

/** What a long job lets the migration report and ask: its progress, and whether a cancel was requested. */
export interface MigrationHooks {
  /** 0 to 90 during the transfer, 90 once the hypervisor finished (switch-over), 100 at the end. */
  progress(percent: number): void
  canceled(): boolean
}

export type PowerAction = 'startVmInstance' | 'stopVmInstance' | 'rebootVmInstance'

export const MIGRATABLE_STATES: readonly VmState[] = ['Running', 'Paused', 'Unknown']

interface PowerRule {
  message: string
  allowed: readonly VmState[]
  transient: VmState
}

const POWER_RULES: Record<PowerAction, PowerRule> = {
  startVmInstance: {
    message: 'APIStartVmInstanceMsg',
    allowed: ['Stopped', 'Created'],
    transient: 'Starting'
  },
  stopVmInstance: {
    message: 'APIStopVmInstanceMsg',
    allowed: ['Running', 'Paused', 'Unknown'],
    transient: 'Stopping'
  },
  rebootVmInstance: { message: 'APIRebootVmInstanceMsg', allowed: ['Running'], transient: 'Rebooting' }
}

export interface VmOperationDeps {
  world: World
  jobs: JobStore
  timers: TimerSet
  options: ResolvedOptions
  random: SeededRandom
  now: () => number
}

interface Transfer {
  vm: VmRecord
  source: HostInventory | undefined
  target: HostInventory
  formerState: VmState
  injected: ZStackError | undefined
}

const failed = (error: ZStackError): JobOutcome => ({ ok: false, error })

const canceledError = (vm: VmRecord): ZStackError =>
  zstackErrors.operationFailed(`the migration of vm[uuid:${vm.uuid}] was canceled (CancelMigrateVmMsg)`)

/** What the KVM agent answers when the hypervisor's migration job fails. */
function hypervisorFailure(
  vm: VmRecord,
  source: HostInventory | undefined,
  target: HostInventory
): ZStackError {
  return zstackErrors.migrationFailed(
    `failed to migrate vm[uuid:${vm.uuid}] from host[uuid:${source?.uuid ?? 'none'}] to host[uuid:${target.uuid}]: ` +
      'operation failed: migration job: unexpectedly failed (simulated)'
  )
}

export class VmOperations {
  private readonly vmQueue = new KeyedQueue()
  /** KVMHost runs each migration in its source host's queue, `host.syncLevel` wide. */
  private readonly hostQueue: KeyedQueue
  private pendingFailure: ZStackError | undefined
  /** Per VM: the error its next migrations fail with (undefined: HOST.1009) and how many more times. */
  private readonly vmFailures = new Map<string, { error: ZStackError | undefined; times: number }>()

  constructor(private readonly deps: VmOperationDeps) {
    this.hostQueue = new KeyedQueue(() => deps.options.hostSyncLevel)
  }

  failNextMigration(error: ZStackError): void {
    this.pendingFailure = error
  }

  failMigrationsOf(vmUuid: string, error: ZStackError | undefined, times: number): void {
    if (times > 0) this.vmFailures.set(vmUuid, { error, times })
    else this.vmFailures.delete(vmUuid)
  }

  peakHostMigrations(): Record<string, number> {
    return Object.fromEntries(this.hostQueue.peaks)
  }

  /** A migration `maintain` asks for: the allocator picks; a VM already gone from `hostUuid` counts as moved. */
  evacuate(vmUuid: string, hostUuid: string): Promise<JobOutcome> {
    return this.enqueue(vmUuid, (vm) =>
      vm.hostUuid === hostUuid
        ? this.runMigration(vm, {})
        : Promise.resolve({ ok: true, result: { inventory: fullVmInventory(this.deps.world, vm) } })
    )
  }

  /** The StopVmInstanceMsg `maintain` sends for a VM it could not migrate. */
  stop(vmUuid: string): Promise<JobOutcome> {
    return this.enqueue(vmUuid, (vm) => this.runPower(vm, 'stopVmInstance', {}))
  }

  migrate(jobUuid: string, vmUuid: string, params: MigrateParams): void {
    void this.migrateWith(vmUuid, params).then((outcome) => this.deps.jobs.finish(jobUuid, outcome))
  }

  /** The migration a long job runs: it reports progress and may be canceled before its switch-over. */
  migrateWith(vmUuid: string, params: MigrateParams, hooks?: MigrationHooks): Promise<JobOutcome> {
    return this.enqueue(vmUuid, (vm) => this.runMigration(vm, params, hooks))
  }

  power(jobUuid: string, vmUuid: string, action: PowerAction, params: { type?: string }): void {
    void this.enqueue(vmUuid, (vm) => this.runPower(vm, action, params)).then((outcome) =>
      this.deps.jobs.finish(jobUuid, outcome)
    )
  }

  /** Runs `work` after every earlier job on the same VM has finished; an unknown VM fails at once. */
  private enqueue(vmUuid: string, work: (vm: VmRecord) => Promise<JobOutcome>): Promise<JobOutcome> {
    const vm = this.deps.world.vmByUuid.get(vmUuid)
    if (!vm) return Promise.resolve(failed(zstackErrors.notFound(`unable to find vm[uuid:${vmUuid}]`)))
    return this.vmQueue.run(vmUuid, () =>
      work(vm).catch((error: unknown) =>
        failed(zstackErrors.internal(error instanceof Error ? error.message : String(error)))
      )
    )
  }

  /** The error this migration is made to fail with, if any: a one-off first, then the VM's own. */
  private takeInjectedFailure(vm: VmRecord, source: HostInventory | undefined, target: HostInventory) {
    const once = this.pendingFailure
    this.pendingFailure = undefined
    if (once) return once
    const own = this.vmFailures.get(vm.uuid)
    if (!own) return undefined
    if (--own.times <= 0) this.vmFailures.delete(vm.uuid)
    return own.error ?? hypervisorFailure(vm, source, target)
  }

  private async runMigration(
    vm: VmRecord,
    params: MigrateParams,
    hooks?: MigrationHooks
  ): Promise<JobOutcome> {
    const { world } = this.deps
    const wanted = params.hostUuid
    if (wanted !== undefined && !world.hostByUuid.has(wanted)) {
      return failed(zstackErrors.notFound(`unable to find host[uuid:${wanted}]`))
    }
    if (params.strategy !== undefined && params.strategy !== 'auto-converge') {
      return failed(
        zstackErrors.invalidArgument(
          `invalid migration strategy[${params.strategy}], valid values are [auto-converge]`
        )
      )
    }
    if (wanted !== undefined && wanted === vm.hostUuid) {
      return failed(
        zstackErrors.invalidArgument(`the vm[uuid:${vm.uuid}] is already on host[uuid:${wanted}]`)
      )
    }
    if (!MIGRATABLE_STATES.includes(vm.state)) {
      return failed(
        zstackErrors.unableToMigrate(
          vm.uuid,
          zstackErrors.wrongVmState(vm.uuid, vm.state, 'APIMigrateVmMsg', MIGRATABLE_STATES)
        )
      )
    }
    const storageProblem = localStorageProblem(world, vm)
    if (storageProblem) return failed(zstackErrors.operationFailed(storageProblem))

    let target: HostInventory | undefined
    if (wanted !== undefined) {
      target = world.hostByUuid.get(wanted)
      const check = target ? checkHost(world, vm, target) : undefined
      if (check && !check.ok) return failed(zstackErrors.noHostAvailable(check.details))
    } else {
      target = pickMostFreeMemory(migrationTargets(world, vm))
    }
    if (!target) {
      return failed(
        zstackErrors.noHostAvailable(
          `no candidate host found for migrating vm[uuid:${vm.uuid}]: none passed the allocator filters`
        )
      )
    }

    const source = vm.hostUuid ? world.hostByUuid.get(vm.hostUuid) : undefined
    const formerState = vm.state
    const injected = this.takeInjectedFailure(vm, source, target)
    // The destination's capacity is reserved for the whole migration, as the allocator does.
    occupy(target, vm)
    vm.state = 'Migrating'
    const transfer = (): Promise<JobOutcome> =>
      this.transfer({ vm, source, target, formerState, injected }, hooks)
    return source ? this.hostQueue.run(source.uuid, transfer) : transfer()
  }

  /** The hypervisor's part, run in the source host's queue: the transfer, the switch-over, the records. */
  private async transfer(move: Transfer, hooks?: MigrationHooks): Promise<JobOutcome> {
    const { world, timers, options, random } = this.deps
    const { vm, source, target, formerState, injected } = move
    if (hooks?.canceled()) {
      // Canceled while it waited for its turn in the source host's queue.
      vacate(target, vm)
      vm.state = formerState
      return failed(canceledError(vm))
    }
    if (source && source.status !== 'Connected') {
      vacate(target, vm)
      vm.state = formerState
      return failed(zstackErrors.hostNotConnected(source.uuid, source.name, source.status))
    }
    // A long job reports the transfer in steps and may be canceled between them; a plain action just waits.
    const steps = hooks ? Math.max(0, Math.floor(options.progressReports)) + 1 : 1
    hooks?.progress(0)
    for (let step = 1; step <= steps; step++) {
      await timers.delay(options.migrationDurationMs / steps)
      if (hooks?.canceled()) {
        vacate(target, vm)
        vm.state = formerState
        return failed(canceledError(vm))
      }
      if (step < steps) hooks?.progress(Math.round((90 * step) / steps))
    }
    const failure =
      injected ??
      (random.next() < options.migrationFailureRate ? hypervisorFailure(vm, source, target) : undefined)
    if (failure) {
      vacate(target, vm)
      vm.state = formerState
      return failed(failure)
    }
    if (source) vacate(source, vm)
    vm.lastHostUuid = vm.hostUuid
    vm.hostUuid = target.uuid
    vm.clusterUuid = target.clusterUuid
    vm.zoneUuid = target.zoneUuid
    vm.state = formerState === 'Paused' ? 'Paused' : 'Running'
    vm.lastOpDate = formatGsonDate(this.deps.now(), this.deps.options.timeZone)
    if (hooks) {
      // Switched over: the VM runs on the destination; what follows cannot be undone by a cancel.
      hooks.progress(90)
      await timers.delay(options.switchOverMs)
      hooks.progress(100)
    }
    return { ok: true, result: { inventory: fullVmInventory(world, vm) } }
  }

  private async runPower(vm: VmRecord, action: PowerAction, params: { type?: string }): Promise<JobOutcome> {
    const { world, timers, options } = this.deps
    const rule = POWER_RULES[action]
    if (
      action === 'stopVmInstance' &&
      params.type !== undefined &&
      params.type !== 'grace' &&
      params.type !== 'cold'
    ) {
      return failed(
        zstackErrors.invalidArgument(`invalid stop type[${params.type}], valid values are [grace, cold]`)
      )
    }
    if (!rule.allowed.includes(vm.state)) {
      return failed(zstackErrors.wrongVmState(vm.uuid, vm.state, rule.message, rule.allowed))
    }
    if (action === 'startVmInstance') {
      const target = startTarget(world, vm)
      if (!target) {
        return failed(
          zstackErrors.noHostAvailable(`no host having enough capacity found to start vm[uuid:${vm.uuid}]`)
        )
      }
      occupy(target, vm)
      vm.hostUuid = target.uuid
      vm.clusterUuid = target.clusterUuid
      vm.zoneUuid = target.zoneUuid
    }
    vm.state = rule.transient
    await timers.delay(options.actionDurationMs)
    if (action === 'stopVmInstance') {
      const host = vm.hostUuid ? world.hostByUuid.get(vm.hostUuid) : undefined
      if (host) vacate(host, vm)
      vm.lastHostUuid = vm.hostUuid ?? vm.lastHostUuid
      vm.hostUuid = null
      vm.state = 'Stopped'
    } else {
      vm.state = 'Running'
    }
    vm.lastOpDate = formatGsonDate(this.deps.now(), this.deps.options.timeZone)
    return { ok: true, result: { inventory: fullVmInventory(world, vm) } }
  }
}

/** Live migration on local storage also moves the disk, which 5.2.1 refuses in these cases. */
function localStorageProblem(world: World, vm: VmRecord): string | undefined {
  if (world.psByUuid.get(vm.rootPsUuid)?.type !== 'LocalStorage') return undefined
  if (vm.dataVolumeCount > 0) {
    return `unable to live migrate vm[uuid:${vm.uuid}] with data volumes on local storage. Need detach all data volumes`
  }
  if (vm.isoUuid)
    return `unable to live migrate vm[uuid:${vm.uuid}] with ISO on local storage. Need detach all ISO`
  if (vm.platform !== 'Linux') {
    return `unable to live migrate vm[uuid:${vm.uuid}] with local storage. Only linux guest is supported. Current platform is [${vm.platform}]`
  }
  return undefined
}
