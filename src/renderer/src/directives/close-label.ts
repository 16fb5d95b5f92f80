// naive-ui names its close buttons (an alert's, a drawer's) "close" in English whatever the locale: they are named here.
import type { Directive } from 'vue'

function name(root: HTMLElement, label: string): void {
  for (const button of root.querySelectorAll('.n-base-close')) button.setAttribute('aria-label', label)
}

/** `v-close-label="t('app.close')"` on a closable naive-ui component. */
export const vCloseLabel: Directive<HTMLElement, string> = {
  mounted: (root, { value }) => name(root, value),
  updated: (root, { value }) => name(root, value)
}
