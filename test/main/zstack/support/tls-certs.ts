// Certificates made at test time with the openssl CLI: self-signed, expired, and issued for another name.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface CertPair {
  key: string
  cert: string
}

export interface TestCerts {
  /** CN and SAN 127.0.0.1, valid now. */
  selfSigned: CertPair
  /** CN and SAN 127.0.0.1, valid only during January 2020. */
  expired: CertPair
  /** Valid now, but for the name other.example, not 127.0.0.1. */
  wrongName: CertPair
  dispose(): void
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: 'pipe' })
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? ''
    throw new Error(
      `openssl ${args[0]} failed (install the openssl package: apt-get install openssl): ${stderr || String(error)}`
    )
  }
}

function selfSigned(dir: string, name: string, subjectAltName: string, commonName: string): CertPair {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${commonName}`].concat([
      '-addext',
      `subjectAltName=${subjectAltName}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`
    ]),
    dir
  )
  return {
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8')
  }
}

/** `openssl req -x509` cannot back-date a certificate; `openssl ca -selfsign` takes explicit dates. */
function expiredCert(dir: string): CertPair {
  writeFileSync(join(dir, 'index.txt'), '')
  writeFileSync(join(dir, 'serial'), '01\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = local',
      '[ local ]',
      `dir = ${dir}`,
      `database = ${join(dir, 'index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${join(dir, 'serial')}`,
      'default_md = sha256',
      'policy = any',
      'copy_extensions = copy',
      'unique_subject = no',
      '[ any ]',
      'commonName = supplied',
      '[ leaf ]',
      'basicConstraints = critical, CA:TRUE',
      'subjectAltName = IP:127.0.0.1',
      ''
    ].join('\n')
  )
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      'expired.key',
      '-out',
      'expired.csr'
    ],
    dir
  )
  openssl(
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      'ca.cnf',
      '-selfsign',
      '-keyfile',
      'expired.key',
      '-in',
      'expired.csr'
    ].concat([
      '-extensions',
      'leaf',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200131000000Z',
      '-out',
      'expired.pem'
    ]),
    dir
  )
  return {
    key: readFileSync(join(dir, 'expired.key'), 'utf8'),
    cert: readFileSync(join(dir, 'expired.pem'), 'utf8')
  }
}

export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'desk-tls-'))
  return {
    selfSigned: selfSigned(dir, 'self', 'IP:127.0.0.1', '127.0.0.1'),
    expired: expiredCert(dir),
    wrongName: selfSigned(dir, 'other', 'DNS:other.example', 'other.example'),
    dispose: () => rmSync(dir, { recursive: true, force: true })
  }
}
