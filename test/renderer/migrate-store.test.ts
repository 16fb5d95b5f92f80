import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { api as realApi } from '@renderer/api'
import { useMigrationsStore } from '@renderer/stores/migrations'
import { useVmListStore } from '@renderer/stores/vm-list'
import type { FakeApi } from './migrate-support/fake-api'
import { VM, record } from './migrate-support/fixtures'
import { settle } from './support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeApi } = await import('./migrate-support/fake-api')
  return { api: createFakeApi(), transport: 'web' }
})
const api = realApi as unknown as FakeApi

describe('migrations store', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.reset()
    setActivePinia(createPinia())
  })

  it('applies migration:update events in order and never steps a record back', () => {
    const store = useMigrationsStore()
    api.emit('migration:update', record({ state: 'submitted' }))
    expect(store.records.m1?.state).toBe('submitted')
    expect(store.runningCount).toBe(1)

    api.emit(
      'migration:update',
      record({ state: 'running', polls: 1, observedVmState: 'Migrating', updatedAt: '2025-01-01T10:00:01Z' })
    )
    api.emit(
      'migration:update',
      record({ state: 'running', polls: 2, observedVmState: 'Migrating', updatedAt: '2025-01-01T10:00:02Z' })
    )
    // A late, older event (the submit reply, or a poll overtaken) changes nothing.
    api.emit('migration:update', record({ state: 'running', polls: 1, updatedAt: '2025-01-01T10:00:01Z' }))
    api.emit('migration:update', record({ state: 'submitted' }))
    expect(store.records.m1).toMatchObject({ state: 'running', polls: 2, observedVmState: 'Migrating' })

    api.emit('migration:update', record({ state: 'succeeded', polls: 3, updatedAt: '2025-01-01T10:00:03Z' }))
    api.emit('migration:update', record({ state: 'running', polls: 4, updatedAt: '2025-01-01T10:00:04Z' }))
    expect(store.records.m1?.state).toBe('succeeded')
    expect(store.runningCount).toBe(0)
  })

  it('keeps several migrations side by side, newest first', () => {
    const store = useMigrationsStore()
    api.emit('migration:update', record({ id: 'a', createdAt: '2025-01-01T10:00:00Z' }))
    api.emit(
      'migration:update',
      record({ id: 'b', vmName: 'db-01', createdAt: '2025-01-01T10:05:00Z', state: 'running' })
    )
    api.emit('migration:update', record({ id: 'c', createdAt: '2025-01-01T09:00:00Z', state: 'failed' }))
    expect(store.history.map((r) => r.id)).toEqual(['b', 'a', 'c'])
    expect(store.running.map((r) => r.id)).toEqual(['b', 'a'])
  })

  it('announces a migration once when it ends, but not the finished ones loaded from history', async () => {
    api.listMigrations.mockResolvedValue({
      ok: true,
      data: [record({ id: 'old', state: 'succeeded' }), record({ id: 'live' })]
    })
    const store = useMigrationsStore()
    const finished = vi.fn()
    store.onFinished(finished)
    await store.start()
    expect(store.historyStatus).toBe('ready')
    expect(finished).not.toHaveBeenCalled()
    api.emit('migration:update', record({ id: 'live', state: 'failed', updatedAt: '2025-01-01T11:00:00Z' }))
    api.emit('migration:update', record({ id: 'live', state: 'failed', updatedAt: '2025-01-01T11:00:01Z' }))
    expect(finished).toHaveBeenCalledTimes(1)
    expect(finished.mock.calls[0]![0]).toMatchObject({ id: 'live', state: 'failed' })
  })

  it('refreshes the VM list of that cluster when a migration succeeds', async () => {
    api.getTopology.mockResolvedValue({ ok: false, error: { code: 'NETWORK', message: 'offline' } })
    // The stores listen to events from the moment they exist.
    useMigrationsStore()
    await useVmListStore().open('demo')
    expect(api.queryVms).toHaveBeenCalledTimes(1)
    api.emit('migration:update', record({ state: 'running' }))
    api.emit('migration:update', record({ id: 'other', profileId: 'lab', state: 'succeeded' }))
    await settle(1)
    expect(api.queryVms).toHaveBeenCalledTimes(1)
    api.emit('migration:update', record({ state: 'succeeded', updatedAt: '2025-01-01T11:00:00Z' }))
    await settle(1)
    expect(api.queryVms).toHaveBeenCalledTimes(2)
    expect(api.queryVms).toHaveBeenLastCalledWith(expect.objectContaining({ profileId: 'demo', start: 0 }))
  })

  it('refuses a second submission for a VM whose first is unanswered or running, without calling main', async () => {
    let answer: (value: unknown) => void = () => {}
    api.migrateVm.mockImplementation(() => new Promise((resolve) => (answer = resolve)))
    const store = useMigrationsStore()
    const first = store.submit('demo', VM.uuid, {})
    const second = await store.submit('demo', VM.uuid, {})
    expect(second).toMatchObject({ ok: false, error: { code: 'MIGRATION_IN_PROGRESS' } })
    answer({ ok: true, data: record({ state: 'submitted' }) })
    expect((await first).ok).toBe(true)
    const third = await store.submit('demo', VM.uuid, {})
    expect(third).toMatchObject({ ok: false, error: { code: 'MIGRATION_IN_PROGRESS' } })
    expect(api.migrateVm).toHaveBeenCalledTimes(1)
  })

  it('opens the dialog on the running migration of that VM instead of a new form', () => {
    const store = useMigrationsStore()
    api.emit('migration:update', record({ id: 'busy', state: 'running' }))
    store.openDialog('demo', VM)
    expect(store.dialogRecord?.id).toBe('busy')
    store.closeDialog()
    expect(store.dialogTarget).toBeNull()
    api.emit(
      'migration:update',
      record({ id: 'busy', state: 'succeeded', updatedAt: '2025-01-02T00:00:00Z' })
    )
    store.openDialog('demo', VM)
    expect(store.dialogRecord).toBeUndefined()
  })
})
