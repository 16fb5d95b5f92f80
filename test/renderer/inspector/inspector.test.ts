import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../../src/shared/error-kinds'
import { api as realApi } from '@renderer/api'
import WorkspaceView from '@renderer/components/WorkspaceView.vue'
import { useClustersStore } from '@renderer/stores/clusters'
import { useMigrationsStore } from '@renderer/stores/migrations'
import { useInspectorStore } from '@renderer/stores/inspector'
import { useTopologyStore } from '@renderer/stores/topology'
import type { VmQuery } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { HOST_2, L3_PUBLIC, fullVm, vm, vmPage } from '../vms-support/fixtures'
import { $$, allByTestId, byTestId, click, mountInApp, settle, typeInto } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

let wrapper: ReturnType<typeof mountInApp> | undefined

async function openInspector(n: number) {
  wrapper = mountInApp(WorkspaceView)
  await useClustersStore().load()
  await settle(8)
  click($$(`[data-testid="vm-row"][data-vm-uuid="${vm(n).uuid}"] [data-testid="vm-action-inspect"]`)[0])
  await settle(8)
}

function tab(label: string): void {
  click($$('[role="tab"]').find((el) => el.textContent?.trim().startsWith(label)))
}

describe('VM inspector', { timeout: 30_000 }, () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
    api.queryVms.mockImplementation(async (query: VmQuery) =>
      ok({ items: vmPage(query.start, 6).items, total: 137 })
    )
    api.getVm.mockImplementation(async ({ vmUuid }: { vmUuid: string }) =>
      ok(fullVm(vmUuid === vm(4).uuid ? 4 : 1))
    )
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  it('shows the overview with names from the topology, not uuids', async () => {
    await openInspector(1)
    expect(api.getVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: vm(1).uuid })
    expect(byTestId('inspector-title')!.textContent).toBe('vm-001')
    expect(byTestId('inspector-host')!.textContent).toBe('host-2')
    expect(byTestId('inspector-lastHost')!.textContent).toBe('host-2')
    expect(byTestId('inspector-cluster')!.textContent).toBe('cluster-kvm-a')
    expect(byTestId('inspector-zone')!.textContent).toBe('zone-east')
    expect(byTestId('inspector-memory')!.textContent).toBe('2 GiB')
    expect(byTestId('inspector-platform')!.textContent).toBe('Linux')
    expect(byTestId('inspector-architecture')!.textContent).toBe('x86_64')
    expect(byTestId('inspector-created')!.textContent).toBe('Nov 14, 2017, 10:20 PM (node time, as written)')
    expect(byTestId('inspector-lastOp')!.textContent).toBe('Mar 3, 2024, 9:05 AM (node time, as written)')
    expect(useTopologyStore().names('demo').hosts.get(HOST_2)).toBe('host-2')
  })

  it('lists NICs and volumes with sizes, a usage bar and the storage name', async () => {
    await openInspector(1)
    tab('NICs')
    await settle()
    const nic = allByTestId('inspector-nic')[0]!
    expect(nic.querySelector('[data-testid="nic-ip"]')!.textContent).toBe('10.10.0.11')
    expect(nic.querySelector('[data-testid="nic-mac"]')!.textContent).toBe('fa:16:3e:00:00:01')
    expect(nic.querySelector('[data-testid="nic-netmask"]')!.textContent).toBe('255.255.0.0')
    expect(nic.querySelector('[data-testid="nic-gateway"]')!.textContent).toBe('10.10.0.1')
    tab('Volumes')
    await settle()
    const volumes = allByTestId('inspector-volume')
    expect(volumes.map((row) => row.querySelector('[data-testid="volume-name"]')!.textContent)).toEqual([
      'ROOT-for-vm-001',
      'data-vm-001'
    ])
    const data = volumes[1]!
    expect(data.querySelector('[data-testid="volume-size"]')!.textContent).toBe('100 GiB')
    expect(data.querySelector('[data-testid="volume-actual-size"]')!.textContent).toBe('75 GiB')
    expect(data.querySelector('[data-testid="volume-storage"]')!.textContent).toBe('ceph-pool-1')
    expect(data.querySelector('[data-testid="volume-format"]')!.textContent).toBe('raw')
    expect(data.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('75')
    expect(allByTestId('volume-path')[1]!.textContent).toBe(`ceph://pool/${fullVm(1).allVolumes![1]!.uuid}`)
  })

  it("names each NIC's L3 network, keeps its uuid on hover and to copy, asks once per cluster", async () => {
    await openInspector(1)
    expect(api.getL3Networks).not.toHaveBeenCalled()
    tab('NICs')
    await settle()
    const l3 = byTestId('nic-l3')!
    expect(l3.textContent).toBe('l3-public-east')
    expect(l3.getAttribute('title')).toBe(L3_PUBLIC)
    expect(api.getL3Networks).toHaveBeenCalledWith({ profileId: 'demo' })
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    click(byTestId('nic-l3-copy'))
    await settle()
    expect(writeText).toHaveBeenCalledWith(L3_PUBLIC)
    expect(byTestId('nic-l3-copy')!.getAttribute('aria-label')).toContain(L3_PUBLIC)
    tab('Overview')
    tab('NICs')
    await settle()
    expect(api.getL3Networks).toHaveBeenCalledTimes(1)
  })

  it('shows the whole L3 uuid, not a prefix, when the node refuses to list L3 networks', async () => {
    api.getL3Networks.mockResolvedValue({
      ok: false,
      error: appError('zstackPermissionDenied', { zstackCode: 'ID.1002' })
    })
    await openInspector(1)
    tab('NICs')
    await settle()
    expect(byTestId('nic-l3')!.textContent).toBe(L3_PUBLIC)
    expect(byTestId('nic-l3')!.className).toContain('mono')
  })

  it('shows the raw inventory as a tree that search narrows down', async () => {
    await openInspector(1)
    tab('Raw JSON')
    await settle()
    const tree = byTestId('json-tree')!
    expect(tree.textContent).toContain('allVolumes')
    expect(tree.textContent).toContain('"vm-001"')
    typeInto(byTestId('json-search'), 'ceph://')
    await settle()
    expect(tree.textContent).toContain('installPath')
    expect(tree.textContent).not.toContain('memorySize')
    expect(tree.querySelectorAll('.json-match').length).toBe(2)
    typeInto(byTestId('json-search'), '')
    await settle()
    click(byTestId('json-collapse'))
    await settle()
    expect(tree.textContent).not.toContain('memorySize')
    click(byTestId('json-expand'))
    await settle()
    expect(tree.textContent).toContain('fa:16:3e:00:00:01')

    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    click(byTestId('json-copy'))
    await settle()
    expect(JSON.parse((writeText.mock.calls[0] as unknown as [string])[0])).toEqual(fullVm(1))
  })

  it('offers Migrate for a running VM and explains why not for a stopped one; Esc closes', async () => {
    await openInspector(1)
    click(byTestId('inspector-migrate'))
    expect(useMigrationsStore().dialogTarget).toEqual({
      profileId: 'demo',
      vm: expect.objectContaining({ uuid: vm(1).uuid })
    })
    useMigrationsStore().closeDialog()
    useInspectorStore().inspect('demo', vm(4).uuid)
    await settle()
    expect((byTestId('inspector-migrate') as HTMLButtonElement).disabled).toBe(true)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await settle()
    expect(useInspectorStore().isOpen).toBe(false)
  })

  it('a cluster that does not answer keeps the listed row on screen and Migrate off, saying why', async () => {
    api.getVm.mockResolvedValue({
      ok: false,
      error: appError('nothingAnswers', { address: '10.0.0.1:8080' })
    })
    await openInspector(1)
    expect(byTestId('inspector-error')).toBeTruthy()
    expect(byTestId('inspector-title')!.textContent).toBe('vm-001')
    const migrate = byTestId('inspector-migrate') as HTMLButtonElement
    expect(migrate.disabled).toBe(true)
    migrate.parentElement!.dispatchEvent(new MouseEvent('mouseenter'))
    // The tooltip opens after its hover delay.
    await expect
      .poll(() => byTestId('inspector-migrate-blocked')?.textContent)
      .toBe('The cluster does not answer: Migrate comes back once it does (Retry above).')
    api.getVm.mockImplementation(async () => ok(fullVm(1)))
    click(byTestId('inspector-error')!.querySelector('button'))
    await settle()
    expect((byTestId('inspector-migrate') as HTMLButtonElement).disabled).toBe(false)
  })

  it('shows why the VM could not be loaded, with a Retry', async () => {
    api.getVm.mockResolvedValueOnce({
      ok: false,
      error: appError('noSuchVm', { vm: 'vm-1', cluster: 'Demo' })
    })
    await openInspector(1)
    expect(byTestId('inspector-error')!.textContent).toContain('it may have been deleted')
    click(byTestId('inspector-error')!.querySelector('button'))
    await settle()
    expect(byTestId('inspector-error')).toBeNull()
    expect(api.getVm).toHaveBeenCalledTimes(2)
  })
})
