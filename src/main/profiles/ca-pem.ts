// A profile's extra CA certificates are read with Node's own X.509 parser before they are saved or used.
import { X509Certificate } from 'node:crypto'
import { appError } from '../../shared/error-kinds'
import type { AppError } from '../../shared/result'
import { DeskError } from '../desk-error'

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g

/** What is wrong with the PEM text, the parser's words in `details`; undefined when every certificate reads. */
export function caPemProblem(pem: string): AppError | undefined {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? []
  if (blocks.length === 0) return appError('caPemNoCertificate', {})
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block)
    } catch (error) {
      const details = (error instanceof Error ? error.message : String(error)).slice(0, 200)
      return appError('caPemUnreadable', { index: index + 1, count: blocks.length }, { details })
    }
  }
  return undefined
}

/** INVALID_INPUT naming tls.caPem (shown under the form's CA field) when the PEM does not parse. */
export function checkCaPem(caPem: string | undefined): void {
  if (caPem === undefined) return
  const problem = caPemProblem(caPem)
  if (problem === undefined) return
  throw new DeskError({ ...problem, issues: [{ path: 'tls.caPem', message: problem.message, problem }] })
}
