import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { api as realApi } from '@renderer/api'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import ActivityPanel from '@renderer/features/activity/ActivityPanel.vue'
import { i18n } from '@renderer/i18n'
import BatchDialog from '@renderer/features/batch/BatchDialog.vue'
import MigrateDialog from '@renderer/features/migrate/MigrateDialog.vue'
import { useClustersStore } from '@renderer/stores/clusters'
import { useMigrationsStore } from '@renderer/stores/migrations'
import { useVmListStore } from '@renderer/stores/vm-list'
import type { BatchPlan, Topology, VmQuery } from '../../../src/shared/api'
import { appError } from '../../../src/shared/error-kinds'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { HOST_1, HOST_2, HOST_3, TOPOLOGY, vm, vmPage } from '../vms-support/fixtures'
import { $$, allByTestId, byTestId, click, mountInApp, settle } from '../support/mount'
import { BATCH_ID, batch, batchRow, plan, planRow } from './batch-fixtures'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const GIB = 1024 ** 3
/** host-2 with 2.5 GiB free: once vm-000 (1 GiB) is placed there, too little for vm-001 (2 GiB). */
const TIGHT: Topology = {
  ...TOPOLOGY,
  hosts: TOPOLOGY.hosts.map((h) => (h.uuid === HOST_2 ? { ...h, availableMemoryCapacity: 2.5 * GIB } : h))
}

const Shell = defineComponent({
  setup: () => () => [h(WorkspaceView), h(MigrateDialog), h(BatchDialog), h(ActivityPanel)]
})

let mounted: ReturnType<typeof mountInApp> | undefined
async function mountApp() {
  mounted = mountInApp(Shell)
  await useClustersStore().load()
  await settle(8)
}

const checkbox = (n: number): HTMLInputElement =>
  document.querySelector<HTMLInputElement>(`[data-vm-uuid="${vm(n).uuid}"] [data-testid="vm-select"]`)!
function check(input: HTMLInputElement | null): void {
  if (!input) throw new Error('checkbox not found')
  input.checked = !input.checked
  input.dispatchEvent(new Event('change'))
}
const confirmDialog = (label: string): void =>
  click($$('.n-dialog .n-button').find((b) => b.textContent?.trim() === label))
const text = (id: string): string => byTestId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

