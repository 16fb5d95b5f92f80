import { onBeforeUnmount, onMounted } from 'vue'

export interface VmListShortcuts {
  focusSearch(): void
  refresh(): void
  openSelected(): void
  moveSelection(delta: number): void
  /** Returns true when something was open and got closed. */
  closeInspector(): boolean
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Where Enter and the arrows already mean something: buttons, dialogs, the inspector drawer. */
function isInsideControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('button, a, [role="dialog"], .n-drawer, .n-modal')
}

/** `/` or Ctrl+K: search; Ctrl+R: refresh; ↑/↓ and Enter: pick and open a row; Esc: close the inspector. */
export function useVmListShortcuts(handlers: VmListShortcuts): void {
  const onKeydown = (event: KeyboardEvent): void => {
    const ctrl = event.ctrlKey || event.metaKey
    const key = event.key.toLowerCase()
    if (ctrl && !event.shiftKey && !event.altKey && key === 'k') {
      event.preventDefault()
      handlers.focusSearch()
    } else if (ctrl && !event.shiftKey && !event.altKey && key === 'r') {
      event.preventDefault()
      handlers.refresh()
    } else if (key === 'escape') {
      if (handlers.closeInspector()) event.preventDefault()
    } else if (ctrl || event.altKey || isTyping(event.target)) {
      return
    } else if (key === '/') {
      event.preventDefault()
      handlers.focusSearch()
    } else if (isInsideControl(event.target)) {
      return
    } else if (key === 'enter') {
      event.preventDefault()
      handlers.openSelected()
    } else if (key === 'arrowdown' || key === 'arrowup') {
      event.preventDefault()
      handlers.moveSelection(key === 'arrowdown' ? 1 : -1)
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
