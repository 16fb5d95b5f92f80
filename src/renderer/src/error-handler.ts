import { computed, type App } from 'vue'
import { createDiscreteApi, darkTheme, type NotificationApi } from 'naive-ui'
import type { AppError } from '../../shared/api'
import { usePreferencesStore } from './stores/preferences'

let notifications: NotificationApi | undefined

/** Created on first use, after Pinia is installed, so notifications follow the app's theme. */
function notificationApi(): NotificationApi {
  if (!notifications) {
    const preferences = usePreferencesStore()
    const configProviderProps = computed(() => ({ theme: preferences.dark ? darkTheme : null }))
    notifications = createDiscreteApi(['notification'], { configProviderProps }).notification
  }
  return notifications
}

/** Shows an AppError as a notification: what happened, the ZStack code and the server's details. */
export function notifyError(error: AppError, title?: string): void {
  const zstack = error.zstack
    ? `${error.zstack.code}${error.zstack.description ? ': ' + error.zstack.description : ''}`
    : ''
  notificationApi().error({
    title: title ?? error.message,
    content: [title ? error.message : '', zstack, error.zstack?.details ?? error.details ?? '']
      .filter(Boolean)
      .join('\n'),
    duration: 10_000,
    keepAliveOnHover: true
  })
}

/** Last line of defence: anything a component throws reaches the user as a notification, not a blank screen. */
export function installErrorHandler(app: App): void {
  app.config.errorHandler = (error) => {
    const message = error instanceof Error ? error.message : String(error)
    notifyError({ code: 'INTERNAL', message: 'Something went wrong in the window.', details: message })
  }
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason
    notifyError({ code: 'INTERNAL', message: 'Something went wrong in the window.', details: String(reason) })
  })
}
