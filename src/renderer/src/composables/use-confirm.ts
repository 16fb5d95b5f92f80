// A warning question (naive's useDialog) that screen readers and axe can name: naive gives the dialog no label.
import { nextTick } from 'vue'
import { useDialog, type DialogOptions } from 'naive-ui'

let titles = 0

/** Points each open dialog without a name at its own title (aria-dialog-name). */
function nameOpenDialogs(): void {
  for (const dialog of document.querySelectorAll('.n-dialog[role="dialog"]:not([aria-labelledby])')) {
    const title = dialog.querySelector('.n-dialog__title')
    if (!title) continue
    if (!title.id) title.id = `confirm-title-${++titles}`
    dialog.setAttribute('aria-labelledby', title.id)
  }
}

export function useConfirm(): (options: DialogOptions) => void {
  const dialog = useDialog()
  return (options) => {
    dialog.warning({
      ...options,
      onAfterEnter: () => {
        nameOpenDialogs()
        options.onAfterEnter?.()
      }
    })
    // The provider draws the dialog in its next render: name it then, before anyone reads it.
    void nextTick(() => requestAnimationFrame(nameOpenDialogs))
    void nextTick(nameOpenDialogs)
  }
}
