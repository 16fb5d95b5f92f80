import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../../src/shared/error-kinds'
import { api as realApi } from '@renderer/api'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import { useClustersStore } from '@renderer/stores/clusters'
import { useMigrationsStore } from '@renderer/stores/migrations'
import { VM_LIST_FIELDS } from '@renderer/stores/vm-view'
import type { Page, Result, VmInventory, VmQuery } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { session, vm, vmPage } from '../vms-support/fixtures'
import { $, $$, allByTestId, byTestId, click, mountInApp, settle, typeInto } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const lastQuery = (): VmQuery => api.queryVms.mock.calls.at(-1)![0] as VmQuery
const queries = (): number => api.queryVms.mock.calls.length
const headerCell = (title: string): HTMLElement =>
  $$('[data-testid="vm-th"]').find((th) => th.textContent?.trim().startsWith(title))!
/** Clicks a header the way a user does: on its sort button when it has one. */
const clickHeader = (title: string): void => {
  const th = headerCell(title)
  click(th.querySelector('button') ?? th)
}
const hover = (el: Element | null | undefined): void => {
  if (!el) throw new Error('element not found')
  el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
}
const rowFor = (n: number): HTMLElement => $(`[data-testid="vm-row"][data-vm-uuid="${vm(n).uuid}"]`)!

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

let mounted: ReturnType<typeof mountInApp> | undefined

async function mountList() {
  const wrapper = mountInApp(WorkspaceView)
  mounted = wrapper
  await useClustersStore().load()
  await settle(8)
  return wrapper
}

