import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appError } from '../../../src/shared/error-kinds'
import { api as realApi } from '@renderer/api'
import ClusterSidebar from '@renderer/features/clusters/ClusterSidebar.vue'
import {
  draftFromProfile,
  draftToInput,
  emptyDraft,
  freshColour,
  issuesByField,
  PROFILE_COLOURS,
  portForScheme,
  splitPastedUrl,
  validateDraft,
  type ProfileDraft
} from '@renderer/features/clusters/profile-draft'
import { useClustersStore } from '@renderer/stores/clusters'
import type { ClusterProfile } from '../../../src/shared/api'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { PROD } from '../vms-support/fixtures'
import { $, blur, byTestId, click, mountInApp, settle, typeInto } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
const valid = (patch: Partial<ProfileDraft> = {}): ProfileDraft => ({
  ...emptyDraft(),
  name: 'Lab',
  host: 'zstack.lab',
  ...patch
})

describe('profile draft validation', () => {
  it('accepts a complete draft and turns it into the exact ProfileInput', () => {
    const draft = valid({
      name: '  Lab  ',
      folder: ' Beijing ',
      scheme: 'https',
      port: 8443,
      path: '/zstack/',
      caPem: PEM,
      proxyUrl: 'http://proxy:3128',
      timeoutSec: 45
    })
    expect(validateDraft(draft)).toEqual({})
    expect(draftToInput(draft)).toEqual({
      name: 'Lab',
      folder: 'Beijing',
      endpoint: { scheme: 'https', host: 'zstack.lab', port: 8443, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: true, caPem: PEM },
      proxyUrl: 'http://proxy:3128',
      timeoutMs: 45_000,
      color: '#1e88e5'
    })
  })

  it.each([
    ['host', { host: '' }, 'profileForm.errors.required'],
    ['host', { host: 'https://zstack.lab' }, 'profileForm.errors.hostWithScheme'],
    ['host', { host: 'zstack.lab/zstack' }, 'profileForm.errors.hostWithScheme'],
    ['host', { host: 'bad host' }, 'profileForm.errors.host'],
    ['host', { host: '-lead.example.com' }, 'profileForm.errors.host'],
    ['port', { port: 0 }, 'profileForm.errors.port'],
    ['port', { port: 65536 }, 'profileForm.errors.port'],
    ['port', { port: null }, 'profileForm.errors.port'],
    ['port', { port: 80.5 }, 'profileForm.errors.port'],
    ['path', { path: 'zs tack' }, 'profileForm.errors.path'],
    ['path', { path: 'a//b' }, 'profileForm.errors.path'],
    ['name', { name: '   ' }, 'profileForm.errors.required'],
    ['name', { name: 'x'.repeat(101) }, 'profileForm.errors.tooLong'],
    ['accountName', { accountName: '' }, 'profileForm.errors.required'],
    ['caPem', { caPem: 'hello' }, 'profileForm.errors.pem'],
    ['caPem', { caPem: PEM.padEnd(262_145, 'x') }, 'profileForm.errors.pemTooLarge'],
    ['proxyUrl', { proxyUrl: 'socks5://proxy:1080' }, 'profileForm.errors.proxy'],
    ['proxyUrl', { proxyUrl: 'http://a b' }, 'profileForm.errors.proxy'],
    ['timeoutSec', { timeoutSec: 0 }, 'profileForm.errors.timeout'],
    ['timeoutSec', { timeoutSec: 601 }, 'profileForm.errors.timeout'],
    ['color', { color: 'red' }, 'profileForm.errors.color']
  ] as const)('rejects a bad %s (%#)', (field, patch, key) => {
    expect(validateDraft(valid(patch as Partial<ProfileDraft>))).toEqual({ [field]: key })
  })

  it('accepts the boundary ports, IPv4 and bracketed IPv6 hosts, and an empty context path', () => {
    for (const port of [1, 65535]) expect(validateDraft(valid({ port }))).toEqual({})
    for (const host of ['10.0.0.5', '[fe80::1]', 'node-1.dc.example.com'])
      expect(validateDraft(valid({ host }))).toEqual({})
    expect(draftToInput(valid({ path: '' })).endpoint.path).toBe('')
  })

  it('fills scheme, host, port and path from a pasted URL', () => {
    expect(splitPastedUrl('https://zstack.example.com:8443/zstack/v1')).toEqual({
      scheme: 'https',
      host: 'zstack.example.com',
      port: 8443,
      path: 'zstack'
    })
    expect(splitPastedUrl('http://10.0.0.5')).toEqual({
      scheme: 'http',
      host: '10.0.0.5',
      port: 80,
      path: 'zstack'
    })
    expect(splitPastedUrl('zstack.example.com')).toBeUndefined()
  })

  it('splits host:port typed into the host box, and leaves a bare IPv6 address whole', () => {
    expect(splitPastedUrl('zstack.example.com:8443')).toEqual({ host: 'zstack.example.com', port: 8443 })
    expect(splitPastedUrl(' 10.0.0.5:5000 ')).toEqual({ host: '10.0.0.5', port: 5000 })
    expect(splitPastedUrl('[fd00::5]:8080')).toEqual({ host: '[fd00::5]', port: 8080 })
    expect(splitPastedUrl('fd00::5')).toBeUndefined()
    expect(splitPastedUrl('node:70000')).toBeUndefined()
    expect(splitPastedUrl('node:')).toBeUndefined()
  })

  it('suggests 443 for HTTPS only while the port is still the default, and 8080 back', () => {
    expect(portForScheme('https', 8080)).toBe(443)
    expect(portForScheme('https', 8443)).toBe(8443)
    expect(portForScheme('https', null)).toBeNull()
    expect(portForScheme('http', 443)).toBe(8080)
    expect(portForScheme('http', 8443)).toBe(8443)
  })

  it('gives a new profile the colour the fewest profiles wear', () => {
    expect(emptyDraft().color).toBe(PROFILE_COLOURS[0])
    expect(freshColour(['#1E88E5', undefined, '#e53935'])).toBe('#43a047')
    // Every colour taken once, the first twice: the second is now the least worn.
    expect(freshColour([...PROFILE_COLOURS, PROFILE_COLOURS[0]])).toBe(PROFILE_COLOURS[1])
    const colours = new Set<string>()
    const used: string[] = []
    for (let i = 0; i < PROFILE_COLOURS.length; i++) {
      const next = emptyDraft(used).color!
      colours.add(next)
      used.push(next)
    }
    expect(colours.size).toBe(PROFILE_COLOURS.length)
  })

  it('edits keep the id, duplicates drop it and rename', () => {
    const withCa: ClusterProfile = { ...PROD, tls: { verify: false, caPem: PEM } }
    expect(draftFromProfile(withCa, 'edit', '(copy)')).toMatchObject({
      id: 'prod',
      name: 'Production',
      verifyTls: false,
      caPem: PEM,
      timeoutSec: 20
    })
    const copy = draftFromProfile(withCa, 'duplicate', '(copy)')
    expect(copy.id).toBeUndefined()
    expect(copy.name).toBe('Production (copy)')
    expect(draftToInput(copy).id).toBeUndefined()
  })

  it('places main’s validation issues beside their fields, as kinds the form phrases', () => {
    const issue = (path: string, problem = appError('fieldInvalid', { field: path })) => ({
      path,
      message: problem.message,
      problem
    })
    const tooBig = appError('fieldTooBig', { field: 'timeoutMs', limit: 600000 })
    expect(
      issuesByField([issue('endpoint.host'), issue('profile.timeoutMs', tooBig), issue('unknown')])
    ).toEqual({ host: appError('fieldInvalid', { field: 'endpoint.host' }), timeoutSec: tooBig })
  })
})

