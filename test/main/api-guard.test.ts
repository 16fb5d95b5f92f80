import { describe, expect, it, vi } from 'vitest'
import { guardApi } from '../../src/main/api-guard'
import { deskError } from '../../src/main/desk-error'
import type { DeskHandlers } from '../../src/main/desk-handlers'
import { DESK_API_METHODS } from '../../src/shared/api'

function spyHandlers(): DeskHandlers {
  return Object.fromEntries(
    DESK_API_METHODS.map((m) => [m, vi.fn(async () => ({ called: m }))])
  ) as unknown as DeskHandlers
}

const goodVmRef = { profileId: 'demo', vmUuid: 'a'.repeat(32) }

describe('guardApi', () => {
  it('passes a valid argument through and wraps the data in a Result', async () => {
    const handlers = spyHandlers()
    const result = await guardApi(handlers).call('getVm', goodVmRef)
    expect(result).toEqual({ ok: true, data: { called: 'getVm' } })
    expect(handlers.getVm).toHaveBeenCalledWith(goodVmRef)
  })

  it('lower-cases UUIDs before the implementation sees them', async () => {
    const handlers = spyHandlers()
    await guardApi(handlers).call('getVm', { profileId: 'demo', vmUuid: 'AB'.repeat(16) })
    expect(handlers.getVm).toHaveBeenCalledWith({ profileId: 'demo', vmUuid: 'ab'.repeat(16) })
  })

  const hostile: [string, unknown][] = [
    ['wrong type', { profileId: 42, vmUuid: 'a'.repeat(32) }],
    ['missing field', { profileId: 'demo' }],
    ['extra field', { ...goodVmRef, extra: true }],
    ['huge string', { profileId: 'x'.repeat(1_000_000), vmUuid: 'a'.repeat(32) }],
    ['uuid of the wrong length', { profileId: 'demo', vmUuid: 'a'.repeat(31) }],
    [
      'prototype pollution key',
      JSON.parse(`{"profileId":"demo","vmUuid":"${'a'.repeat(32)}","__proto__":{"admin":true}}`)
    ],
    ['constructor key', { ...goodVmRef, constructor: { prototype: { polluted: true } } }],
    ['array instead of object', [goodVmRef]],
    ['null', null],
    ['string', 'getVm']
  ]

  it.each(hostile)('rejects %s with INVALID_INPUT and never calls the implementation', async (_name, arg) => {
    const handlers = spyHandlers()
    const result = await guardApi(handlers).call('getVm', arg)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT')
    expect(handlers.getVm).not.toHaveBeenCalled()
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  it('rejects migration parameters out of range, naming the field', async () => {
    const handlers = spyHandlers()
    const result = await guardApi(handlers).call('migrateVm', { ...goodVmRef, params: { downTime: -5 } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.issues?.[0]?.path).toBe('params.downTime')
    const fractional = await guardApi(handlers).call('migrateVm', { ...goodVmRef, params: { downTime: 1.5 } })
    expect(fractional.ok).toBe(false)
    expect(handlers.migrateVm).not.toHaveBeenCalled()
  })

  it('states each refused field as a problem kind with parameters, zod’s words kept as details', async () => {
    const handlers = spyHandlers()
    const low = await guardApi(handlers).call('migrateVm', { ...goodVmRef, params: { downTime: -5 } })
    expect(!low.ok && low.error.issues?.[0]?.problem).toMatchObject({
      kind: 'fieldTooSmall',
      code: 'INVALID_INPUT',
      params: { field: 'params.downTime', limit: expect.any(String) },
      details: expect.any(String)
    })
    const wrongType = await guardApi(handlers).call('getVm', { ...goodVmRef, vmUuid: 42 })
    expect(!wrongType.ok && wrongType.error.issues?.[0]?.problem).toMatchObject({
      kind: 'fieldWrongType',
      params: { field: 'vmUuid', expected: 'string' }
    })
  })

  it('refuses unknown and inherited method names', async () => {
    const handlers = spyHandlers()
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42]) {
      const result = await guardApi(handlers).call(name, undefined)
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('turns a DeskError into its AppError and any other throw into INTERNAL', async () => {
    const handlers = spyHandlers()
    handlers.getVm = vi.fn(async () => {
      throw deskError('signInFirst', { cluster: 'Demo' })
    })
    handlers.getTopology = vi.fn(async () => {
      throw new TypeError('boom')
    })
    const onUnexpected = vi.fn()
    const guarded = guardApi(handlers, onUnexpected)
    expect(await guarded.call('getVm', goodVmRef)).toEqual({
      ok: false,
      error: {
        code: 'NOT_SIGNED_IN',
        kind: 'signInFirst',
        params: { cluster: 'Demo' },
        message: 'You are not signed in to Demo. Sign in first.'
      }
    })
    const internal = await guarded.call('getTopology', { profileId: 'demo' })
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: 'boom' } })
    expect(onUnexpected).toHaveBeenCalledTimes(1)
  })
})
