// Mounts a component the way App.vue does: naive-ui providers, i18n and a fresh Pinia.
import { defineComponent, h, type Component } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NConfigProvider, NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui'
import { i18n } from '../../../src/renderer/src/i18n'

export function mountInApp(component: Component, props: Record<string, unknown> = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
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

/** Elements inside teleported content (modals, drawers) live under body, not the wrapper. */
export const $ = <T extends Element = HTMLElement>(selector: string): T | null =>
  document.body.querySelector<T>(selector)
export const $$ = <T extends Element = HTMLElement>(selector: string): T[] => [
  ...document.body.querySelectorAll<T>(selector)
]
export const byTestId = (id: string): HTMLElement | null => $(`[data-testid="${id}"]`)
