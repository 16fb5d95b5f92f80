// The ZWatch metrics the simulator serves (names and labels as a ZStack Cloud node lists them) and their values:
// a pure function of seed, subject, metric and time, so every run and every repeated query agree.
import { mixSeed } from './seeded-random'
import type { HostInventory } from './types'
import type { VmRecord, World } from './world'

export type MetricNamespace = 'ZStack/VM' | 'ZStack/Host'
/** Percent 0..100, or bytes per second. */
export type MetricUnit = 'percent' | 'bytesPerSecond'
type Shape = 'cpu' | 'memory' | 'diskRead' | 'diskWrite' | 'netIn' | 'netOut'

export interface MetricDefinition {
  namespace: MetricNamespace
  name: string
  labelNames: readonly string[]
  unit: MetricUnit
  shape: Shape
}

const metric = (
  namespace: MetricNamespace,
  name: string,
  labelNames: readonly string[],
  shape: Shape
): MetricDefinition => ({
  namespace,
  name,
  labelNames,
  shape,
  unit: shape === 'cpu' || shape === 'memory' ? 'percent' : 'bytesPerSecond'
})

const perSubject = (namespace: MetricNamespace, subject: string): MetricDefinition[] => [
  metric(namespace, 'CPUAverageUsedUtilization', [subject], 'cpu'),
  metric(namespace, 'CPUUsedUtilization', [subject, 'CPUNum'], 'cpu'),
  metric(namespace, 'MemoryUsedInPercent', [subject], 'memory'),
  metric(namespace, 'DiskAllReadBytes', [subject], 'diskRead'),
  metric(namespace, 'DiskAllWriteBytes', [subject], 'diskWrite'),
  metric(namespace, 'DiskReadBytes', [subject, 'DiskDeviceLetter'], 'diskRead'),
  metric(namespace, 'DiskWriteBytes', [subject, 'DiskDeviceLetter'], 'diskWrite'),
  metric(namespace, 'NetworkAllInBytes', [subject], 'netIn'),
  metric(namespace, 'NetworkAllOutBytes', [subject], 'netOut'),
  metric(namespace, 'NetworkInBytes', [subject, 'NetworkDeviceLetter'], 'netIn'),
  metric(namespace, 'NetworkOutBytes', [subject, 'NetworkDeviceLetter'], 'netOut')
]

export const METRICS: readonly MetricDefinition[] = [
  ...perSubject('ZStack/VM', 'VMUuid'),
  ...perSubject('ZStack/Host', 'HostUuid')
]

export function findMetric(namespace: string, name: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.namespace === namespace && m.name === name)
}

/** A migration as the series see it: the VM's traffic and CPU rise over [startMs, endMs]. */
export interface MigrationWindow {
  vmUuid: string
  startMs: number
  endMs: number
}

export interface SeriesSubject {
  /** The label set of this series, e.g. { VMUuid, DiskDeviceLetter }. */
  labels: Record<string, string>
  /** Seeds the noise: one per (subject, device). */
  key: number
  /** 0..1: how loaded the subject is; a busy host or a hot VM sits high. */
  load: number
  /** Share of the subject's total that this device carries (1 for the All metrics). */
  share: number
  migrations: readonly MigrationWindow[]
}

const hashText = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const unit = (...parts: number[]): number => mixSeed(...parts) / 4294967296

const DAY_S = 86_400
const MB = 1024 * 1024