describe('VM list table', { timeout: 30_000 }, () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
    // Six rows a page keep the rendering cheap; the total still makes 137 VMs to page through.
    api.queryVms.mockImplementation(async (query: VmQuery) =>
      ok({ items: vmPage(query.start, 6).items, total: 137 })
    )
  })
  afterEach(() => {
    vi.useRealTimers()
    mounted?.unmount()
    mounted = undefined
    document.body.innerHTML = ''
  })

  it('opens the Demo cluster on first launch and shows names, not uuids', async () => {
    api.queryVms.mockImplementation(async (query: VmQuery) => ok(vmPage(query.start, query.limit)))
    await mountList()
    expect(api.queryVms).toHaveBeenCalledTimes(1)
    expect(lastQuery()).toEqual({
      profileId: 'demo',
      start: 0,
      limit: 20,
      fields: [...VM_LIST_FIELDS],
      replyWithCount: true,
      includeAppliance: false
    })
    expect(allByTestId('vm-row')).toHaveLength(20)
    const row = rowFor(1)
    expect(row.querySelector('[data-testid="vm-name"]')!.textContent).toBe('vm-001')
    expect(row.querySelector('[data-testid="vm-ip"]')!.textContent).toBe('10.10.0.11')
    expect(row.querySelector('[data-testid="vm-host"]')!.textContent).toBe('host-2')
    expect(row.querySelector('[data-testid="vm-cluster"]')!.textContent).toBe('cluster-kvm-a')
    expect(row.querySelector('[data-testid="vm-memory"]')!.textContent).toBe('2')
    expect(row.querySelector('[data-testid="vm-created"]')!.textContent).toBe('Nov 14, 2017')
    expect(row.querySelector('[data-testid="state-tag"]')!.textContent!.trim()).toBe('Running')
    // The full time shows on hover.
    hover(row.querySelector('[data-testid="vm-created"]'))
    await settle()
    expect(document.body.textContent).toContain('Nov 14, 2017, 10:20 PM')
    // A stopped VM shows where it last ran.
    expect(rowFor(4).querySelector('[data-testid="vm-host"]')!.textContent).toBe('last on host-2')
    expect(byTestId('vm-table')!.textContent).toContain('137 VMs')
  })

  it('sorts on the server when a sortable header is clicked: numbers from the largest, text from A, then off', async () => {
    await mountList()
    // Page 2 first: a new sort starts again at page 1.
    click($$('.n-pagination-item').find((item) => item.textContent?.trim() === '2'))
    await settle()
    expect(headerCell('Memory (GiB)').getAttribute('aria-sort')).toBe('none')
    clickHeader('Memory (GiB)')
    await settle()
    expect(lastQuery()).toMatchObject({ start: 0, sort: { field: 'memorySize', direction: 'desc' } })
    expect(headerCell('Memory (GiB)').getAttribute('aria-sort')).toBe('descending')
    clickHeader('Memory (GiB)')
    await settle()
    expect(lastQuery().sort).toEqual({ field: 'memorySize', direction: 'asc' })
    expect(headerCell('Memory (GiB)').getAttribute('aria-sort')).toBe('ascending')
    clickHeader('Memory (GiB)')
    await settle()
    expect(lastQuery().sort).toBeUndefined()
    expect(headerCell('Memory (GiB)').getAttribute('aria-sort')).toBe('none')
    clickHeader('Created')
    await settle()
    expect(lastQuery().sort).toEqual({ field: 'createDate', direction: 'desc' })
    expect(headerCell('Created').getAttribute('aria-sort')).toBe('descending')
    // Names are text: A first, then Z first, then the server's order.
    clickHeader('Name')
    await settle()
    expect(lastQuery().sort).toEqual({ field: 'name', direction: 'asc' })
    expect(headerCell('Name').getAttribute('aria-sort')).toBe('ascending')
    expect(headerCell('Created').getAttribute('aria-sort')).toBe('none')
    clickHeader('Name')
    await settle()
    expect(lastQuery().sort).toEqual({ field: 'name', direction: 'desc' })
    expect(headerCell('Name').getAttribute('aria-sort')).toBe('descending')
    clickHeader('Name')
    await settle()
    expect(lastQuery().sort).toBeUndefined()
    expect(headerCell('Name').getAttribute('aria-sort')).toBe('none')
    // The sortable headers are name, state, vCPU, memory and created; each is a real button.
    const sortable = $$('[data-testid="vm-th"]').filter((th) => th.hasAttribute('aria-sort'))
    expect(sortable.map((th) => th.dataset.columnKey)).toEqual([
      'name',
      'state',
      'cpuNum',
      'memorySize',
      'createDate'
    ])
    expect(sortable.every((th) => th.querySelector('button[type="button"]'))).toBe(true)
    // IP is not a server-side sort field: its header does nothing.
    const before = queries()
    clickHeader('IP')
    await settle()
    expect(queries()).toBe(before)
    expect(headerCell('IP').hasAttribute('aria-sort')).toBe(false)
  })

  it('pages on the server and changes the page size', async () => {
    await mountList()
    const pageButton = $$('.n-pagination-item').find((item) => item.textContent?.trim() === '3')!
    click(pageButton)
    await settle()
    expect(lastQuery()).toMatchObject({ start: 40, limit: 20 })
    expect(rowFor(40)).toBeTruthy()
    expect(allByTestId('vm-row')).toHaveLength(6)

    click($('.n-pagination .n-base-selection'))
    await settle()
    const option = $$('.n-base-select-option').find((el) => el.textContent?.includes('50'))!
    click(option)
    await settle()
    expect(lastQuery()).toMatchObject({ start: 0, limit: 50 })
    expect($$('.n-base-select-option').map((el) => el.textContent?.replace(/\D/g, ''))).toEqual([
      '20',
      '50',
      '100',
      '500'
    ])
  })

  it('sends the search once typing pauses, trimmed, and back on page 1', async () => {
    await mountList()
    click($$('.n-pagination-item').find((item) => item.textContent?.trim() === '2'))
    await settle()
    const before = queries()
    const search = byTestId('vm-search')!
    // The search waits 150 ms after the last keystroke: a fake clock, so a slow machine cannot stretch the pause.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    // Key by key, as typed: each input event one character longer.
    const keys = async (text: string, from: number, gapMs: number): Promise<void> => {
      for (let end = from + 1; end <= text.length; end++) {
        typeInto(search, text.slice(0, end))
        await vi.advanceTimersByTimeAsync(gapMs)
      }
    }
    await keys('10.10', 0, 60)
    await keys('10.10.0.15 ', 5, 80)
    expect(queries()).toBe(before)
    await vi.advanceTimersByTimeAsync(200)
    expect(queries()).toBe(before + 1)
    expect(lastQuery()).toMatchObject({ search: '10.10.0.15', start: 0 })
  })

  it('searches a pasted text at once, dropping the keystrokes still waiting', async () => {
    await mountList()
    const before = queries()
    const search = byTestId('vm-search')!
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    typeInto(search, '1')
    await vi.advanceTimersByTimeAsync(50)
    expect(queries()).toBe(before)
    // A paste replaces the text whole: no pause to wait for.
    typeInto(search, '10.10.0.15')
    await vi.advanceTimersByTimeAsync(0)
    expect(queries()).toBe(before + 1)
    expect(lastQuery()).toMatchObject({ search: '10.10.0.15', start: 0 })
    // The keystroke's timer was dropped: nothing else is sent once it would have fired.
    await vi.advanceTimersByTimeAsync(500)
    expect(queries()).toBe(before + 1)
  })

  it('auto-refresh shows its interval, offers the others, and keeps the one picked', async () => {
    await mountList()
    const interval = byTestId('vm-auto-refresh-interval')!
    expect(interval.textContent).toContain('every 15 s')
    expect(
      interval.querySelector('input')?.getAttribute('aria-label') ?? interval.getAttribute('aria-label')
    ).toBe('Auto-refresh interval')
    click(interval.querySelector('.n-base-selection'))
    await settle()
    expect($$('.n-base-select-option').map((el) => el.textContent?.trim())).toEqual([
      'every 10 s',
      'every 15 s',
      'every 30 s',
      'every 1 min',
      'every 5 min'
    ])
    click($$('.n-base-select-option').find((el) => el.textContent?.trim() === 'every 1 min'))
    await settle()
    expect(byTestId('vm-auto-refresh-interval')!.textContent).toContain('every 1 min')
    expect(JSON.parse(localStorage.getItem('zstack-desk.vm-list')!)).toMatchObject({ intervalSec: 60 })
  })

  it('filters by state and shows appliance VMs only when asked', async () => {
    await mountList()
    click(byTestId('vm-filter-state')!.querySelector('.n-base-selection'))
    await settle()
    click($$('.n-base-select-option').find((el) => el.textContent?.trim() === 'Paused'))
    await settle()
    expect(lastQuery().states).toEqual(['Paused'])
    click(byTestId('vm-filter-appliance'))
    await settle()
    expect(lastQuery()).toMatchObject({ states: ['Paused'], includeAppliance: true })
    expect(byTestId('vm-filter-clear')).toBeTruthy()
  })

  it('offers Migrate only for a migratable state, and hands the VM to the migrate dialog', async () => {
    await mountList()
    const stoppedMigrate = rowFor(4).querySelector<HTMLButtonElement>('[data-testid="vm-action-migrate"]')!
    expect(stoppedMigrate.disabled).toBe(true)
    const reason = 'Only a Running, Paused or Unknown VM can be live-migrated; this one is Stopped.'
    // The reason is the disabled button's description, and shows when the pointer is on it.
    expect(stoppedMigrate.title).toContain(reason)
    expect(document.body.textContent).not.toContain(reason)
    hover(rowFor(4).querySelector('[data-testid="vm-migrate-blocked"]'))
    await settle()
    expect(document.body.textContent).toContain(reason)
    // A running VM's Migrate is enabled and explains nothing.
    expect(rowFor(1).querySelector<HTMLButtonElement>('[data-testid="vm-action-migrate"]')!.disabled).toBe(
      false
    )
    expect(rowFor(1).querySelector('[data-testid="vm-migrate-blocked"]')).toBeNull()
    click(rowFor(1).querySelector('[data-testid="vm-action-migrate"]'))
    expect(useMigrationsStore().dialogTarget).toEqual({
      profileId: 'demo',
      vm: expect.objectContaining({ uuid: vm(1).uuid, name: 'vm-001' })
    })
  })

  it('shows an error with its code and a Retry when nothing could be loaded', async () => {
    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: appError(
        'zstackInvalidArgument',
        { zstackCode: 'SYS.1007' },
        { zstack: { code: 'SYS.1007', details: 'invalid query condition' } }
      )
    })
    await mountList()
    const alert = byTestId('vm-list-error')!
    expect(alert.textContent).toContain('The management node refused a parameter (ZStack SYS.1007).')
    expect(alert.textContent).toContain('SYS.1007')
    expect(alert.textContent).toContain('invalid query condition')
    click(byTestId('vm-list-retry'))
    await settle()
    expect(byTestId('vm-list-error')).toBeNull()
    expect(allByTestId('vm-row')).toHaveLength(6)
  })

  it('keyboard: / focuses search, arrows pick a row, Enter inspects it, Ctrl+R refreshes', async () => {
    api.getVm.mockImplementation(async () => ok(vm(1)))
    await mountList()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '/' }))
    expect(document.activeElement).toBe(byTestId('vm-search'))
    ;(document.activeElement as HTMLElement).blur()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }))
    await settle()
    expect(rowFor(1).dataset.selected).toBe('true')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    await settle()
    expect(api.getVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: vm(1).uuid })
    const before = queries()
    const refresh = new KeyboardEvent('keydown', { key: 'r', ctrlKey: true, cancelable: true })
    window.dispatchEvent(refresh)
    await settle()
    expect(refresh.defaultPrevented).toBe(true)
    expect(queries()).toBe(before + 1)
  })
  it('while loading keeps the rows on screen under a thin bar, and shows a spinner only when there are none', async () => {
    api.getSessions.mockImplementation(async () => ok([session('lab', 'signed-in')]))
    await mountList()
    const first = rowFor(0)
    const answer = deferred<Result<Page<VmInventory>>>()
    api.queryVms.mockImplementationOnce(() => answer.promise)
    click(byTestId('vm-refresh'))
    await settle()
    expect(byTestId('vm-list-loading')).toBeTruthy()
    expect(byTestId('vm-list-loading')!.getAttribute('role')).toBe('progressbar')
    expect($('[role="table"]')!.getAttribute('aria-busy')).toBe('true')
    expect(byTestId('vm-refresh')!.classList.contains('loading')).toBe(true)
    expect(byTestId('busy-spinner')).toBeNull()
    // The same row elements, not a re-created table.
    expect(rowFor(0)).toBe(first)
    answer.resolve(ok({ items: vmPage(0, 6).items, total: 137 }))
    await settle()
    expect(byTestId('vm-list-loading')).toBeNull()
    expect($('[role="table"]')!.getAttribute('aria-busy')).toBe('false')
    expect(byTestId('vm-refresh')!.classList.contains('loading')).toBe(false)

    // Another cluster has nothing on screen yet: the spinner, no rows, no "empty" message.
    const other = deferred<Result<Page<VmInventory>>>()
    api.queryVms.mockImplementationOnce(() => other.promise)
    useClustersStore().select('lab')
    await settle()
    expect(allByTestId('vm-row')).toHaveLength(0)
    expect(byTestId('busy-spinner')).toBeTruthy()
    expect(byTestId('vm-list-loading')).toBeNull()
    expect(byTestId('vm-list-empty')).toBeNull()
    other.resolve(ok({ items: [], total: 0 }))
    await settle()
    expect(byTestId('busy-spinner')).toBeNull()
    expect(byTestId('vm-list-empty')!.textContent).toContain('This cluster has no VMs.')
  })

  it('says when no VM matches the filters, and shows no "empty" message under an error', async () => {
    api.queryVms.mockImplementation(async (query: VmQuery) =>
      ok(query.search ? { items: [], total: 0 } : { items: vmPage(0, 6).items, total: 137 })
    )
    await mountList()
    typeInto(byTestId('vm-search'), 'nothing-like-this')
    await vi.waitFor(
      () => expect(byTestId('vm-list-empty')!.textContent).toContain('No VM matches these filters.'),
      { timeout: 5000 }
    )
    expect(allByTestId('vm-row')).toHaveLength(0)

    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: appError('noAnswerInTime', { address: 'zstack.lab:8080', seconds: 30 })
    })
    click(byTestId('vm-refresh'))
    await settle()
    expect(byTestId('vm-list-error')).toBeTruthy()
    expect(byTestId('vm-list-empty')).toBeNull()
  })

  it('starts a VM with a busy button, and stops one only after asking', async () => {
    const started = deferred<Result<VmInventory>>()
    api.startVm.mockImplementation(() => started.promise)
    api.stopVm.mockImplementation(async () => ok(vm(1, { state: 'Stopped', hostUuid: null })))
    await mountList()
    const start = rowFor(4).querySelector<HTMLButtonElement>('[data-testid="vm-action-start"]')!
    expect(start.tagName).toBe('BUTTON')
    click(start)
    await settle()
    const busy = rowFor(4).querySelector<HTMLButtonElement>('[data-testid="vm-action-start"]')!
    expect(busy.disabled).toBe(true)
    expect(busy.classList.contains('loading')).toBe(true)
    expect(busy.getAttribute('aria-busy')).toBe('true')
    // Clicking a button does not select its row.
    expect(rowFor(4).dataset.selected).toBeUndefined()
    started.resolve(ok(vm(4, { state: 'Running', hostUuid: vm(1).hostUuid })))
    await settle()
    expect(api.startVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: vm(4).uuid })
    expect(rowFor(4).querySelector('[data-testid="state-tag"]')!.getAttribute('data-state')).toBe('Running')
    expect(rowFor(4).querySelector('[data-testid="vm-action-stop"]')).toBeTruthy()

    click(rowFor(1).querySelector('[data-testid="vm-action-stop"]'))
    await settle()
    expect(api.stopVm).not.toHaveBeenCalled()
    click($$('.n-dialog .n-button').find((b) => b.textContent?.trim() === 'Stop'))
    await settle()
    expect(api.stopVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: vm(1).uuid })
    expect(rowFor(1).querySelector('[data-testid="state-tag"]')!.getAttribute('data-state')).toBe('Stopped')
  })

  it('disables Stop while a VM is Migrating, and says why on hover', async () => {
    api.queryVms.mockImplementation(async () =>
      ok({ items: [vm(1, { state: 'Migrating' }), vm(2)], total: 2 })
    )
    await mountList()
    const stop = rowFor(1).querySelector<HTMLButtonElement>('[data-testid="vm-action-stop"]')!
    expect(stop.disabled).toBe(true)
    const reason = 'A VM that is Migrating cannot be stopped; wait until it settles.'
    expect(stop.title).toBe(reason)
    hover(stop.parentElement)
    await settle()
    expect(document.body.textContent).toContain(reason)
    // A running VM's Stop is enabled and explains nothing.
    const running = rowFor(2).querySelector<HTMLButtonElement>('[data-testid="vm-action-stop"]')!
    expect(running.disabled).toBe(false)
    expect(running.title).toBe('')
    click(stop)
    await settle()
    expect($$('.n-dialog')).toHaveLength(0)
    expect(api.stopVm).not.toHaveBeenCalled()
  })

  it('the last rows of an unreachable cluster keep Inspect, and disable Migrate, Start and Stop with the reason', async () => {
    await mountList()
    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: appError('nothingAnswers', { address: '10.0.0.1:8080' })
    })
    click(byTestId('vm-refresh'))
    await settle()
    expect(byTestId('vm-list-stale')).toBeTruthy()
    const reason =
      /^The cluster does not answer: this row is the last known, from .+\. Actions come back once it answers\.$/
    for (const n of [1, 4]) {
      const row = rowFor(n)
      const buttons = ['vm-action-migrate', n === 4 ? 'vm-action-start' : 'vm-action-stop'].map((id) =>
        row.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!
      )
      for (const button of buttons) {
        expect(button.disabled, button.dataset.testid).toBe(true)
        expect(button.title).toMatch(reason)
      }
      expect(row.querySelector<HTMLButtonElement>('[data-testid="vm-action-inspect"]')!.disabled).toBe(false)
    }
    hover(rowFor(4).querySelector('[data-testid="vm-action-start"]')!.parentElement)
    await settle()
    expect(document.body.textContent).toMatch(/The cluster does not answer: this row is the last known/)
    // It answers again: the actions come back.
    click(byTestId('vm-list-retry'))
    await settle()
    expect(byTestId('vm-list-stale')).toBeNull()
    expect(rowFor(4).querySelector<HTMLButtonElement>('[data-testid="vm-action-start"]')!.disabled).toBe(
      false
    )
    expect(rowFor(1).querySelector<HTMLButtonElement>('[data-testid="vm-action-migrate"]')!.disabled).toBe(
      false
    )
  })

  it('marks appliance VMs, and a click selects a row and a double click inspects it', async () => {
    api.getVm.mockImplementation(async () => ok(vm(2)))
    api.queryVms.mockImplementation(async () =>
      ok({ items: [vm(1), vm(2, { type: 'ApplianceVm', name: 'vrouter-1' })], total: 2 })
    )
    await mountList()
    expect(rowFor(2).querySelector('[data-testid="vm-name"]')!.textContent).toBe('vrouter-1 · appliance')
    expect($('[role="table"]')!.getAttribute('aria-label')).toBe('VMs')
    expect(allByTestId('vm-row').every((row) => row.getAttribute('role') === 'row')).toBe(true)
    rowFor(2).click()
    await settle()
    expect(rowFor(2).dataset.selected).toBe('true')
    expect(rowFor(2).classList.contains('selected')).toBe(true)
    rowFor(2).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }))
    await settle()
    expect(api.getVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: vm(2).uuid })
  })
})
