// The migrate dialog says what it shows and guards what the user set: counts that follow the search, the
// capacity legend, what the excluded list is, Esc on a filled form, and strategies the node's version refuses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api as realApi } from '@renderer/api'
import { i18n } from '../../src/renderer/src/i18n'
import { useMigrationsStore } from '@renderer/stores/migrations'
import type { FakeApi } from './migrate-support/fake-api'
import { openDialog, requestJson, submitButton, type } from './migrate-support/dialog'
import { uuid } from './migrate-support/fixtures'
import { $, $$, byTestId, settle } from './support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeApi } = await import('./migrate-support/fake-api')
  return { api: createFakeApi(), transport: 'web' }
})
const api = realApi as unknown as FakeApi

/** Types a strategy name into the select (it takes typed names) and presses Enter to choose it. */
async function typeStrategy(name: string): Promise<void> {
  ;(byTestId('strategy-select')!.querySelector('.n-base-selection') as HTMLElement).click()
  await settle(2)
  await type('strategy-select', name)
  const input = byTestId('strategy-select')!.querySelector('input')!
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
  await settle(3)
}

const pressEscape = async (): Promise<void> => {
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
  await settle(3)
}
const text = (testId: string): string => byTestId(testId)?.textContent?.trim() ?? ''
const discardDialog = (): HTMLElement | undefined =>
  $$('.n-dialog').find((d) => d.textContent?.includes('Discard this migration?'))

beforeEach(() => {
  vi.clearAllMocks()
  api.reset()
})
afterEach(() => {
  i18n.global.locale.value = 'en'
  document.body.innerHTML = ''
})

describe('MigrateDialog: what it shows', () => {
  it('counts the hosts the search shows, in both tables, and the whole again once it is cleared', async () => {
    const wrapper = await openDialog()
    expect(text('host-candidates-title')).toBe('Candidate hosts (2)')
    expect(text('host-others-title')).toBe('Hosts in the VM’s zone that cannot take it (8)')
    await type('host-search', 'cluster-2')
    expect(text('host-candidates-title')).toBe('Candidate hosts (1 of 2 match)')
    expect(text('host-others-title')).toBe('Hosts in the VM’s zone that cannot take it (0 of 8 match)')
    expect(byTestId('host-candidates')!.querySelector('[role="table"]')!.getAttribute('aria-label')).toBe(
      'Candidate hosts (1 of 2 match)'
    )
    await type('host-search', 'host-e')
    expect(text('host-candidates-title')).toBe('Candidate hosts (0 of 2 match)')
    expect(text('host-others-title')).toBe('Hosts in the VM’s zone that cannot take it (1 of 8 match)')
    await type('host-search', '')
    expect(text('host-candidates-title')).toBe('Candidate hosts (2)')
    wrapper.unmount()
  })

  it('explains the capacity bars and the excluded hosts, in English and in Chinese', async () => {
    const wrapper = await openDialog()
    const legend = byTestId('capacity-legend')!
    expect(legend.getAttribute('aria-label')).toBe('How to read the capacity bars')
    expect($$('[data-testid="capacity-legend"] li').map((li) => [li.dataset.part, li.textContent])).toEqual([
      ['used', 'in use'],
      ['fits', 'this VM, fits'],
      ['short', 'this VM, does not fit'],
      ['free', 'free']
    ])
    // Each swatch is the look of the bar part it names.
    expect($$('[data-testid="capacity-legend"] .swatch').map((s) => s.className.split(' ').sort())).toEqual([
      expect.arrayContaining(['used']),
      expect.arrayContaining(['fits']),
      expect.arrayContaining(['short']),
      expect.arrayContaining(['free'])
    ])
    expect(text('host-others-hint')).toBe(
      'The other hosts of zone zone-1: ZStack does not offer them for this VM, and “Why not” gives each one’s reason. They cannot be picked.'
    )
    i18n.global.locale.value = 'zh-CN'
    await settle(2)
    expect($$('[data-testid="capacity-legend"] li').map((li) => li.textContent)).toEqual([
      '已使用',
      '此云主机，可容纳',
      '此云主机，容纳不下',
      '空闲'
    ])
    expect(text('host-others-title')).toBe('云主机所在区域中无法接收它的物理机（8）')
    expect(text('host-others-hint')).toContain('区域 zone-1 中的其他物理机')
    wrapper.unmount()
  })
})