/** The subject's value over the `periodSec` bucket that starts at `timeSec` (the current bucket is partial). */
export function metricValue(
  seed: number,
  definition: MetricDefinition,
  subject: SeriesSubject,
  timeSec: number,
  periodSec: number
): number {
  const shapeKey = hashText(definition.shape)
  const base = unit(seed, subject.key, shapeKey)
  // Office-hours wave, the same for every subject but shifted a little per subject.
  const daily = Math.sin(((timeSec / DAY_S) * 2 + base) * Math.PI)
  const noise = unit(seed, subject.key, shapeKey, Math.floor(timeSec / 60)) - 0.5
  const migrating = subject.migrations.some(
    (m) => m.startMs < (timeSec + periodSec) * 1000 && m.endMs > timeSec * 1000
  )
  const load = subject.load
  switch (definition.shape) {
    case 'cpu':
      return round(clamp(5 + 75 * load + 8 * daily + 10 * noise + (migrating ? 15 : 0), 0, 100))
    case 'memory':
      return round(clamp(15 + 70 * load + 2 * daily + 2 * noise, 0, 100))
    case 'diskRead':
    case 'diskWrite': {
      const scale = definition.shape === 'diskRead' ? 4 * MB : 2 * MB
      return Math.round(subject.share * scale * (0.05 + load) * (1.2 + daily) * (1 + noise))
    }
    case 'netIn':
    case 'netOut': {
      const scale = definition.shape === 'netIn' ? 3 * MB : 1.5 * MB
      const burst = migrating ? (definition.shape === 'netOut' ? 120 : 8) * MB : 0
      return Math.round(subject.share * (scale * (0.05 + load) * (1.2 + daily) * (1 + noise) + burst))
    }
  }
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value))
const round = (value: number): number => Math.round(value * 100) / 100

/**
 * Every series a metric has right now: one per subject and device. Stopped VMs report nothing. `onlyUuid` (a
 * VMUuid= or HostUuid= filter) skips building the others: a 100,000-VM node answers one VM at once.
 */
export function seriesOf(
  world: World,
  definition: MetricDefinition,
  migrations: readonly MigrationWindow[],
  onlyUuid?: string
): SeriesSubject[] {
  const device = definition.labelNames[1]
  if (definition.namespace === 'ZStack/Host') {
    const host = onlyUuid === undefined ? undefined : world.hostByUuid.get(onlyUuid)
    const hosts = onlyUuid === undefined ? world.hosts : host ? [host] : []
    return hosts.flatMap((host) =>
      devices(device, host.cpuNum, 2, 2).map(([name, value, share]) => ({
        labels: { HostUuid: host.uuid, ...(name ? { [name]: value } : {}) },
        key: mixSeed(hashText(host.uuid), hashText(value)),
        load: hostLoad(host),
        share,
        migrations: []
      }))
    )
  }
  const vm = onlyUuid === undefined ? undefined : world.vmByUuid.get(onlyUuid)
  const vms = onlyUuid === undefined ? world.vms : vm ? [vm] : []
  return vms
    .filter((vm) => vm.hostUuid !== null)
    .flatMap((vm) =>
      devices(device, vm.cpuNum, 1 + vm.dataVolumeCount, vm.nicSlots.length).map(([name, value, share]) => ({
        labels: { VMUuid: vm.uuid, ...(name ? { [name]: value } : {}) },
        key: mixSeed(hashText(vm.uuid), hashText(value)),
        load: vmLoad(world.seed, vm),
        share,
        migrations: migrations.filter((m) => m.vmUuid === vm.uuid)
      }))
    )
}

/** [label name, label value, share of the total] per device; one entry without a device label. */
function devices(
  label: string | undefined,
  cpus: number,
  disks: number,
  nics: number
): [string | undefined, string, number][] {
  if (!label) return [[undefined, '', 1]]
  const count = label === 'CPUNum' ? cpus : label === 'DiskDeviceLetter' ? disks : nics
  return Array.from({ length: count }, (_, i) => {
    const value =
      label === 'CPUNum'
        ? String(i)
        : label === 'DiskDeviceLetter'
          ? `vd${String.fromCharCode(97 + i)}`
          : `eth${i}`
    // CPU % is per CPU, not a share; bytes split across devices.
    return [label, value, label === 'CPUNum' ? 1 : 1 / count]
  })
}

/** A host is as busy as its allocated CPU and memory. */
function hostLoad(host: HostInventory): number {
  const cpu = 1 - host.availableCpuCapacity / Math.max(1, host.totalCpuCapacity)
  const memory = 1 - host.availableMemoryCapacity / Math.max(1, host.totalMemoryCapacity)
  return clamp((cpu + memory) / 2, 0, 1)
}

function vmLoad(seed: number, vm: VmRecord): number {
  // Most VMs idle along, a few run hot.
  return unit(seed, hashText(vm.uuid), 7) ** 2
}
