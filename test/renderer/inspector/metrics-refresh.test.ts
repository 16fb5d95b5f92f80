// The Metrics tab refreshes on a timer while it is open, and asks nothing more once the tab or the inspector closes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api as realApi } from '@renderer/api'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import { useClustersStore } from '@renderer/stores/clusters'
import { useInspectorStore } from '@renderer/stores/inspector'
import type { VmMetricsData, VmQuery } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { fullVm, vm, vmPage } from '../vms-support/fixtures'
import { $$, byTestId, click, mountInApp, settle } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

/** InspectorMetrics' refresh period. */
const REFRESH_MS = 30_000

function metrics({ startTime, endTime }: { startTime: number; endTime: number }): VmMetricsData {
  const series = { times: [endTime - 20, endTime - 10], values: [10, 20] }
  return {
    available: true,
    startTime,
    endTime,
    periodSec: 10,
    series: {
      cpu: series,
      memory: series,
      diskRead: series,
      diskWrite: series,
      networkIn: series,
      networkOut: series
    }
  }
}

let wrapper: ReturnType<typeof mountInApp> | undefined

const tab = (label: string): void =>
  click($$('[role="tab"]').find((el) => el.textContent?.trim().startsWith(label)))
const calls = (): number => api.getVmMetrics.mock.calls.length

describe('Metrics tab refresh', { timeout: 30_000 }, () => {
  beforeEach(() => {
    // Only the refresh interval and the clock are fake: settle() and the stores' own timeouts run as usual.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    localStorage.clear()
    api.reset()
    api.queryVms.mockImplementation(async (query: VmQuery) =>
      ok({ items: vmPage(query.start, 6).items, total: 137 })
    )
    api.getVm.mockImplementation(async () => ok(fullVm(1)))
    api.getVmMetrics.mockImplementation(async (window: { startTime: number; endTime: number }) =>
      ok(metrics(window))
    )
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function openMetricsTab(): Promise<void> {
    tab('Metrics')
    await vi.waitFor(() => expect(byTestId('inspector-metrics')).toBeTruthy())
  }

  it('refreshes while the tab is open, and stops when the tab or the inspector closes', async () => {
    wrapper = mountInApp(WorkspaceView)
    await useClustersStore().load()
    await settle(8)
    click($$(`[data-testid="vm-row"][data-vm-uuid="${vm(1).uuid}"] [data-testid="vm-action-inspect"]`)[0])
    await vi.waitFor(() => expect(byTestId('inspector-body')?.dataset.loaded).toBe('true'))

    await openMetricsTab()
    await vi.waitFor(() => expect(calls()).toBe(1))
    expect(api.getVmMetrics.mock.calls[0]![0]).toMatchObject({ profileId: 'demo', vmUuid: vm(1).uuid })
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    await vi.waitFor(() => expect(calls()).toBe(2))
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    await vi.waitFor(() => expect(calls()).toBe(3))

    // Another tab: the Metrics panel is gone, and no tick asks again.
    tab('Overview')
    await vi.waitFor(() => expect(byTestId('inspector-metrics')).toBeNull())
    await vi.advanceTimersByTimeAsync(10 * REFRESH_MS)
    await settle()
    expect(calls()).toBe(3)

    // Back on the tab it fetches at once and ticks again; closing the inspector stops it for good.
    await openMetricsTab()
    await vi.waitFor(() => expect(calls()).toBe(4))
    await vi.advanceTimersByTimeAsync(REFRESH_MS)
    await vi.waitFor(() => expect(calls()).toBe(5))
    // The drawer may keep its content while it slides shut: what counts is that nothing more is asked.
    useInspectorStore().close()
    await vi.advanceTimersByTimeAsync(10 * REFRESH_MS)
    await settle()
    expect(calls()).toBe(5)
  })
})
