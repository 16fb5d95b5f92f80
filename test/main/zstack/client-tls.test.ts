// TLS: verified by default, a profile CA trusted on top of the system roots, an explicit opt-out, and clear refusals.
import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator'
import { createZStackClient } from '../../../src/main/zstack/create-client'
import { failureOf } from './support/failure-of'
import type { ClusterProfile } from '../../../src/shared/profile-types'
import { startFrontServer, type FrontServer } from './support/front-server'
import { startForwardProxy } from './support/forward-proxy'
import { profileFor } from './support/profiles'
import { makeTestCerts, type TestCerts } from './support/tls-certs'

let sim: RunningSimulator
let certs: TestCerts
let selfSigned: FrontServer
let expired: FrontServer
let wrongName: FrontServer

const tlsProfile = (
  server: FrontServer,
  tls: ClusterProfile['tls'],
  extra: Partial<ClusterProfile> = {}
): ClusterProfile => profileFor(server.url, { tls, ...extra })

beforeAll(async () => {
  certs = makeTestCerts()
  sim = await startSimulator({ vms: 10 })
  ;[selfSigned, expired, wrongName] = await Promise.all([
    startFrontServer({ target: sim.url, tls: certs.selfSigned }),
    startFrontServer({ target: sim.url, tls: certs.expired }),
    startFrontServer({ target: sim.url, tls: certs.wrongName })
  ])
})

afterAll(async () => {
  await Promise.all([selfSigned?.close(), expired?.close(), wrongName?.close()])
  await sim?.stop()
  certs?.dispose()
})

describe('TLS', () => {
  it('refuses a self-signed certificate by default, naming it and its fingerprint', async () => {
    const error = await failureOf(createZStackClient(tlsProfile(selfSigned, { verify: true })).getVersion())
    expect(error.code).toBe('TLS')
    expect(error.tls?.reason).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(error.tls?.fingerprint256).toBe(new X509Certificate(certs.selfSigned.cert).fingerprint256)
    expect(error.tls?.subject).toBe('CN=127.0.0.1')
    expect(error.tls?.validTo).toBe(new X509Certificate(certs.selfSigned.cert).validTo)
    expect(error.kind).toBe('tlsUntrusted')
    expect(error.params).toMatchObject({ reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    expect(error.details).toContain(`SHA-256 fingerprint: ${error.tls?.fingerprint256}`)
    expect(selfSigned.requests).toHaveLength(0)
  })

  it("accepts the certificate once it is the profile's CA, and signs in over HTTPS", async () => {
    const client = createZStackClient(tlsProfile(selfSigned, { verify: true, caPem: certs.selfSigned.cert }))
    expect(await client.getVersion()).toEqual({ kind: 'zstack', version: '5.2.1' })
    const { sessionUuid } = await client.login('admin', 'password')
    expect((await client.queryZones(sessionUuid)).items).toHaveLength(2)
  })

  it('accepts it when the profile turns verification off', async () => {
    expect(await createZStackClient(tlsProfile(selfSigned, { verify: false })).getVersion()).toEqual({
      kind: 'zstack',
      version: '5.2.1'
    })
  })

  it('refuses an expired certificate even when trusted, saying when it expired', async () => {
    const error = await failureOf(
      createZStackClient(tlsProfile(expired, { verify: true, caPem: certs.expired.cert })).getVersion()
    )
    expect(error.code).toBe('TLS')
    expect(error.tls?.reason).toBe('CERT_HAS_EXPIRED')
    expect(error.tls?.validTo).toBe('Jan 31 00:00:00 2020 GMT')
    expect(error.kind).toBe('tlsExpired')
    expect(error.details).toContain('Valid until: Jan 31 00:00:00 2020 GMT')
  })

  it('refuses a certificate issued for another name, saying which', async () => {
    const error = await failureOf(
      createZStackClient(tlsProfile(wrongName, { verify: true, caPem: certs.wrongName.cert })).getVersion()
    )
    expect(error.code).toBe('TLS')
    expect(error.tls?.reason).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
    expect(error.tls?.subject).toBe('CN=other.example')
    expect(error.kind).toBe('tlsWrongName')
    expect(error.details).toContain('Names: DNS:other.example')
  })

  it('says the port may speak plain HTTP when https meets a non-TLS server', async () => {
    const profile = profileFor(sim.url)
    profile.endpoint.scheme = 'https'
    const error = await failureOf(createZStackClient(profile).getVersion())
    expect(error.code).toBe('TLS')
    expect(error.kind).toBe('tlsFailed')
  })

  it('keeps verifying the node through a CONNECT proxy', async () => {
    const proxy = await startForwardProxy()
    try {
      const refused = await failureOf(
        createZStackClient(tlsProfile(selfSigned, { verify: true }, { proxyUrl: proxy.url })).getVersion()
      )
      expect(refused.code).toBe('TLS')
      expect(refused.tls?.reason).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
      const trusted = createZStackClient(
        tlsProfile(selfSigned, { verify: true, caPem: certs.selfSigned.cert }, { proxyUrl: proxy.url })
      )
      expect(await trusted.getVersion()).toEqual({ kind: 'zstack', version: '5.2.1' })
      expect(proxy.hits.length).toBeGreaterThanOrEqual(2)
      expect(proxy.hits.every((hit) => hit === `CONNECT 127.0.0.1:${selfSigned.port}`)).toBe(true)
    } finally {
      await proxy.close()
    }
  })
})
