import { onBeforeUnmount, onMounted } from 'vue'
import { useFleetStore } from '../../stores/fleet'

/** Ctrl+Shift+F (Cmd+Shift+F): the fleet search box, from any view. */
export function useFleetShortcut(): void {
  const fleet = useFleetStore()
  const onKeydown = (event: KeyboardEvent): void => {
    if (
      (event.ctrlKey || event.metaKey) &&
      event.shiftKey &&
      !event.altKey &&
      event.key.toLowerCase() === 'f'
    ) {
      event.preventDefault()
      fleet.focusSearch()
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
