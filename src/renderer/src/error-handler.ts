import type { App } from 'vue'
import { createDiscreteApi } from 'naive-ui'
import type { AppError } from '../../shared/api'

const { notification } = createDiscreteApi(['notification'])

/** Shows an AppError as a notification: what happened, the ZStack code and the server's details. */
export function notifyError(error: AppError, title?: string): void {
  const zstack = error.zstack ? `${error.zstack.code}${error.zstack.description ? ': ' + error.zstack.description : ''}` : ''
  notification.error({
    title: title ?? error.message,
    content: [title ? error.message : '', zstack, error.zstack?.details ?? error.details ?? ''].filter(Boolean).join('\n'),
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
