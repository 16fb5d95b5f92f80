import { describe, expect, it } from 'vitest'
import {
  buildCurl,
  buildMigrateParams,
  buildRequestBody,
  emptyForm,
  isFilled,
  strategiesAccepted,
  validateMigrateForm,
  type MigrateForm
} from '../../src/renderer/src/features/migrate/migrate-form'
import { zstackKind } from '../../src/shared/error-kinds'

const HOST = 'ab'.repeat(16)
const form = (patch: Partial<MigrateForm> = {}): MigrateForm => ({ ...emptyForm(), hostUuid: HOST, ...patch })

describe('migrate form validation (mirrors migrateParamsSchema)', () => {
  it('accepts a picked host or "let ZStack choose", and asks for one of them otherwise', () => {
    expect(validateMigrateForm(form())).toEqual({})
    expect(validateMigrateForm(form({ hostUuid: null }))).toEqual({})
    expect(validateMigrateForm(form({ hostUuid: undefined })).hostUuid?.key).toBe('hostRequired')
    expect(validateMigrateForm(form({ hostUuid: 'not-a-uuid' })).hostUuid?.key).toBe('hostUuid')
  })

  it.each([
    ['', undefined],
    ['1', undefined],
    ['600000', undefined],
    [' 250 ', undefined],
    ['0', 'downTimeRange'],
    ['600001', 'downTimeRange'],
    ['-5', 'downTimeRange'],
    ['1.5', 'downTimeWhole'],
    ['1e3', 'downTimeWhole'],
    ['abc', 'downTimeNotNumber'],
    ['12ms', 'downTimeNotNumber']
  ])('down time %j → %s', (downTime, problem) => {
    expect(validateMigrateForm(form({ downTime })).downTime?.key).toBe(problem)
  })

  it.each([
    [null, undefined],
    ['auto-converge', undefined],
    ['post-copy', undefined],
    ['x'.repeat(64), undefined],
    ['x'.repeat(65), 'strategy'],
    ['', 'strategy'],
    ['-leading-dash', 'strategy'],
    ['has space', 'strategy']
  ])('strategy %j → %s', (strategy, problem) => {
    expect(validateMigrateForm(form({ strategy })).strategy?.key).toBe(problem)
  })

  it('limits tags to 50 of 1 to 512 characters, for system and user tags alike', () => {
    expect(validateMigrateForm(form({ systemTags: ['a'.repeat(512)] }))).toEqual({})
    expect(validateMigrateForm(form({ systemTags: ['a'.repeat(513)] })).systemTags).toEqual({
      key: 'tagTooLong',
      params: { max: 512, length: 513 }
    })
    expect(validateMigrateForm(form({ userTags: [''] })).userTags?.key).toBe('emptyTag')
    expect(
      validateMigrateForm(form({ userTags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).userTags?.key
    ).toBe('tooManyTags')
  })
})

describe("strategies against the node's version", () => {
  it.each([
    ['5.2.1', ['auto-converge']],
    ['5.2.0', ['auto-converge']],
    ['4.8.0', ['auto-converge']],
    ['5.2', ['auto-converge']],
    ['5.2.2', undefined],
    ['5.3.0', undefined],
    ['10.0.0', undefined],
    ['', undefined],
    ['unknown', undefined]
  ])('ZStack %j accepts %j (undefined: not checked here)', (version, accepted) => {
    expect(strategiesAccepted(version)).toEqual(accepted)
  })

  it('refuses on 5.2.1 a strategy other than auto-converge, says why, and leaves it out of the request', () => {
    expect(validateMigrateForm(form({ strategy: 'no-converge' }), '5.2.1').strategy).toEqual({
      key: 'strategyVersion',
      params: { version: '5.2.1', accepted: 'auto-converge' }
    })
    expect(validateMigrateForm(form({ strategy: 'auto-converge' }), '5.2.1')).toEqual({})
    expect(validateMigrateForm(form({ strategy: null }), '5.2.1')).toEqual({})
    expect(buildMigrateParams(form({ strategy: 'no-converge' }), '5.2.1')).toEqual({ hostUuid: HOST })
    // A later node, or one whose version is unknown, checks the name itself.
    expect(validateMigrateForm(form({ strategy: 'no-converge' }), '5.3.0')).toEqual({})
    expect(validateMigrateForm(form({ strategy: 'no-converge' }))).toEqual({})
    // A malformed name is still malformed whatever the version.
    expect(validateMigrateForm(form({ strategy: 'has space' }), '5.2.1').strategy?.key).toBe('strategy')
  })
})

describe('a filled form', () => {
  it('is any form with something set: a host, "let ZStack choose", a strategy, a down time, a switch or a tag', () => {
    expect(isFilled(emptyForm())).toBe(false)
    const filled: Partial<MigrateForm>[] = [
      { hostUuid: HOST },
      { hostUuid: null },
      { strategy: 'auto-converge' },
      { downTime: '5' },
      { migrateFromDestination: true },
      { allowUnknown: true },
      { systemTags: ['a'] },
      { userTags: ['b'] }
    ]
    for (const patch of filled) expect([patch, isFilled({ ...emptyForm(), ...patch })]).toEqual([patch, true])
  })
})

describe('the request built from the form', () => {
  it('sends nothing the user did not choose', () => {
    const params = buildMigrateParams(form({ hostUuid: null }))
    expect(params).toEqual({})
    expect(buildRequestBody(params)).toEqual({ migrateVm: {} })
  })

  it('sends the host, the strategy, an integer down time, the switches, and tags beside the action', () => {
    const params = buildMigrateParams(
      form({
        strategy: 'auto-converge',
        downTime: ' 0500 ',
        migrateFromDestination: true,
        allowUnknown: true,
        systemTags: ['a::b'],
        userTags: ['blue']
      })
    )
    expect(params).toEqual({
      hostUuid: HOST,
      strategy: 'auto-converge',
      downTime: 500,
      migrateFromDestination: true,
      allowUnknown: true,
      systemTags: ['a::b'],
      userTags: ['blue']
    })
    expect(Number.isInteger(params.downTime)).toBe(true)
    const body = buildRequestBody(params)
    expect(body).toEqual({
      migrateVm: {
        hostUuid: HOST,
        strategy: 'auto-converge',
        downTime: 500,
        migrateFromDestination: true,
        allowUnknown: true
      },
      systemTags: ['a::b'],
      userTags: ['blue']
    })
    expect(Object.keys(body.migrateVm)).not.toContain('systemTags')
  })

  it('leaves a field out of the request while it is invalid', () => {
    expect(buildMigrateParams(form({ downTime: 'abc' }))).toEqual({ hostUuid: HOST })
    expect(buildMigrateParams(form({ downTime: '1.5' }))).toEqual({ hostUuid: HOST })
    expect(buildMigrateParams(form({ downTime: '0' }))).toEqual({ hostUuid: HOST })
    expect(buildMigrateParams(form({ downTime: '   ' }))).toEqual({ hostUuid: HOST })
    expect(buildMigrateParams(form({ strategy: 'bad strategy' }))).toEqual({ hostUuid: HOST })
    expect(buildMigrateParams(form({ userTags: ['x'.repeat(513)] }))).toEqual({ hostUuid: HOST })
  })

  it('leaves out a tag list that is empty', () => {
    const body = buildRequestBody(buildMigrateParams(form({ userTags: ['x'] })))
    expect(body).toEqual({ migrateVm: { hostUuid: HOST }, userTags: ['x'] })
    expect('systemTags' in body).toBe(false)
  })

  it('builds a cURL command with the endpoint, the action URL and a session placeholder, quoting safely', () => {
    const body = buildRequestBody(buildMigrateParams(form({ userTags: ["it's"] })))
    const curl = buildCurl(
      { scheme: 'https', host: 'zs.example.com', port: 8443, path: 'zstack' },
      'cd'.repeat(16),
      body
    )
    expect(curl).toContain(
      `curl -X PUT 'https://zs.example.com:8443/zstack/v1/vm-instances/${'cd'.repeat(16)}/actions'`
    )
    expect(curl).toContain(`-H 'Authorization: OAuth <SESSION_UUID>'`)
    expect(curl).toContain(`-d '{"migrateVm":{"hostUuid":"${HOST}"},"userTags":["it'\\''s"]}'`)
    const noPath = buildCurl(
      { scheme: 'http', host: '10.0.0.1', port: 8080, path: '' },
      'cd'.repeat(16),
      body
    )
    expect(noPath).toContain(`'http://10.0.0.1:8080/v1/vm-instances/`)
  })
})

describe('error kinds of ZStack codes', () => {
  it('picks the kind from the ZStack code, looking through the cause chain', () => {
    expect(zstackKind(['VM.1008', 'VM.1010'])).toBe('zstackWrongState')
    expect(zstackKind(['SYS.1000', 'SYS.1006'])).toBe('zstackOperationFailed')
    expect(zstackKind(['HOST_ALLOCATION.1000'])).toBe('zstackNoHost')
    expect(zstackKind(['XYZ.1'])).toBe('zstackOther')
  })
})
