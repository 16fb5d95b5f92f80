import { describe, expect, it } from 'vitest'
import { messages as migrate } from '@renderer/features/migrate/messages'
import { messages as activity } from '@renderer/features/activity/messages'
import { messages as batch } from '@renderer/features/batch/messages'
import { ERROR_KINDS, zstackKind } from '../../src/shared/error-kinds'
import type { AppErrorCode } from '../../src/shared/api'
import type { HostExclusionReason } from '../../src/shared/api'

/** Every leaf key, dotted, with the placeholders its text uses. */
function leaves(tree: Record<string, unknown>, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort())
    else for (const [k, v] of leaves(value as Record<string, unknown>, path)) out.set(k, v)
  }
  return out
}

describe.each([
  ['migrate', migrate],
  ['activity', activity],
  ['batch', batch]
])('%s messages', (_name, messages) => {
  it('has every English string in Simplified Chinese, with the same placeholders', () => {
    const en = leaves(messages.en)
    const zh = leaves(messages['zh-CN'])
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort())
    for (const [key, placeholders] of en) expect([key, zh.get(key)]).toEqual([key, placeholders])
  })
})

describe('explanations exist for every code and reason', () => {
  const en = leaves(migrate.en)
  it.each([
    'ZSTACK',
    'HTTP',
    'NETWORK',
    'TLS',
    'TIMEOUT',
    'SESSION_EXPIRED',
    'NOT_SIGNED_IN',
    'INVALID_INPUT',
    'KEYCHAIN_UNAVAILABLE',
    'JOB_EXPIRED',
    'NOT_FOUND',
    'MIGRATION_IN_PROGRESS',
    'PROFILES_CORRUPT',
    'FORBIDDEN',
    'INTERNAL'
  ] satisfies AppErrorCode[])('an error kind for %s', (code) => {
    expect(Object.values(ERROR_KINDS).some((spec) => spec.code === code)).toBe(true)
  })

  it.each([
    'VM.1008',
    'VM.1010',
    'SYS.1007',
    'SYS.1003',
    'HOST_ALLOCATION.1000',
    'SYS.1006',
    'HOST.1009',
    'HOST.1010'
  ])('specific advice for ZStack %s', (zcode) => {
    const kind = zstackKind([zcode])
    expect(kind).not.toBe('zstackOther')
    expect(ERROR_KINDS[kind].advice).not.toBe('')
  })

  it.each([
    'current-host',
    'maintenance',
    'disabled',
    'disconnected',
    'not-enough-memory',
    'not-enough-cpu',
    'other-hypervisor',
    'storage-not-attached',
    'not-offered'
  ] satisfies HostExclusionReason[])('words for the host reason %s', (reason) => {
    expect(en.has(`migrate.reason.${reason}`)).toBe(true)
  })
})