describe('MigrateDialog: Esc on a filled form', () => {
  it('closes an untouched form at once', async () => {
    const wrapper = await openDialog()
    await pressEscape()
    expect(useMigrationsStore().dialogTarget).toBeNull()
    expect(discardDialog()).toBeUndefined()
    wrapper.unmount()
  })

  it('asks before discarding: Keep editing keeps every choice, Discard closes and sends nothing', async () => {
    const wrapper = await openDialog()
    $('[data-testid="host-candidate"][data-host-name="host-c"]')!.click()
    await type('downtime-input', '750')
    await pressEscape()
    const asked = discardDialog()!
    expect(asked.textContent).toContain('Nothing has been sent to ZStack.')
    // A named dialog (axe: aria-dialog-name).
    expect([asked.getAttribute('role'), asked.getAttribute('aria-label')]).toEqual([
      'dialog',
      'Discard this migration?'
    ])
    expect(useMigrationsStore().dialogTarget).not.toBeNull()
    // A second Esc goes to the question (the topmost), not to the dialog under it.
    await pressEscape()
    expect(useMigrationsStore().dialogTarget).not.toBeNull()
    await settle(5)

    await pressEscape()
    const keep = $$<HTMLButtonElement>('.n-dialog button').find(
      (b) => b.textContent?.trim() === 'Keep editing'
    )
    keep!.click()
    await settle(5)
    expect(useMigrationsStore().dialogTarget).not.toBeNull()
    expect(requestJson()).toEqual({ migrateVm: { hostUuid: uuid(3), downTime: 750 } })

    await pressEscape()
    const discard = $$<HTMLButtonElement>('.n-dialog button').find((b) => b.textContent?.trim() === 'Discard')
    discard!.click()
    await settle(5)
    expect(useMigrationsStore().dialogTarget).toBeNull()
    expect(api.migrateVm).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe("MigrateDialog: strategies against the node's version", () => {
  it('on ZStack 5.2.1 refuses a strategy other than auto-converge before anything is sent', async () => {
    const wrapper = await openDialog({ nodeVersion: '5.2.1' })
    expect(text('field-strategy')).toContain('This node runs ZStack 5.2.1, which accepts no other strategy.')
    $('[data-testid="host-candidate"][data-host-name="host-b"]')!.click()
    await typeStrategy('no-converge')
    expect(text('field-strategy')).toContain(
      'This node runs ZStack 5.2.1, which accepts only auto-converge: choose it or the default.'
    )
    expect(submitButton().disabled).toBe(true)
    expect(text('migrate-block-reason')).toContain('Fix the fields marked in red first.')
    expect(requestJson()).toEqual({ migrateVm: { hostUuid: uuid(2) } })
    submitButton().click()
    await settle()
    expect(api.migrateVm).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('lets a later node, or one whose version is unknown, judge the name itself', async () => {
    for (const nodeVersion of ['5.3.0', undefined]) {
      const wrapper = await openDialog(nodeVersion ? { nodeVersion } : {})
      expect(text('field-strategy')).toContain('Newer releases accept more names')
      $('[data-testid="host-candidate"][data-host-name="host-b"]')!.click()
      await typeStrategy('no-converge')
      expect(requestJson()).toEqual({ migrateVm: { hostUuid: uuid(2), strategy: 'no-converge' } })
      expect(submitButton().disabled).toBe(false)
      useMigrationsStore().closeDialog()
      wrapper.unmount()
      document.body.innerHTML = ''
    }
  })
})
