// Reads the certificate a server presents, without trusting it, so a TLS failure can say which certificate was refused.
import { connect, type PeerCertificate } from 'node:tls'
import { isIP } from 'node:net'

export interface PeerCertificateInfo {
  subject?: string
  issuer?: string
  validTo?: string
  fingerprint256?: string
  subjectAltName?: string
}

function distinguishedName(name: unknown): string | undefined {
  if (typeof name !== 'object' || name === null) return undefined
  const parts = Object.entries(name as Record<string, unknown>).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => `${key}=${String(item)}`)
  )
  return parts.length > 0 ? parts.join(', ') : undefined
}

export function describeCertificate(cert: PeerCertificate): PeerCertificateInfo {
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validTo: cert.valid_to || undefined,
    fingerprint256: cert.fingerprint256 || undefined,
    subjectAltName: cert.subjectaltname || undefined
  }
}

/** Opens a short unverified TLS connection and returns the leaf certificate; undefined when that fails too. */
export function readPeerCertificate(
  host: string,
  port: number,
  timeoutMs = 5000
): Promise<PeerCertificateInfo | undefined> {
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      // SNI must name the host so a server with several certificates shows the one the real request met.
      servername: isIP(host) ? undefined : host,
      // Only read, never send: this connection's sole purpose is to see the certificate that was refused.
      rejectUnauthorized: false
    })
    const finish = (info: PeerCertificateInfo | undefined): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(info)
    }
    const timer = setTimeout(() => finish(undefined), timeoutMs)
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate()
      finish(cert && Object.keys(cert).length > 0 ? describeCertificate(cert) : undefined)
    })
    socket.once('error', () => finish(undefined))
  })
}
