// The one place the window turns an AppError (kind + params) into words, in the chosen language.
import type { AppError } from '../../../shared/api'
import { ERROR_KINDS, type ErrorKind } from '../../../shared/error-kinds'
import { i18n } from './index'

/** An error journaled by an older version may lack a kind: it reads as unexpected rather than in English. */
function kindOf(error: AppError): ErrorKind {
  return Object.hasOwn(ERROR_KINDS, error.kind) ? error.kind : 'unexpected'
}

const params = (error: AppError): Record<string, unknown> => ({ ...(error.params ?? {}) })

/** What happened, with the wrapped error's own words after it. */
export function errorText(error: AppError): string {
  const { t } = i18n.global
  const own = t(`errorKinds.${kindOf(error)}.text`, params(error))
  return error.cause ? own + t('errorWords.because', { cause: errorText(error.cause) }) : own
}

/** What to do about it; '' when there is nothing to do. */
export function errorAdvice(error: AppError): string {
  const kind = kindOf(error)
  if (ERROR_KINDS[kind].advice === '') return ''
  return i18n.global.t(`errorKinds.${kind}.advice`, params(error))
}

/** Both, for places with room for one line. */
export function errorSentence(error: AppError): string {
  return [errorText(error), errorAdvice(error)].filter(Boolean).join(' ')
}

/** Whether the error asks the user to sign in again. */
export function needsSignIn(error: AppError): boolean {
  return error.code === 'SESSION_EXPIRED' || error.code === 'NOT_SIGNED_IN'
}

/** The system's own words (server, parser, OS) along the cause chain, verbatim: never translated. */
export function verbatimDetails(error: AppError | undefined): string {
  const words: string[] = []
  for (let at = error; at; at = at.cause) if (at.details) words.push(at.details)
  return words.join(' | ')
}
