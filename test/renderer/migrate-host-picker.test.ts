// The host picker on its own: sorting, picking by radio or row, disabled, and when it draws only the rows in view.
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import HostPicker from '@renderer/features/migrate/HostPicker.vue'
import type { HostOption } from '../../src/shared/api'
import { VM, host, plan } from './migrate-support/fixtures'
import { $, $$, byTestId, mountInApp, settle } from './support/mount'

const GIB = 1024 ** 3

const option = (n: number, name: string, freeGiB: number): HostOption => ({
  host: host(n, name, { availableMemoryCapacity: freeGiB * GIB }),
  clusterName: 'cluster-1',
  reasons: []
})

/** The picker with its v-model held by a parent, as the dialog holds it; `picked` lists every update. */
function mountPicker(candidates: HostOption[], others: HostOption[] = [], disabled = false) {
  const chosen = ref<string | null | undefined>(undefined)
  const picked: (string | null)[] = []
  const Parent = defineComponent({
    setup: () => () =>
      h(HostPicker, {
        candidates,
        others,
        vm: VM,
        disabled,
        hostUuid: chosen.value,
        'onUpdate:hostUuid': (value: string | null) => {
          picked.push(value)
          chosen.value = value
        }
      })
  })
  return { wrapper: mountInApp(Parent), picked, chosen }
}

const candidateNames = (): (string | undefined)[] =>
  $$('[data-testid="host-candidate"]').map((row) => row.dataset.hostName)
const sortHeader = (key: string): HTMLElement => byTestId(`host-sort-${key}`)!
const ariaSort = (key: string): string | null =>
  sortHeader(key).closest('[role="columnheader"]')!.getAttribute('aria-sort')

afterEach(() => {
  document.body.innerHTML = ''
})

describe('HostPicker', () => {
  it('sorts the candidates by a column: numbers from the largest, text from A, then back to the order given', async () => {
    const { wrapper } = mountPicker([
      option(2, 'host-b', 16),
      option(3, 'host-c', 100),
      option(4, 'host-d', 50)
    ])
    expect(candidateNames()).toEqual(['host-b', 'host-c', 'host-d'])
    expect(ariaSort('memory')).toBe('none')
    sortHeader('memory').click()
    await settle(2)
    expect(candidateNames()).toEqual(['host-c', 'host-d', 'host-b'])
    expect(ariaSort('memory')).toBe('descending')
    sortHeader('memory').click()
    await settle(2)
    expect(candidateNames()).toEqual(['host-b', 'host-d', 'host-c'])
    expect(ariaSort('memory')).toBe('ascending')
    sortHeader('memory').click()
    await settle(2)
    expect(candidateNames()).toEqual(['host-b', 'host-c', 'host-d'])
    expect(ariaSort('memory')).toBe('none')
    sortHeader('name').click()
    await settle(2)
    expect(candidateNames()).toEqual(['host-b', 'host-c', 'host-d'])
    expect([ariaSort('name'), ariaSort('memory')]).toEqual(['ascending', 'none'])
    sortHeader('name').click()
    await settle(2)
    expect(candidateNames()).toEqual(['host-d', 'host-c', 'host-b'])
    expect(ariaSort('name')).toBe('descending')
    sortHeader('name').click()
    await settle(2)
    expect(ariaSort('name')).toBe('none')
    // The excluded hosts are not sortable.
    wrapper.unmount()
  })

  it('picks a host by its radio or its row, and marks it in both', async () => {
    const { wrapper, picked } = mountPicker(plan().candidates, plan().others)
    const radio = (name: string): HTMLInputElement =>
      $<HTMLInputElement>(`[data-testid="host-candidate"][data-host-name="${name}"] input[type="radio"]`)!
    expect(radio('host-b').getAttribute('aria-label')).toBe('Select host-b')
    radio('host-c').click()
    await settle(2)
    expect(picked).toEqual([plan().candidates[1]!.host.uuid])
    expect(radio('host-c').checked).toBe(true)
    expect(radio('host-b').checked).toBe(false)
    expect($('[data-testid="host-candidate"][data-host-name="host-c"]')!.getAttribute('aria-selected')).toBe(
      'true'
    )
    $('[data-testid="host-candidate"][data-host-name="host-b"]')!.click()
    await settle(2)
    expect(radio('host-b').checked).toBe(true)
    expect(picked).toHaveLength(2)
    // The excluded hosts have no radio and pick nothing.
    expect($$('[data-testid="host-excluded"] input')).toEqual([])
    $('[data-testid="host-excluded"]')!.click()
    await settle(2)
    expect(picked).toHaveLength(2)
    wrapper.unmount()
  })

  it('picks nothing while disabled', async () => {
    const { wrapper, picked } = mountPicker(plan().candidates, [], true)
    const radios = $$<HTMLInputElement>('[data-testid="host-candidate"] input[type="radio"]')
    expect(radios.map((r) => r.disabled)).toEqual([true, true])
    $('[data-testid="host-candidate"]')!.click()
    await settle(2)
    expect(picked).toEqual([])
    wrapper.unmount()
  })

  it('draws a long list through a virtual list and a short one in full', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      option(100 + i, `host-${String(i).padStart(3, '0')}`, 8)
    )
    const { wrapper } = mountPicker(many, plan().others)
    await settle(2)
    expect(byTestId('host-candidates')!.querySelector('.v-vl')).not.toBeNull()
    expect(byTestId('host-others')!.querySelector('.v-vl')).toBeNull()
    expect($$('[data-testid="host-excluded"]')).toHaveLength(plan().others.length)
    expect(byTestId('host-picker')!.textContent).toContain('Candidate hosts (60)')
    wrapper.unmount()
  })
})
