// Mounts a component the way App.vue does: naive-ui providers, i18n (English) and a fresh Pinia.
import { defineComponent, h, type Component } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, disposePinia, getActivePinia, setActivePinia } from 'pinia'
import { NConfigProvider, NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../../src/renderer/src/i18n'

/** A new Pinia; the last one's stores stop first (their timers, and their storage and event listeners). */
export function freshPinia() {
  const previous = getActivePinia()
  if (previous) disposePinia(previous)
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}

export function mountInApp(component: Component, props: Record<string, unknown> = {}) {
  i18n.global.locale.value = 'en'
  const pinia = freshPinia()
  const Root = defineComponent({
    setup: () => () =>
      h(NConfigProvider, null, () =>
        h(NNotificationProvider, null, () =>
          h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(component, props)))
        )
      )
  })
  return mount(Root, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
}

/** Lets promises and Vue's scheduler settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

/** Teleported content (modals, drawers) lives under body, not under the wrapper. */
export const $ = <T extends Element = HTMLElement>(selector: string): T | null =>
  document.body.querySelector<T>(selector)
export const $$ = <T extends Element = HTMLElement>(selector: string): T[] => [
  ...document.body.querySelectorAll<T>(selector)
]
export const byTestId = (id: string): HTMLElement | null => $(`[data-testid="${id}"]`)
export const allByTestId = (id: string): HTMLElement[] => $$(`[data-testid="${id}"]`)

export function click(el: Element | null | undefined): void {
  if (!el) throw new Error('element not found')
  ;(el as HTMLElement).click()
}

/** Types into the <input> inside a naive-ui NInput (or the input itself). */
export function typeInto(el: Element | null | undefined, text: string): void {
  const input = el instanceof HTMLInputElement ? el : el?.querySelector('input')
  if (!input) throw new Error('input not found')
  input.value = text
  input.dispatchEvent(new Event('input'))
}

export function blur(el: Element | null | undefined): void {
  const input = el instanceof HTMLInputElement ? el : el?.querySelector('input')
  if (!input) throw new Error('input not found')
  input.dispatchEvent(new FocusEvent('blur'))
}
