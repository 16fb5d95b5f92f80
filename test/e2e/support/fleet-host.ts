// Several simulated clusters saved and signed in on one app host, with a browser: the multi-cluster e2e setup.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import type { ComposeOptions } from '../../../src/main/compose'
import type { DeskApi, ProfileInput } from '../../../src/shared/api'
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator'
import { simulatorProfile, unwrap } from '../../main/desk/support/desk-fixture'
import { createMemorySecretStore } from '../../main/desk/support/memory-secret-store'
import { startAppHost, type AppHost } from './app-host'
import { launchBrowser } from './browser'

/** Saves `profile` and signs in to it as the simulator's admin; gives the profile's id. */
export async function signInProfile(
  api: DeskApi,
  profile: ProfileInput,
  rememberPassword: boolean
): Promise<string> {
  const { id } = unwrap(await api.saveProfile(profile))
  unwrap(await api.signIn({ profileId: id, accountName: 'admin', password: 'password', rememberPassword }))
  return id
}

export interface FleetCluster {
  name: string
  simulator: SimulatorOptions
  folder?: string
}

export interface FleetHostOptions {
  clusters: FleetCluster[]
  rememberPassword: boolean
  /** Passed to the app host (the data folder and keychain are the fleet's own). */
  host?: Partial<ComposeOptions>
}

export interface FleetHost {
  /** One a cluster, in the order given. */
  readonly sims: RunningSimulator[]
  /** The clusters' profile ids, in the order given. */
  readonly ids: string[]
  readonly browser: Browser
  /** The app host now running (a restart replaces it). */
  readonly host: AppHost
  /** Closes the app host and starts another on the same data folder and keychain, as a restart of the app. */
  restart(): Promise<AppHost>
  close(): Promise<void>
}

export async function startFleetHost(options: FleetHostOptions): Promise<FleetHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zstack-desk-e2e-fleet-'))
  const secretStore = createMemorySecretStore()
  const start = () => startAppHost({ ...options.host, dataDir, secretStore })
  const sims: RunningSimulator[] = []
  const ids: string[] = []
  let host: AppHost | undefined
  let browser: Browser | undefined
  const close = async (): Promise<void> => {
    await browser?.close()
    await host?.close()
    await Promise.all(sims.map((sim) => sim.stop().catch(() => undefined)))
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    for (const cluster of options.clusters) sims.push(await startSimulator(cluster.simulator))
    host = await start()
    for (const [i, sim] of sims.entries()) {
      const { name, folder } = options.clusters[i]!
      const profile = { ...simulatorProfile(sim, name), ...(folder === undefined ? {} : { folder }) }
      ids.push(await signInProfile(host.runtime.guarded.api, profile, options.rememberPassword))
    }
    browser = await launchBrowser()
  } catch (error) {
    await close()
    throw error
  }
  const running = { host, browser }
  return {
    sims,
    ids,
    browser: running.browser,
    get host() {
      return running.host
    },
    async restart() {
      await running.host.close()
      // Closed: a start that fails now leaves nothing for close() to close twice.
      host = undefined
      running.host = host = await start()
      return running.host
    },
    close
  }
}
