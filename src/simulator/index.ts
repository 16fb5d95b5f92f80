// The ZStack REST simulator: the Demo cluster, the test fixture and the benchmark load target. Imports nothing from the app.
export { startSimulator } from './start-simulator'
export type {
  FaultKind,
  FaultRates,
  HostMaintenancePolicy,
  InjectedFault,
  MigrationSubmission,
  RunningSimulator,
  RuntimeOptions,
  SimulatorOptions,
  SimulatorStats,
  ZStackErrorBody
} from './options'
export type {
  ClusterInventory,
  HostInventory,
  HostState,
  HostStatus,
  PrimaryStorageInventory,
  VmCdRomInventory,
  VmInventory,
  VmNicInventory,
  VmState,
  VolumeInventory,
  ZoneInventory
} from './types'
export type { MonitoringMode } from './zwatch-api'
