import { computed, h, type App } from 'vue'
import { createDiscreteApi, darkTheme, type NotificationApi } from 'naive-ui'
import type { AppError } from '../../shared/api'
import { appError } from '../../shared/error-kinds'
import { errorAdvice, errorText } from './i18n/error-text'
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

/** The server's (or the system's) own words about an error, shown as they came. */
export function verbatimText(error: AppError): string {
  const zstack = error.zstack
    ? `${error.zstack.code}${error.zstack.description ? ': ' + error.zstack.description : ''}`
    : ''
  return [zstack, error.zstack?.details ?? error.details ?? ''].filter(Boolean).join('\n')
}

/** Shows an AppError as a notification: what happened, what to do, and the server's details verbatim. */
export function notifyError(error: AppError, title?: string): void {
  const said = title ? [errorText(error), errorAdvice(error)] : [errorAdvice(error)]
  const verbatim = verbatimText(error)
  notificationApi().error({
    title: title ?? errorText(error),
    content: () =>
      h('div', { 'data-testid': 'error-notification' }, [
        ...said.filter(Boolean).map((line) => h('div', line)),
        verbatim ? h('pre', { class: 'verbatim', 'data-verbatim': '' }, verbatim) : null
      ]),
    duration: 10_000,
    keepAliveOnHover: true
  })
}

/** Last line of defence: anything a component throws reaches the user as a notification, not a blank screen. */
export function installErrorHandler(app: App): void {
  app.config.errorHandler = (error) => {
    const message = error instanceof Error ? error.message : String(error)
    notifyError(appError('windowProblem', {}, { details: message }))
  }
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason
    notifyError(appError('windowProblem', {}, { details: String(reason) }))
  })
}