describe('batch migration and drain, as the admin sees them', { timeout: 30_000 }, () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
    api.queryVms.mockImplementation(async (query: VmQuery) =>
      ok({ items: vmPage(query.start, 6).items, total: 6 })
    )
    api.getTopology.mockResolvedValue(ok(TIGHT))
  })
  afterEach(() => {
    mounted?.unmount()
    mounted = undefined
    document.body.innerHTML = ''
  })

  it('picks VMs with labelled checkboxes, the whole page at once, and plans "Migrate N VMs"', async () => {
    await mountApp()
    const boxes = allByTestId('vm-select') as HTMLInputElement[]
    expect(boxes).toHaveLength(6)
    // Native checkboxes: in the tab order, toggled by Space, each named after its VM.
    expect(boxes.every((b) => b.type === 'checkbox' && b.tabIndex === 0)).toBe(true)
    expect(boxes[1]!.getAttribute('aria-label')).toBe('Select vm-001')
    expect(byTestId('batch-selection')).toBeNull()

    check(checkbox(0))
    check(checkbox(1))
    await settle()
    expect(text('batch-selected-count')).toBe('2 VMs selected')
    expect(text('batch-migrate')).toBe('Migrate 2 VMs')
    const page = byTestId('vm-select-page') as HTMLInputElement
    expect(page.indeterminate).toBe(true)
    // A click on a checkbox picks the VM, not the row.
    expect(document.querySelector(`[data-vm-uuid="${vm(0).uuid}"]`)!.getAttribute('data-picked')).toBe('true')
    expect(document.querySelector(`[data-vm-uuid="${vm(0).uuid}"]`)!.getAttribute('data-selected')).toBeNull()

    check(page)
    await settle()
    expect(text('batch-selected-count')).toBe('6 VMs selected')
    check(byTestId('vm-select-page') as HTMLInputElement)
    await settle()
    expect(byTestId('batch-selection')).toBeNull()

    check(checkbox(0))
    check(checkbox(1))
    check(checkbox(2))
    await settle()
    api.planMigrations.mockResolvedValueOnce(
      ok(plan([planRow(0, HOST_2), planRow(1, null), planRow(2, HOST_1)]))
    )
    click(byTestId('batch-migrate'))
    await settle()
    expect(api.planMigrations).toHaveBeenCalledWith({
      profileId: 'demo',
      vmUuids: [vm(0).uuid, vm(1).uuid, vm(2).uuid]
    })
    expect(
      document.querySelector('[data-testid="batch-dialog"] [data-testid="dialog-title"]')!.textContent
    ).toContain('Migrate 3 VMs')
    expect(allByTestId('plan-row')).toHaveLength(3)
    const unplaceable = document.querySelector(`[data-testid="plan-row"][data-unplaceable="true"]`)!
    expect(unplaceable.getAttribute('data-vm-uuid')).toBe(vm(1).uuid)
    // The single migrate dialog's words for the reason, the row above it counted on host-2.
    expect(unplaceable.textContent).toContain('Not enough memory: needs 2 GiB, has 1.5 GiB free')
    expect(unplaceable.textContent).toContain('host-2')
    expect(text('plan-summary')).toContain('2 of 3 VMs can be placed')
    expect(text('batch-run')).toBe('Run 2 migrations')
  })

  it('plans again when a row changes, runs only the placeable rows, once however often Run is pressed', async () => {
    await mountApp()
    check(checkbox(0))
    check(checkbox(1))
    await settle()
    api.planMigrations
      .mockResolvedValueOnce(ok(plan([planRow(0, HOST_2), planRow(1, null)])))
      .mockResolvedValueOnce(ok(plan([planRow(0, HOST_3, HOST_3), planRow(1, HOST_2)])))
    click(byTestId('batch-migrate'))
    await settle()
    const destination = document.querySelector('[data-testid="plan-destination"] input')!
    expect(destination.getAttribute('aria-label')).toBe('Destination of vm-000')
    // The row's destination, as the picker would set it: the whole plan is made again with the choice.
    const store = (await import('@renderer/stores/batch')).useBatchStore()
    await store.setDestination(vm(0).uuid, HOST_3)
    await settle()
    expect(api.planMigrations).toHaveBeenLastCalledWith({
      profileId: 'demo',
      vmUuids: [vm(0).uuid, vm(1).uuid],
      destinations: [{ vmUuid: vm(0).uuid, hostUuid: HOST_3 }]
    })
    expect(document.querySelector('[data-unplaceable="true"]')).toBeNull()

    let answer!: (value: unknown) => void
    api.startBatch.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
    ;(document.querySelector('[data-testid="batch-stop-on-failure"]') as HTMLElement).click()
    await settle()
    click(byTestId('batch-run'))
    click(byTestId('batch-run'))
    await settle()
    expect(api.startBatch).toHaveBeenCalledTimes(1)
    expect(api.startBatch).toHaveBeenCalledWith({
      profileId: 'demo',
      rows: [{ vmUuid: vm(0).uuid, hostUuid: HOST_3 }, { vmUuid: vm(1).uuid }],
      concurrency: 2,
      perHostLimit: undefined,
      stopOnFirstFailure: true,
      drain: undefined
    })
    answer(ok(batch([batchRow(0, 'running'), batchRow(1, 'queued')])))
    await settle()
    expect(byTestId('batch-queue')).toBeTruthy()
    expect(api.startBatch).toHaveBeenCalledTimes(1)
    // The picks went into the batch.
    expect(byTestId('batch-selection')).toBeNull()
  })

  it('follows the queue: progress per row, cancel a row, pause and resume, K shown', async () => {
    await mountApp()
    const store = (await import('@renderer/stores/batch')).useBatchStore()
    const progress = { percent: 40, stage: 'transfer' as const, updatedAt: '2026-12-01T00:00:02.000Z' }
    api.emit(
      'batch:update',
      batch([batchRow(0, 'running', { progress }), batchRow(1, 'running'), batchRow(2, 'queued')])
    )
    await settle()
    // A batch arriving (e.g. resumed after a restart) opens nothing by itself.
    expect(byTestId('batch-dialog')).toBeNull()
    store.show(BATCH_ID)
    await settle()
    expect(text('queue-status')).toBe('Running: 2 at once (at most 2) · 0 of 3 done')
    const bar = byTestId('queue-progress')!
    expect(bar.dataset.percent).toBe('40')
    expect(bar.getAttribute('aria-label')).toBe('Progress of vm-000')

    api.cancelBatchRow.mockResolvedValueOnce(
      ok(
        batch([batchRow(0, 'running'), batchRow(1, 'running'), batchRow(2, 'canceled')], {
          updatedAt: '2026-12-01T00:00:03.000Z'
        })
      )
    )
    const cancels = allByTestId('queue-cancel')
    expect(cancels).toHaveLength(3)
    expect(cancels[2]!.getAttribute('aria-label')).toBe('Cancel the migration of vm-002')
    click(cancels[2])
    await settle()
    confirmDialog('Cancel migration')
    await settle()
    expect(api.cancelBatchRow).toHaveBeenCalledWith({ batchId: BATCH_ID, vmUuid: vm(2).uuid })
    expect(
      document
        .querySelector(`[data-testid="queue-row"][data-vm-uuid="${vm(2).uuid}"]`)!
        .getAttribute('data-state')
    ).toBe('canceled')

    api.pauseBatch.mockResolvedValueOnce(
      ok(
        batch([batchRow(0, 'running'), batchRow(1, 'running'), batchRow(2, 'canceled')], {
          state: 'paused',
          updatedAt: '2026-12-01T00:00:04.000Z'
        })
      )
    )
    click(byTestId('queue-pause'))
    await settle()
    expect(api.pauseBatch).toHaveBeenCalledWith({ batchId: BATCH_ID })
    expect(text('queue-status')).toBe('Paused · 1 of 3 done')
    expect(byTestId('queue-pause')).toBeNull()
    api.resumeBatch.mockResolvedValueOnce(
      ok(batch([batchRow(0, 'running')], { updatedAt: '2026-12-01T00:00:05.000Z' }))
    )
    click(byTestId('queue-resume'))
    await settle()
    expect(api.resumeBatch).toHaveBeenCalledWith({ batchId: BATCH_ID })

    // Main paused it because the host went away: the admin is told why.
    api.emit(
      'batch:update',
      batch([batchRow(0, 'running')], {
        state: 'paused',
        pausedBy: appError('unexpected', {}),
        updatedAt: '2026-12-01T00:00:06.000Z'
      })
    )
    await settle()
    expect(byTestId('queue-paused-by')).toBeTruthy()
    // An older event arriving late changes nothing.
    api.emit('batch:update', batch([batchRow(0, 'queued')], { updatedAt: '2026-12-01T00:00:00.500Z' }))
    await settle()
    expect(text('queue-status')).toContain('Paused')
  })

  it('drains from the host filter: Stopped VMs listed but untouched, maintenance only for an empty host, and back', async () => {
    await mountApp()
    await useVmListStore().setFilters({ hostUuid: HOST_1 })
    await settle()
    const stoppedVm = vm(4)
    api.planDrain.mockResolvedValueOnce(
      ok(
        plan([planRow(0, HOST_2), planRow(3, HOST_2)], {
          host: { hostUuid: HOST_1, hostName: 'host-1', state: 'Enabled', status: 'Connected' },
          stopped: [{ vmUuid: stoppedVm.uuid, vmName: stoppedVm.name, vmState: 'Stopped' }]
        } satisfies BatchPlan['drain'])
      )
    )
    expect(byTestId('drain-host')!.getAttribute('aria-label')).toBe('Drain host host-1')
    click(byTestId('drain-host'))
    await settle()
    expect(api.planDrain).toHaveBeenCalledWith({ profileId: 'demo', hostUuid: HOST_1 })
    expect(
      document.querySelector('[data-testid="batch-dialog"] [data-testid="dialog-title"]')!.textContent
    ).toContain('Drain host host-1')
    expect(text('drain-stopped')).toContain('vm-004 (Stopped)')
    // The host's state and status in the reader's language (issue 18.4).
    expect(text('drain-host-now')).toContain('Enabled, Connected')
    i18n.global.locale.value = 'zh-CN'
    await settle()
    expect(text('drain-host-now')).toContain('已启用，已连接')
    expect(text('drain-host-now')).not.toMatch(/Enabled|Connected/)
    i18n.global.locale.value = 'en'
    await settle()
    expect(allByTestId('plan-row').map((r) => r.dataset.vmUuid)).not.toContain(stoppedVm.uuid)
    ;(document.querySelector('[data-testid="batch-then-maintain"]') as HTMLElement).click()
    await settle()
    api.startBatch.mockResolvedValueOnce(
      ok(batch([batchRow(0, 'queued'), batchRow(3, 'queued')], { kind: 'drain' }))
    )
    click(byTestId('batch-run'))
    await settle()
    expect(api.startBatch).toHaveBeenCalledWith(
      expect.objectContaining({ drain: { hostUuid: HOST_1, thenMaintain: true } })
    )

    // One VM could not leave: the host stays Enabled, the report says which and why, no maintenance offered.
    const drain = { host: { hostUuid: HOST_1, hostName: 'host-1' }, thenMaintain: true, stopped: [] }
    api.emit(
      'batch:update',
      batch(
        [
          batchRow(0, 'succeeded', { durationMs: 5200 }),
          batchRow(3, 'failed', { reason: appError('unexpected', {}) })
        ],
        {
          kind: 'drain',
          state: 'finished',
          drain: {
            ...drain,
            outcome: {
              empty: false,
              maintained: false,
              hostState: 'Enabled',
              remaining: [
                {
                  vmUuid: vm(3).uuid,
                  vmName: 'vm-003',
                  vmState: 'Running',
                  reason: appError('unexpected', {})
                }
              ]
            }
          },
          updatedAt: '2026-12-01T00:01:00.000Z'
        }
      )
    )
    await settle()
    expect(byTestId('batch-report')).toBeTruthy()
    expect(byTestId('drain-outcome')!.dataset.empty).toBe('false')
    expect(text('drain-remaining')).toContain('vm-003 (Running)')
    expect(byTestId('host-enter-maintenance')).toBeNull()
    const rows = allByTestId('report-row')
    expect(rows.map((r) => r.dataset.state)).toEqual(['succeeded', 'failed'])
    expect(rows[0]!.textContent).toContain('host-1')
    expect(rows[0]!.textContent).toContain('host-2')
    expect(rows[0]!.textContent).toContain('5.2 s')

    // Emptied: maintenance offered, entered, then exited.
    api.emit(
      'batch:update',
      batch([batchRow(0, 'succeeded'), batchRow(3, 'succeeded')], {
        kind: 'drain',
        state: 'finished',
        drain: {
          ...drain,
          thenMaintain: false,
          outcome: { empty: true, maintained: false, hostState: 'Enabled', remaining: [] }
        },
        updatedAt: '2026-12-01T00:02:00.000Z'
      })
    )
    await settle()
    /** Presses a host button, confirms, and checks what main was asked and what the report shows after. */
    async function changeHost(button: string, confirm: string, stateEvent: string, state: string) {
      api.changeHostState.mockResolvedValueOnce(ok({ ...TOPOLOGY.hosts[0]!, state }))
      click(byTestId(button))
      await settle()
      confirmDialog(confirm)
      await settle()
      expect(api.changeHostState).toHaveBeenLastCalledWith({
        profileId: 'demo',
        hostUuid: HOST_1,
        stateEvent
      })
      expect(byTestId('drain-host-state')!.dataset.state).toBe(state)
    }
    await changeHost('host-enter-maintenance', 'Enter maintenance', 'maintain', 'Maintenance')
    expect(byTestId('host-enter-maintenance')).toBeNull()
    await changeHost('host-exit-maintenance', 'Exit maintenance', 'enable', 'Enabled')
  })

  it('drains the host of the VM in the migrate dialog: that dialog closes, the drain plan opens in its place', async () => {
    await mountApp()
    api.getMigrationPlan.mockResolvedValueOnce(
      ok({
        vm: vm(0),
        current: {
          hostUuid: HOST_1,
          hostName: 'host-1',
          clusterName: 'cluster-kvm-a',
          zoneName: 'zone-east'
        },
        candidates: [],
        others: []
      })
    )
    useMigrationsStore().openDialog('demo', vm(0))
    await settle()
    api.planDrain.mockResolvedValueOnce(
      ok(
        plan([], {
          host: { hostUuid: HOST_1, hostName: 'host-1', state: 'Enabled', status: 'Connected' },
          stopped: []
        })
      )
    )
    expect(byTestId('drain-host')!.textContent).toContain('Drain this host')
    click(byTestId('drain-host'))
    await settle()
    expect(useMigrationsStore().dialogTarget).toBeNull()
    expect(api.planDrain).toHaveBeenCalledWith({ profileId: 'demo', hostUuid: HOST_1 })
    // Nothing runs on it: no queue to start, and maintenance is offered at once.
    expect(text('drain-nothing')).toContain('it can enter maintenance now')
    expect((byTestId('batch-run') as HTMLButtonElement).disabled).toBe(true)
    expect(byTestId('host-enter-maintenance')).toBeTruthy()
  })

  /** A finished batch: one VM moved, one skipped (its VM gone, a reason with a formula-like name). */
  const finishedBatch = () =>
    batch(
      [
        batchRow(0, 'succeeded', { durationMs: 3000 }),
        batchRow(1, 'skipped', { reason: appError('batchVmGone', { vm: '=vm-001' }) })
      ],
      { state: 'finished' }
    )

  /** The finished batch in Activity, listed there but not opened. */
  async function showFinishedInActivity(): Promise<void> {
    api.listBatches.mockResolvedValue(ok([finishedBatch()]))
    await mountApp()
    useMigrationsStore().openActivity()
    await settle()
  }

  /** Saves the open report as CSV, then JSON: each file's type and text. */
  async function saveReport(): Promise<{ type: string; text: string }[]> {
    const blobs: Blob[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:report'
    })
    click(byTestId('report-export-csv'))
    await settle()
    click(byTestId('report-export-json'))
    await settle()
    create.mockRestore()
    return Promise.all(blobs.map(async (b) => ({ type: b.type, text: await b.text() })))
  }

  it('exports the report as CSV and JSON and lists the batch in Activity, opened only on request', async () => {
    await showFinishedInActivity()
    const listed = allByTestId('activity-batch')
    expect(listed).toHaveLength(1)
    expect(listed[0]!.textContent).toContain('Batch migration · 2 VMs · Finished')
    expect(byTestId('batch-dialog')).toBeNull()
    click(byTestId('activity-batch-open'))
    await settle()
    expect(byTestId('batch-report')).toBeTruthy()
    expect(text('report-counts')).toBe('1 migrated · 0 failed · 1 skipped · 0 canceled')

    const [csv, json] = await saveReport()
    expect([csv!.type, json!.type]).toEqual(['text/csv;charset=utf-8', 'application/json;charset=utf-8'])
    const lines = csv!.text.split('\r\n')
    expect(lines[0]).toBe('vm,vmUuid,from,to,outcome,durationSeconds,reasonKind,reason')
    expect(lines[1]).toBe(`vm-000,${vm(0).uuid},host-1,host-2,succeeded,3.0,,`)
    // The reason in the window's words, its kind beside it; a leading = stays text, never a formula.
    expect(lines[2]).toBe(
      `vm-001,${vm(1).uuid},host-2,,skipped,,batchVmGone,"'=vm-001 no longer exists: it was skipped."`
    )
    expect(lines).toHaveLength(4)
    const rows = JSON.parse(json!.text).rows as Record<string, string>[]
    expect(rows.map((r) => [r.reasonKind, r.reason])).toEqual([
      ['', ''],
      ['batchVmGone', '=vm-001 no longer exists: it was skipped.']
    ])
  })

  it('writes the reasons in Chinese when the window is in zh-CN, the kinds unchanged', async () => {
    await showFinishedInActivity()
    i18n.global.locale.value = 'zh-CN'
    try {
      click(byTestId('activity-batch-open'))
      await settle()
      const [csv, json] = await saveReport()
      const skipped = csv!.text.split('\r\n')[2]!
      expect(skipped).toBe(`vm-001,${vm(1).uuid},host-2,,skipped,,batchVmGone,"'=vm-001 已不存在：已跳过。"`)
      const rows = JSON.parse(json!.text).rows as Record<string, string>[]
      expect(rows[1]).toMatchObject({ reasonKind: 'batchVmGone', reason: '=vm-001 已不存在：已跳过。' })
    } finally {
      i18n.global.locale.value = 'en'
    }
  })
})
