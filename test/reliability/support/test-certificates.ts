// Certificates made at test time with the openssl command: a CA and leaves that are good, self-signed, expired,
// issued for another name, or signed by a CA nobody trusts.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface KeyPair {
  cert: string
  key: string
}

export interface TestCertificates {
  ca: KeyPair
  rogueCa: KeyPair
  /** Signed by `ca` for 127.0.0.1 and localhost. */
  caSigned: KeyPair
  /** Its own issuer, for 127.0.0.1 and localhost. */
  selfSigned: KeyPair
  /** Signed by `ca`, valid only in January 2020. */
  expired: KeyPair
  /** Signed by `ca` for other.example only. */
  wrongHost: KeyPair
  /** Signed by `rogueCa` for 127.0.0.1. */
  untrusted: KeyPair
}

const LOCAL_NAMES = 'subjectAltName=IP:127.0.0.1,DNS:localhost'

function openssl(dir: string, args: string[]): void {
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new Error(
      missing
        ? 'The TLS tests make certificates with the openssl command, which is not installed: apt-get install -y openssl'
        : `openssl ${args.join(' ')} failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`
    )
  }
}

/** Runs `openssl <command>`; arguments are separated by single spaces, so none of them may contain one. */
const run = (dir: string, command: string): void => openssl(dir, command.split(' '))
const NEW_KEY = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes'

function makeCa(dir: string, name: string, commonName: string): KeyPair {
  run(
    dir,
    `req -x509 ${NEW_KEY} -keyout ${name}.key -out ${name}.pem -days 3 -subj /CN=${commonName} ` +
      '-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign'
  )
  return read(dir, name)
}

function makeRequest(dir: string, name: string, commonName: string, names: string): void {
  run(
    dir,
    `req -new ${NEW_KEY} -keyout ${name}.key -out ${name}.csr -subj /CN=${commonName} -addext ${names}`
  )
}

function signWith(dir: string, ca: string, name: string, names: string): KeyPair {
  writeFileSync(
    join(dir, `${name}.ext`),
    `${names}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`
  )
  run(
    dir,
    `x509 -req -in ${name}.csr -CA ${ca}.pem -CAkey ${ca}.key -CAcreateserial -days 3 -sha256 ` +
      `-extfile ${name}.ext -out ${name}.pem`
  )
  return read(dir, name)
}

function read(dir: string, name: string): KeyPair {
  return {
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
    key: readFileSync(join(dir, `${name}.key`), 'utf8')
  }
}

/** `openssl ca` is the one openssl 3.0 command that sets arbitrary validity dates: used for the expired leaf. */
function signExpired(dir: string, name: string): KeyPair {
  const db = join(dir, 'ca-db')
  mkdirSync(join(db, 'new'), { recursive: true })
  writeFileSync(join(db, 'index.txt'), '')
  writeFileSync(join(db, 'serial'), '1000\n')
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${join(db, 'index.txt')}`,
      `new_certs_dir = ${join(db, 'new')}`,
      `serial = ${join(db, 'serial')}`,
      'default_md = sha256',
      'policy = any_name',
      'copy_extensions = copy',
      'unique_subject = no',
      '[any_name]',
      'commonName = supplied',
      ''
    ].join('\n')
  )
  run(
    dir,
    `ca -batch -notext -config ca.cnf -cert ca.pem -keyfile ca.key -in ${name}.csr -out ${name}.pem ` +
      '-startdate 20200101000000Z -enddate 20200131000000Z'
  )
  return read(dir, name)
}

export function makeTestCertificates(dir: string): TestCertificates {
  const ca = makeCa(dir, 'ca', 'ZStack-Desk-Test-CA')
  const rogueCa = makeCa(dir, 'rogue-ca', 'Rogue-CA')
  makeRequest(dir, 'ca-signed', '127.0.0.1', LOCAL_NAMES)
  const caSigned = signWith(dir, 'ca', 'ca-signed', LOCAL_NAMES)
  run(
    dir,
    `req -x509 ${NEW_KEY} -keyout self-signed.key -out self-signed.pem -days 3 -subj /CN=127.0.0.1 -addext ${LOCAL_NAMES}`
  )
  const selfSigned = read(dir, 'self-signed')
  makeRequest(dir, 'expired', '127.0.0.1', LOCAL_NAMES)
  const expired = signExpired(dir, 'expired')
  makeRequest(dir, 'wrong-host', 'other.example', 'subjectAltName=DNS:other.example')
  const wrongHost = signWith(dir, 'ca', 'wrong-host', 'subjectAltName=DNS:other.example')
  makeRequest(dir, 'untrusted', '127.0.0.1', LOCAL_NAMES)
  const untrusted = signWith(dir, 'rogue-ca', 'untrusted', LOCAL_NAMES)
  return { ca, rogueCa, caSigned, selfSigned, expired, wrongHost, untrusted }
}
