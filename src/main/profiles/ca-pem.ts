// A profile's extra CA certificates are read with Node's own X.509 parser before they are saved or used.
import { X509Certificate } from 'node:crypto'
import { deskError } from '../desk-error'

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g

/** What is wrong with the PEM text, in the parser's words; undefined when every certificate in it reads. */
export function caPemProblem(pem: string): string | undefined {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? []
  if (blocks.length === 0) return 'it holds no complete BEGIN/END CERTIFICATE block'
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      return `certificate ${index + 1} of ${blocks.length} cannot be read (${why.slice(0, 200)})`
    }
  }
  return undefined
}

/** INVALID_INPUT naming tls.caPem (shown under the form's CA field) when the PEM does not parse. */
export function checkCaPem(caPem: string | undefined): void {
  if (caPem === undefined) return
  const problem = caPemProblem(caPem)
  if (problem === undefined) return
  throw deskError('caPemInvalid', { problem }, { issues: [{ path: 'tls.caPem', message: problem }] })
}