describe('profile form dialog', () => {
  let wrapper: ReturnType<typeof mountInApp> | undefined

  beforeEach(async () => {
    localStorage.clear()
    api.reset()
    wrapper = mountInApp(ClusterSidebar)
    await settle()
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  /** The message under a field; empty when the field has nothing to say (no feedback line at all). */
  const feedbackOf = (testId: string): string =>
    byTestId(testId)!
      .closest('.n-form-item')!
      .querySelector('.n-form-item-feedback-wrapper')
      ?.textContent?.trim() ?? ''

  it('shows what is wrong and does not save an invalid profile', async () => {
    click(byTestId('profile-add'))
    await settle()
    expect(byTestId('profile-form')).toBeTruthy()
    typeInto(byTestId('profile-host'), 'bad host')
    blur(byTestId('profile-host'))
    await settle()
    expect(feedbackOf('profile-host')).toBe(
      'Enter a host name or IP address, like zstack.example.com or 10.0.0.5.'
    )
    // Untouched fields stay quiet until Save, and so does an emptied one left on the way to another.
    expect(feedbackOf('profile-name')).toBe('')
    typeInto(byTestId('profile-name'), 'x')
    typeInto(byTestId('profile-name'), '')
    blur(byTestId('profile-name'))
    typeInto(byTestId('profile-account'), '')
    blur(byTestId('profile-account'))
    await settle()
    expect(feedbackOf('profile-name')).toBe('')
    expect(feedbackOf('profile-account')).toBe('')
    click(byTestId('profile-save'))
    await settle()
    expect(feedbackOf('profile-name')).toBe('Required.')
    expect(feedbackOf('profile-account')).toBe('Required.')
    expect(api.saveProfile).not.toHaveBeenCalled()
    typeInto(byTestId('profile-port'), '70000')
    blur(byTestId('profile-port'))
    await settle()
    expect(feedbackOf('profile-port')).toBe('Enter a port from 1 to 65535.')
  })

  it('saves a valid profile with the exact input, then selects it and asks to sign in', async () => {
    const saved: ClusterProfile = {
      id: 'new1',
      name: 'Lab',
      endpoint: { scheme: 'https', host: '10.0.0.9', port: 8443, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: false },
      timeoutMs: 30_000,
      color: '#1e88e5'
    }
    api.saveProfile.mockResolvedValueOnce(ok(saved))
    click(byTestId('profile-add'))
    await settle()
    typeInto(byTestId('profile-name'), 'Lab')
    // A pasted URL fills in the protocol, port and path.
    typeInto(byTestId('profile-host'), 'https://10.0.0.9:8443/zstack')
    blur(byTestId('profile-host'))
    await settle()
    expect(byTestId('profile-insecure-warning')).toBeNull()
    click(byTestId('profile-insecure'))
    await settle()
    expect(byTestId('profile-insecure-warning')!.textContent).toContain('Anyone between you and this cluster')
    click(byTestId('profile-save'))
    await settle()
    expect(api.saveProfile).toHaveBeenCalledWith({
      name: 'Lab',
      endpoint: { scheme: 'https', host: '10.0.0.9', port: 8443, path: 'zstack' },
      accountName: 'admin',
      tls: { verify: false },
      timeoutMs: 30_000,
      // The Demo wears the first colour and Production the fourth: the new profile gets the second.
      color: '#43a047'
    })
    const clusters = useClustersStore()
    expect(clusters.formTarget).toBeNull()
    expect(clusters.selectedProfileId).toBe('new1')
    expect(clusters.signInTarget).toEqual({ profileId: 'new1', reason: 'required' })
  })

  it('reads a picked CA file as text and rejects a file that is not PEM', async () => {
    click(byTestId('profile-add'))
    await settle()
    click(byTestId('profile-scheme-https')!.querySelector('input') ?? byTestId('profile-scheme-https'))
    await settle()
    const input = byTestId('profile-ca-file') as HTMLInputElement
    Object.defineProperty(input, 'files', {
      value: [new File(['not a certificate'], 'notes.txt')],
      configurable: true
    })
    input.dispatchEvent(new Event('change'))
    await settle()
    expect(byTestId('profile-ca-name')!.textContent).toBe('notes.txt')
    expect(feedbackOf('profile-ca-pick')).toContain('This is not a PEM certificate')
    Object.defineProperty(input, 'files', { value: [new File([PEM], 'ca.pem')], configurable: true })
    input.dispatchEvent(new Event('change'))
    await settle()
    expect(byTestId('profile-ca-name')!.textContent).toBe('ca.pem')
    expect(feedbackOf('profile-ca-pick')).toBe('')
  })

  it('never fills the proxy password in, says it is in the keychain, and sends only what is typed', async () => {
    const proxied: ClusterProfile = {
      ...PROD,
      proxyUrl: 'http://ops@proxy.lab:3128',
      proxyPasswordStored: true
    }
    api.saveProfile.mockResolvedValue(ok(proxied))
    useClustersStore().openForm('edit', proxied)
    await settle()
    const field = byTestId('profile-proxy-password') as HTMLInputElement
    expect(field.type).toBe('password')
    expect(field.value).toBe('')
    expect(field.placeholder).toBe('Stored in keychain; type to replace')
    // Saved untouched: the keychain entry stays, nothing is sent in its place.
    click(byTestId('profile-save'))
    await settle()
    expect(api.saveProfile).toHaveBeenCalledTimes(1)
    expect(api.saveProfile.mock.calls[0]![0]).not.toHaveProperty('proxyPassword')
    useClustersStore().openForm('edit', proxied)
    await settle()
    typeInto(byTestId('profile-proxy-password'), 'n3w-secret')
    click(byTestId('profile-save'))
    await settle()
    expect(api.saveProfile.mock.calls[1]![0]).toMatchObject({
      proxyUrl: 'http://ops@proxy.lab:3128',
      proxyPassword: 'n3w-secret'
    })
  })

  it('tests the connection and shows the report plainly', async () => {
    api.testConnection.mockResolvedValueOnce(
      ok({ reachable: true, version: '5.2.1', latencyMs: 12.4, tls: 'not-verified' })
    )
    click(byTestId('profile-add'))
    await settle()
    typeInto(byTestId('profile-name'), 'Lab')
    typeInto(byTestId('profile-host'), 'zstack.lab')
    await settle()
    click(byTestId('profile-test'))
    await settle()
    expect(api.testConnection).toHaveBeenCalledWith({ profile: expect.objectContaining({ name: 'Lab' }) })
    const report = byTestId('connection-report')!
    expect(report.dataset.reachable).toBe('true')
    expect(byTestId('connection-version')!.textContent).toBe('5.2.1')
    expect(byTestId('connection-latency')!.textContent).toBe('12 ms')
    expect(byTestId('connection-tls')!.textContent).toBe('Certificate NOT verified')

    api.testConnection.mockResolvedValueOnce(
      ok({ reachable: false, error: appError('nothingAnswers', { address: 'zstack.lab:8080' }) })
    )
    click(byTestId('profile-test'))
    await settle()
    expect(byTestId('connection-report')!.dataset.reachable).toBe('false')
    expect(byTestId('connection-error')!.textContent).toContain('Nothing answers at zstack.lab:8080.')
  })

  it('splits host:port on leaving the host box and suggests 443 when HTTPS is chosen', async () => {
    click(byTestId('profile-add'))
    await settle()
    const port = () => (byTestId('profile-port') as HTMLInputElement).value
    expect(port()).toBe('8080')
    click(byTestId('profile-scheme-https')!.querySelector('input'))
    await settle()
    expect(port()).toBe('443')
    click(byTestId('profile-scheme-http')!.querySelector('input'))
    await settle()
    expect(port()).toBe('8080')
    typeInto(byTestId('profile-host'), 'zstack.example.com:8443')
    blur(byTestId('profile-host'))
    await settle()
    expect((byTestId('profile-host') as HTMLInputElement).value).toBe('zstack.example.com')
    expect(port()).toBe('8443')
    expect(feedbackOf('profile-host')).toBe('')
    // A port the admin chose stays when the scheme changes.
    click(byTestId('profile-scheme-https')!.querySelector('input'))
    await settle()
    expect(port()).toBe('8443')
  })

  it('offers Remember password only while the keychain can be used, and says why not', async () => {
    const clusters = useClustersStore()
    clusters.openSignIn('prod', 'required')
    await settle()
    expect(byTestId('sign-in-remember')).toBeTruthy()
    expect(byTestId('sign-in-remember-unavailable')).toBeNull()
    api.emit('notice', { level: 'warning', error: appError('keychainUnavailable', {}) })
    await settle()
    // Not offered: it could not be kept; the dialog says why instead.
    expect(byTestId('sign-in-remember')).toBeNull()
    expect(byTestId('sign-in-remember-unavailable')!.textContent).toContain(
      'Not available: the system keychain cannot be used'
    )
    api.signIn.mockResolvedValueOnce(
      ok({ profileId: 'prod', status: 'signed-in', rememberPassword: false, storage: 'memory' })
    )
    typeInto(byTestId('sign-in-password'), 'pw')
    await settle()
    click(byTestId('sign-in-submit'))
    await settle()
    expect(api.signIn).toHaveBeenCalledWith(expect.objectContaining({ rememberPassword: false }))
  })

  it('shows main’s refusal beside the field it names', async () => {
    api.saveProfile.mockResolvedValueOnce({
      ok: false,
      error: appError(
        'invalidInput',
        {},
        {
          issues: [
            {
              path: 'endpoint.host',
              message: 'English for the log only',
              problem: appError('fieldInvalid', { field: 'endpoint.host' })
            }
          ]
        }
      )
    })
    click(byTestId('profile-add'))
    await settle()
    typeInto(byTestId('profile-name'), 'Lab')
    typeInto(byTestId('profile-host'), 'zstack.example.com')
    await settle()
    click(byTestId('profile-save'))
    await settle()
    // The issue's kind, phrased (its English message is for logs only).
    expect(feedbackOf('profile-host')).toBe('endpoint.host is not valid.')
    expect(byTestId('profile-save-error')!.textContent).toContain(
      'A value was refused before anything was sent.'
    )
    expect($('[data-testid="profile-form"]')).toBeTruthy()
  })
})
