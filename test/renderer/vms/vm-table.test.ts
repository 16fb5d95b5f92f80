import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api as realApi } from '@renderer/api'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import { useClustersStore } from '@renderer/stores/clusters'
import { useMigrationsStore } from '@renderer/stores/migrations'
import { VM_LIST_FIELDS } from '@renderer/stores/vms'
import type { VmQuery } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { vm, vmPage } from '../vms-support/fixtures'
import { $, $$, allByTestId, byTestId, click, mountInApp, settle, typeInto } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const lastQuery = (): VmQuery => api.queryVms.mock.calls.at(-1)![0] as VmQuery
const queries = (): number => api.queryVms.mock.calls.length
const headerCell = (title: string): HTMLElement =>
  $$('.n-data-table-th').find((th) => th.textContent?.trim().startsWith(title))!
const rowFor = (n: number): HTMLElement => $(`[data-testid="vm-row"][data-vm-uuid="${vm(n).uuid}"]`)!
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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
    expect(row.querySelector('[data-testid="vm-created"]')!.getAttribute('title')).toBe(
      'Nov 14, 2017, 10:20 PM'
    )
    expect(row.querySelector('[data-testid="state-tag"]')!.textContent!.trim()).toBe('Running')
    // A stopped VM shows where it last ran.
    expect(rowFor(4).querySelector('[data-testid="vm-host"]')!.textContent).toBe('last on host-2')
    expect(byTestId('vm-table')!.textContent).toContain('137 VMs')
  })

  it('sorts on the server when a sortable header is clicked: descending, ascending, then off', async () => {
    await mountList()
    click(headerCell('Memory (GiB)'))
    await settle()
    expect(lastQuery()).toMatchObject({ start: 0, sort: { field: 'memorySize', direction: 'desc' } })
    click(headerCell('Memory (GiB)'))
    await settle()
    expect(lastQuery().sort).toEqual({ field: 'memorySize', direction: 'asc' })
    click(headerCell('Memory (GiB)'))
    await settle()
    expect(lastQuery().sort).toBeUndefined()
    click(headerCell('Created'))
    await settle()
    expect(lastQuery().sort).toEqual({ field: 'createDate', direction: 'desc' })
    // IP is not a server-side sort field: its header does nothing.
    const before = queries()
    click(headerCell('IP'))
    await settle()
    expect(queries()).toBe(before)
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
    typeInto(search, '10.10')
    await sleep(100)
    typeInto(search, '10.10.0.15 ')
    await sleep(150)
    expect(queries()).toBe(before)
    await sleep(250)
    expect(queries()).toBe(before + 1)
    expect(lastQuery()).toMatchObject({ search: '10.10.0.15', start: 0 })
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
    expect(rowFor(4).querySelector('[data-testid="vm-migrate-blocked"]')).toBeTruthy()
    click(rowFor(1).querySelector('[data-testid="vm-action-migrate"]'))
    expect(useMigrationsStore().dialogTarget).toEqual({
      profileId: 'demo',
      vm: expect.objectContaining({ uuid: vm(1).uuid, name: 'vm-001' })
    })
  })

  it('shows an error with its code and a Retry when nothing could be loaded', async () => {
    api.queryVms.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'ZSTACK',
        message: 'ZStack refused the query.',
        zstack: { code: 'SYS.1007', details: 'invalid query condition' }
      }
    })
    await mountList()
    const alert = byTestId('vm-list-error')!
    expect(alert.textContent).toContain('ZStack refused the query.')
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
})
