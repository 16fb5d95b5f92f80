import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../src/shared/error-kinds'
import { defineComponent, h } from 'vue'
import { api as realApi } from '@renderer/api'
import ActivityButton from '@renderer/features/activity/ActivityButton.vue'
import ActivityPanel from '@renderer/features/activity/ActivityPanel.vue'
import { useMigrationsStore } from '@renderer/stores/migrations'
import type { FakeApi } from './migrate-support/fake-api'
import { VM, record, uuid } from './migrate-support/fixtures'
import type { MigrationRecord, VmActionRecord } from '../../src/shared/api'
import { $$, byTestId, mountInApp, settle } from './support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeApi } = await import('./migrate-support/fake-api')
  return { api: createFakeApi(), transport: 'web' }
})
const api = realApi as unknown as FakeApi

const Shell = defineComponent({ setup: () => () => h('div', [h(ActivityButton), h(ActivityPanel)]) })

const HISTORY = [
  record({
    id: 'ok',
    vmName: 'web-01',
    state: 'succeeded',
    createdAt: '2025-01-01T09:00:00Z',
    submittedAt: '2025-01-01T09:00:00.100Z',
    finishedAt: '2025-01-01T09:00:04Z',
    after: { hostUuid: uuid(2), hostName: 'host-b' },
    params: { hostUuid: uuid(2), strategy: 'auto-converge', downTime: 500 }
  }),
  record({
    id: 'bad',
    vmName: 'db-01',
    profileId: 'lab',
    profileName: 'Lab',
    state: 'failed',
    createdAt: '2025-01-01T08:00:00Z',
    submittedAt: '2025-01-01T08:00:00.100Z',
    finishedAt: '2025-01-01T08:00:02Z',
    params: {},
    error: appError(
      'zstackOperationFailed',
      { zstackCode: 'SYS.1006' },
      { zstack: { code: 'SYS.1006', description: 'operation failed' } }
    )
  }),
  record({
    id: 'live',
    vmName: 'app-07',
    state: 'running',
    observedVmState: 'Migrating',
    createdAt: '2025-01-01T10:00:00Z'
  })
]

/** A stop asked for from the inspector, as main's VM action log answers it. */
const STOP: VmActionRecord = {
  id: 'stop-1',
  action: 'stop',
  profileId: 'demo',
  profileName: 'Demo',
  vmUuid: uuid(0xb2),
  vmName: 'cache-02',
  jobUuid: 'e'.repeat(32),
  state: 'succeeded',
  createdAt: '2025-01-01T09:30:00Z',
  updatedAt: '2025-01-01T09:30:02Z',
  finishedAt: '2025-01-01T09:30:02Z',
  before: { hostUuid: uuid(1), hostName: 'host-a', vmState: 'Running' },
  after: { hostUuid: null, lastHostUuid: uuid(1), vmState: 'Stopped' }
}

const rows = (): string[] => $$('[data-testid="activity-row"]').map((row) => row.dataset.vm!)

async function choose(testId: string, label: string): Promise<void> {
  ;(byTestId(testId)!.querySelector('.n-base-selection') as HTMLElement).click()
  await settle(2)
  const option = $$('.n-base-select-option').find((o) => o.textContent?.trim() === label)
  if (!option) throw new Error(`no option ${label}`)
  option.click()
  await settle(2)
}

