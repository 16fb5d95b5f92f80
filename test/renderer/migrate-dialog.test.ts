import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../src/shared/error-kinds'
import { api as realApi } from '@renderer/api'
import { createFakeApi, type FakeApi } from './migrate-support/fake-api'
import { openDialog, requestJson, submitButton, type } from './migrate-support/dialog'
import { VM, record, uuid } from './migrate-support/fixtures'
import { $, $$, byTestId, settle } from './support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeApi } = await import('./migrate-support/fake-api')
  return { api: createFakeApi(), transport: 'web' }
})
const api = realApi as unknown as FakeApi
void createFakeApi

const click = (el: Element | null): void => {
  if (!el) throw new Error('element not found')
  ;(el as HTMLElement).click()
}

describe('MigrateDialog', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.reset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the VM, where it is now, and asks ZStack for the plan once', async () => {
    const wrapper = await openDialog()
    expect(api.getMigrationPlan).toHaveBeenCalledTimes(1)
    expect(api.getMigrationPlan).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: VM.uuid })
    const head = byTestId('migrate-vm')!.textContent!
    expect(head).toContain('web-01')
    expect(head).toContain('4 vCPU')
    expect(head).toContain('8 GiB')
    expect(byTestId('migrate-current')!.textContent).toMatch(/host-a.*cluster-1.*zone-1/s)
    wrapper.unmount()
  })

  it('lists the candidates as selectable rows and greys out the other hosts with their reasons in words', async () => {
    const wrapper = await openDialog()
    const candidates = $$('[data-testid="host-candidate"]').map((row) => row.dataset.hostName)
    expect(candidates).toEqual(['host-b', 'host-c'])
    const reasons = Object.fromEntries(
      $$('[data-testid="host-excluded"]').map((row) => [
        row.dataset.hostName,
        row.querySelector('[data-testid="host-reason"]')!.textContent
      ])
    )
    expect(reasons).toEqual({
      'host-a': 'Current host: the VM runs here now',
      'host-d': 'In maintenance',
      'host-e': 'Not enough memory: needs 8 GiB, has 2 GiB free',
      'host-f': 'Not enough vCPU: needs 4, has 1 free',
      'host-g': 'Other hypervisor: ESX, the VM needs KVM',
      'host-h': "The VM's primary storage is not attached to this host's cluster",
      'host-i': 'Not connected to the management node (Disconnected)',
      'host-j': 'Disabled by an administrator'
    })
    // Clicking an excluded host selects nothing.
    click($('[data-testid="host-excluded"][data-host-name="host-d"]'))
    await settle(2)
    expect(submitButton().disabled).toBe(true)
    expect(byTestId('migrate-block-reason')!.textContent).toContain('Pick a destination host')
    // Each candidate shows its free vCPU and memory with the VM's need marked.
    const bars = $('[data-testid="host-candidate"][data-host-name="host-b"]')!.querySelectorAll(
      '[data-testid="capacity-need"]'
    )
    expect(bars).toHaveLength(2)
    wrapper.unmount()
  })

  it('filters the hosts by the search box', async () => {
    const wrapper = await openDialog()
    await type('host-search', '10.0.0.3')
    expect($$('[data-testid="host-candidate"]').map((row) => row.dataset.hostName)).toEqual(['host-c'])
    await type('host-search', 'cluster-2')
    expect($$('[data-testid="host-candidate"]').map((row) => row.dataset.hostName)).toEqual(['host-c'])
    wrapper.unmount()
  })

  it('builds the preview from the form: nothing unchosen, the host when picked, an integer down time', async () => {
    const wrapper = await openDialog()
    click(byTestId('host-auto')?.querySelector('input') ?? byTestId('host-auto'))
    await settle(2)
    expect(requestJson()).toEqual({ migrateVm: {} })
    expect(submitButton().disabled).toBe(false)

    click($('[data-testid="host-candidate"][data-host-name="host-c"]'))
    await type('downtime-input', '750')
    await settle(2)
    expect(requestJson()).toEqual({ migrateVm: { hostUuid: uuid(3), downTime: 750 } })
    const curl = byTestId('request-curl')!.textContent!
    expect(curl).toContain(`'http://127.0.0.1:8080/zstack/v1/vm-instances/${VM.uuid}/actions'`)
    expect(curl).toContain('OAuth <SESSION_UUID>')
    wrapper.unmount()
  })

  it('explains an invalid down time next to the field and blocks submission until it is fixed', async () => {
    const wrapper = await openDialog()
    click($('[data-testid="host-candidate"][data-host-name="host-b"]'))
    await type('downtime-input', '1.5')
    expect(byTestId('field-downtime')!.textContent).toContain('Type a whole number of milliseconds')
    expect(submitButton().disabled).toBe(true)
    expect(requestJson()).toEqual({ migrateVm: { hostUuid: uuid(2) } })
    expect(byTestId('request-incomplete')).not.toBeNull()
    await type('downtime-input', '900000')
    expect(byTestId('field-downtime')!.textContent).toContain('Must be from 1 to 600000 milliseconds.')
    expect(submitButton().disabled).toBe(true)
    click(submitButton())
    await settle()
    expect(api.migrateVm).not.toHaveBeenCalled()
    await type('downtime-input', '600000')
    expect(byTestId('field-downtime')!.textContent).toContain('The longest pause')
    expect(submitButton().disabled).toBe(false)
    wrapper.unmount()
  })

  it('submits once: the button locks on the first click, a second click or Enter sends nothing', async () => {
    let answer: (value: unknown) => void = () => {}
    api.migrateVm.mockImplementation(() => new Promise((resolve) => (answer = resolve)))
    const wrapper = await openDialog()
    click($('[data-testid="host-candidate"][data-host-name="host-b"]'))
    await settle(2)
    const button = submitButton()
    button.click()
    button.click()
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle(2)
    expect(submitButton().disabled).toBe(true)
    submitButton().click()
    await settle(2)
    expect(api.migrateVm).toHaveBeenCalledTimes(1)
    expect(api.migrateVm).toHaveBeenCalledWith({
      profileId: 'demo',
      vmUuid: VM.uuid,
      params: { hostUuid: uuid(2) }
    })

    answer({ ok: true, data: record({ state: 'submitted' }) })
    await settle()
    // The dialog now follows the migration instead of offering the form again.
    expect(byTestId('migration-progress')!.dataset.state).toBe('submitted')
    expect(byTestId('migrate-submit')).toBeNull()
    expect(api.migrateVm).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it("shows main's MIGRATION_IN_PROGRESS refusal plainly and keeps the button locked", async () => {
    api.migrateVm.mockResolvedValue({
      ok: false,
      error: appError('alreadyMigrating', { vm: 'web-01', time: '10:00' })
    })
    const wrapper = await openDialog()
    click($('[data-testid="host-candidate"][data-host-name="host-b"]'))
    await settle(2)
    click(submitButton())
    await settle()
    const alert = byTestId('submit-error')!.textContent!
    expect(alert).toContain('MIGRATION_IN_PROGRESS')
    expect(alert).toContain('web-01 is already being migrated (started 10:00).')
    expect(alert).toContain('already under way')
    expect(submitButton().disabled).toBe(true)
    click(submitButton())
    await settle()
    expect(api.migrateVm).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it('unlocks after a refusal that sent nothing (invalid input), listing the fields main named', async () => {
    const problem = appError('fieldInvalid', { field: 'params.strategy' })
    api.migrateVm.mockResolvedValueOnce({
      ok: false,
      error: appError(
        'invalidInput',
        {},
        { issues: [{ path: 'params.strategy', message: problem.message, problem }] }
      )
    })
    const wrapper = await openDialog()
    click($('[data-testid="host-candidate"][data-host-name="host-b"]'))
    await settle(2)
    click(submitButton())
    await settle()
    expect(byTestId('submit-error')!.textContent).toContain('params.strategy')
    expect(byTestId('submit-error')!.textContent).toContain('params.strategy is not valid.')
    expect(submitButton().disabled).toBe(false)
    wrapper.unmount()
  })

  it('disables Migrate with the reason when ZStack says the VM cannot migrate', async () => {
    const wrapper = await openDialog({
      vm: { ...VM, state: 'Stopped', hostUuid: null },
      candidates: [],
      blocked: appError(
        'zstackWrongState',
        { zstackCode: 'VM.1008' },
        {
          zstack: {
            code: 'VM.1008',
            description: 'unable to migrate',
            cause: { code: 'VM.1010', description: 'wrong state' }
          }
        }
      )
    })
    expect(byTestId('migrate-blocked')!.textContent).toContain('Start or resume the VM first')
    expect(byTestId('migrate-blocked')!.textContent).toContain('VM.1008')
    expect(byTestId('migrate-block-reason')!.textContent).toContain('cannot be migrated now')
    expect(submitButton().disabled).toBe(true)
    wrapper.unmount()
  })

  it('follows the migration through its events and shows the before/after comparison on success', async () => {
    api.migrateVm.mockResolvedValue({ ok: true, data: record({ state: 'submitted' }) })
    const wrapper = await openDialog()
    click($('[data-testid="host-candidate"][data-host-name="host-b"]'))
    await settle(2)
    click(submitButton())
    await settle()
    api.emit(
      'migration:update',
      record({ state: 'running', polls: 2, observedVmState: 'Migrating', updatedAt: '2025-01-01T10:00:02Z' })
    )
    await settle(2)
    expect(byTestId('migration-progress')!.dataset.state).toBe('running')
    expect(byTestId('observed-state')!.dataset.state).toBe('Migrating')
    // Polls are the app's business, not the admin's (issue 14): no count on screen.
    expect(byTestId('migration-progress')!.textContent).not.toMatch(/poll/i)

    api.emit(
      'migration:update',
      record({
        state: 'succeeded',
        polls: 3,
        updatedAt: '2025-01-01T10:00:03.500Z',
        finishedAt: '2025-01-01T10:00:03.500Z',
        after: {
          hostUuid: uuid(2),
          hostName: 'host-b',
          lastHostUuid: uuid(1),
          clusterName: 'cluster-1',
          zoneName: 'zone-1'
        },
        inventory: { ...VM, hostUuid: uuid(2), lastHostUuid: uuid(1) }
      })
    )
    await settle(2)
    expect(byTestId('result-duration')!.textContent).toContain('3.4 s')
    const row = (key: string) => {
      const tr = $(`[data-testid="compare-${key}"]`)!
      return [
        tr.querySelector('[data-testid="before"]')!.textContent!.trim(),
        tr.querySelector('[data-testid="after"]')!.textContent!.trim()
      ]
    }
    expect(row('host')).toEqual(['host-a', 'host-bchanged'])
    expect(row('lastHost')).toEqual(['—', 'host-achanged'])
    expect(row('cluster')).toEqual(['cluster-1', 'cluster-1'])
    expect(byTestId('result-host')!.textContent).toBe('host-b')
    expect(byTestId('migrate-open-inspector')).not.toBeNull()
    wrapper.unmount()
  })

  it('on failure shows the ZStack code, description, details and advice, and re-reads the VM', async () => {
    api.migrateVm.mockResolvedValue({ ok: true, data: record({ state: 'submitted' }) })
    api.getVm.mockResolvedValue({ ok: true, data: { ...VM, state: 'Running' } })
    const wrapper = await openDialog()
    click($('[data-testid="host-candidate"][data-host-name="host-b"]'))
    await settle(2)
    click(submitButton())
    await settle()
    api.emit(
      'migration:update',
      record({
        state: 'failed',
        updatedAt: '2025-01-01T10:00:05Z',
        finishedAt: '2025-01-01T10:00:05Z',
        error: appError(
          'zstackNoHost',
          { zstackCode: 'HOST_ALLOCATION.1000' },
          {
            zstack: {
              code: 'HOST_ALLOCATION.1000',
              description: 'no host available',
              details: 'no Enabled hosts found in the [1] candidate hosts'
            }
          }
        )
      })
    )
    await settle()
    expect(byTestId('error-code')!.textContent).toBe('HOST_ALLOCATION.1000')
    expect(byTestId('error-description')!.textContent).toBe('no host available')
    expect(byTestId('error-details')!.textContent).toContain('no Enabled hosts found')
    expect(byTestId('error-advice')!.textContent).toContain('Pick another host, or free capacity on it.')
    expect(api.getVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: VM.uuid })
    expect(byTestId('recheck-state')!.dataset.state).toBe('Running')
    expect(byTestId('recheck-host')!.textContent).toContain('host-a')
    wrapper.unmount()
  })
})