describe('activity panel', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.reset()
    api.listMigrations.mockResolvedValue({ ok: true, data: HISTORY })
    api.listVmActions.mockResolvedValue({ ok: true, data: [] })
    api.getVm.mockResolvedValue({
      ok: true,
      data: { ...VM, name: 'db-01', state: 'Running', hostUuid: uuid(1) }
    })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('loads the history at start, shows the running count on the header button, and lists every migration', async () => {
    const wrapper = mountInApp(Shell)
    await settle()
    expect(api.listMigrations).toHaveBeenCalledWith({})
    expect(byTestId('activity-badge')!.textContent).toContain('1')
    byTestId('activity-button')!.click()
    await settle()
    expect(rows()).toEqual(['app-07', 'web-01', 'db-01'])
    const failed = $$('[data-testid="activity-row"]').find((r) => r.dataset.vm === 'db-01')!
    expect(failed.textContent).toContain('SYS.1006: operation failed')
    const running = $$('[data-testid="activity-row"]').find((r) => r.dataset.vm === 'app-07')!
    expect(running.textContent).toContain('Migrating')
    expect(running.textContent).toMatch(/running for/)
    wrapper.unmount()
  })

  it('filters by cluster, state and VM name', async () => {
    const wrapper = mountInApp(Shell)
    await settle()
    useMigrationsStore().openActivity()
    await settle()
    await choose('activity-filter-state', 'Failed')
    expect(rows()).toEqual(['db-01'])
    await choose('activity-filter-state', 'In progress')
    expect(rows()).toEqual(['app-07'])
    await choose('activity-filter-state', 'All states')
    await choose('activity-filter-cluster', 'Lab')
    expect(rows()).toEqual(['db-01'])
    await choose('activity-filter-cluster', 'All clusters')
    const input = byTestId('activity-filter-vm')!.querySelector('input')!
    input.value = 'WEB'
    input.dispatchEvent(new Event('input'))
    await settle(2)
    expect(rows()).toEqual(['web-01'])
    wrapper.unmount()
  })

  it('shows the details of a migration: parameters sent, job, timings and before/after', async () => {
    const wrapper = mountInApp(Shell)
    await settle()
    useMigrationsStore().openActivity()
    await settle()
    $$('[data-testid="activity-row"]')
      .find((r) => r.dataset.vm === 'web-01')!
      .click()
    await settle()
    const details = byTestId('migration-details')!
    expect(details.textContent).toContain('f'.repeat(32))
    const params = byTestId('details-params')!.textContent!
    expect(params).toContain('strategy')
    expect(params).toContain('auto-converge')
    expect(params).toContain('downTime')
    expect(params).toContain('500')
    expect(byTestId('result-duration')!.textContent).toContain('3.9 s')
    expect(byTestId('placement-comparison')!.textContent).toContain('host-b')
    byTestId('activity-back')!.click()
    await settle()
    $$('[data-testid="activity-row"]')
      .find((r) => r.dataset.vm === 'db-01')!
      .click()
    await settle()
    expect(byTestId('details-params-none')).not.toBeNull()
    expect(byTestId('error-code')!.textContent).toBe('SYS.1006')
    expect(byTestId('error-advice')!.textContent).toContain('Detach the ISO')
    // The VM's state is read again so the user sees where it is now.
    expect(api.getVm).toHaveBeenCalledWith({ profileId: 'lab', vmUuid: VM.uuid })
    expect(byTestId('recheck-state')!.dataset.state).toBe('Running')
    expect(byTestId('recheck-host')!.textContent).toContain('host-a')
    wrapper.unmount()
  })

  it('lists starts and stops beside the migrations, labelled, filtered like them, and follows their updates', async () => {
    api.listVmActions.mockResolvedValue({ ok: true, data: [STOP] })
    const wrapper = mountInApp(Shell)
    await settle()
    expect(api.listVmActions).toHaveBeenCalledWith({})
    useMigrationsStore().openActivity()
    await settle()
    expect(rows()).toEqual(['app-07', 'cache-02', 'web-01', 'db-01'])
    const stop = $$('[data-testid="activity-row"]').find((r) => r.dataset.vm === 'cache-02')!
    expect(stop.dataset.kind).toBe('stop')
    expect(stop.querySelector('[data-testid="row-state"]')!.closest('.labelled')!.textContent).toMatch(
      /Stop\s*Succeeded/
    )
    expect(stop.querySelector('[data-testid="row-vm-state"]')!.textContent).toMatch(/VM\s*Running.*Stopped/)
    expect(stop.querySelector('[data-testid="row-route"]')!.textContent).toContain('Demo · on host-a')
    expect(stop.querySelector('[data-testid="row-timing"]')!.textContent).toBe('took 2.0 s')
    // Nothing more to show than its row: it opens no details.
    stop.click()
    await settle()
    expect(byTestId('migration-details')).toBeNull()
    await choose('activity-filter-state', 'Failed')
    expect(rows()).toEqual(['db-01'])
    await choose('activity-filter-state', 'Succeeded')
    expect(rows()).toEqual(['cache-02', 'web-01'])
    await choose('activity-filter-cluster', 'Demo')
    expect(rows()).toEqual(['cache-02', 'web-01'])
    await choose('activity-filter-state', 'All states')
    // A new start arrives as an event, then its answer: one row, its state moving on, never back.
    const start: VmActionRecord = {
      ...STOP,
      id: 'start-1',
      action: 'start',
      state: 'submitted',
      createdAt: '2025-01-01T11:00:00Z',
      updatedAt: '2025-01-01T11:00:00Z',
      before: STOP.after!,
      after: undefined,
      finishedAt: undefined
    }
    api.emit('vm-action:update', start)
    await settle()
    const done = { ...start, state: 'failed' as const, updatedAt: '2025-01-01T11:00:01Z' }
    api.emit('vm-action:update', {
      ...done,
      error: appError(
        'zstackOperationFailed',
        { zstackCode: 'SYS.1006' },
        { zstack: { code: 'SYS.1006', description: 'no capacity' } }
      )
    })
    api.emit('vm-action:update', start)
    await settle()
    expect(rows()[0]).toBe('cache-02')
    const failed = $$('[data-testid="activity-row"]')[0]!
    expect(failed.dataset.kind).toBe('start')
    expect(failed.dataset.state).toBe('failed')
    expect(failed.textContent).toContain('SYS.1006: no capacity')
    wrapper.unmount()
  })

  it('notifies when a running migration ends, once', async () => {
    const wrapper = mountInApp(Shell)
    await settle()
    api.emit('migration:update', {
      ...HISTORY[2]!,
      state: 'succeeded',
      updatedAt: '2025-01-01T10:00:03Z',
      finishedAt: '2025-01-01T10:00:03Z',
      after: { hostUuid: uuid(3), hostName: 'host-c' }
    })
    api.emit('migration:update', { ...HISTORY[2]!, state: 'succeeded', updatedAt: '2025-01-01T10:00:04Z' })
    await settle()
    const notes = $$('.n-notification')
    expect(notes).toHaveLength(1)
    expect(notes[0]!.textContent).toContain('app-07 migrated')
    expect(notes[0]!.textContent).toContain('host-c')
    expect(byTestId('activity-badge')!.querySelector('.n-badge-sup')).toBeNull()
    wrapper.unmount()
  })

  it('shows no success toast over an open migrate dialog: none for its own migration, the others once it closes', async () => {
    const wrapper = mountInApp(Shell)
    await settle()
    const store = useMigrationsStore()
    const succeeded = (patch: Partial<MigrationRecord>): MigrationRecord => ({
      ...HISTORY[2]!,
      state: 'succeeded',
      updatedAt: '2025-01-01T10:00:03Z',
      finishedAt: '2025-01-01T10:00:03Z',
      after: { hostUuid: uuid(3), hostName: 'host-c' },
      ...patch
    })
    // The dialog follows app-07's running migration (HISTORY[2] is for VM's uuid).
    store.openDialog('demo', VM)
    expect(store.dialogRecord?.id).toBe('live')
    api.emit('migration:update', {
      ...record({ id: 'other', vmUuid: uuid(0xb9), vmName: 'batch-09', state: 'running' })
    })
    await settle()
    api.emit('migration:update', succeeded({}))
    api.emit(
      'migration:update',
      succeeded({ id: 'other', vmUuid: uuid(0xb9), vmName: 'batch-09', updatedAt: '2025-01-01T10:00:05Z' })
    )
    await settle()
    expect($$('.n-notification')).toHaveLength(0)
    store.closeDialog()
    await settle()
    const notes = $$('.n-notification').map((n) => n.textContent)
    expect(notes).toHaveLength(1)
    expect(notes[0]).toContain('batch-09 migrated')
    wrapper.unmount()
  })
})
