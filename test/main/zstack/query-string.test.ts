import { describe, expect, it } from 'vitest'
import { isDeskError } from '../../../src/main/desk-error'
import {
  buildQueryParams,
  conditionText,
  likeLiteral,
  withQuery
} from '../../../src/main/zstack/query-string'
import { searchCondition, searchKind, vmQueryToResourceQuery } from '../../../src/main/zstack/vm-search'
import { UUID_PREFIX_MIN, isShortHexName } from '../../../src/shared/vm-search-kind'

function invalidInputOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (isDeskError(error) && error.error.code === 'INVALID_INPUT') return error.error.message
    throw error
  }
  throw new Error('expected INVALID_INPUT')
}

describe('query string', () => {
  it('writes each condition as field, op and value, in ZStack syntax', () => {
    expect(conditionText({ field: 'name', op: '=', value: 'web 01' })).toBe('name=web 01')
    expect(conditionText({ field: 'vmNics.ip', op: '~=', value: '10.0.%' })).toBe('vmNics.ip~=10.0.%')
    expect(conditionText({ field: 'state', op: '?=', value: ['Running', 'Paused'] })).toBe(
      'state?=Running,Paused'
    )
    expect(conditionText({ field: 'state', op: '!?=', value: 'Stopped' })).toBe('state!?=Stopped')
    expect(conditionText({ field: 'cpuNum', op: '>=', value: 4 })).toBe('cpuNum>=4')
    expect(conditionText({ field: 'isDefault', op: '=', value: true })).toBe('isDefault=true')
    expect(conditionText({ field: 'hostUuid', op: 'is null' })).toBe('hostUuid is null')
    expect(conditionText({ field: 'hostUuid', op: 'not null' })).toBe('hostUuid not null')
  })

  it('encodes values with URLSearchParams so &, =, spaces, % and non-ASCII survive the round trip', () => {
    const values = ['a&b=c', 'two words', '100%', '云主机-测试', 'plus+sign', '#hash?q']
    const params = buildQueryParams({
      conditions: values.map((value) => ({ field: 'name', op: '=', value }))
    })
    const text = params.toString()
    expect(text).not.toMatch(/[ &]name/)
    expect(new URLSearchParams(text).getAll('q')).toEqual(values.map((v) => `name=${v}`))
  })

  it('adds limit, start, sort, fields (one parameter) and replyWithCount', () => {
    const params = buildQueryParams({
      limit: 25,
      start: 50,
      sort: { field: 'name', direction: 'desc' },
      fields: ['uuid', 'name', 'state'],
      replyWithCount: true
    })
    expect(params.get('limit')).toBe('25')
    expect(params.get('start')).toBe('50')
    expect(params.get('sort')).toBe('-name')
    expect(params.getAll('fields')).toEqual(['uuid,name,state'])
    expect(params.get('replyWithCount')).toBe('true')
    expect(buildQueryParams({ sort: { field: 'createDate', direction: 'asc' } }).get('sort')).toBe(
      '+createDate'
    )
    expect(withQuery('v1/zones')).toBe('v1/zones')
    expect(withQuery('v1/zones', { limit: 1 })).toBe('v1/zones?limit=1')
  })

  it('escapes LIKE wildcards and the escape character itself for a literal match', () => {
    expect(likeLiteral('50%_off')).toBe('50\\%\\_off')
    expect(likeLiteral('a\\b')).toBe('a\\\\b')
    expect(likeLiteral('plain')).toBe('plain')
  })

  it('refuses conditions that would change meaning, with a clear message', () => {
    expect(invalidInputOf(() => conditionText({ field: 'name=x&q=uuid', op: '=', value: 'a' }))).toMatch(
      /not a field name/
    )
    expect(invalidInputOf(() => conditionText({ field: 'name', op: '=' }))).toMatch(/needs a value/)
    expect(invalidInputOf(() => conditionText({ field: 'state', op: '?=', value: [] }))).toMatch(
      /at least one value/
    )
    expect(invalidInputOf(() => conditionText({ field: 'name', op: '?=', value: ['a,b'] }))).toMatch(/comma/)
    expect(invalidInputOf(() => conditionText({ field: 'name', op: '=', value: ['a'] }))).toMatch(/one value/)
    expect(invalidInputOf(() => buildQueryParams({ limit: -1 }))).toMatch(/limit/)
    expect(invalidInputOf(() => buildQueryParams({ start: 1.5 }))).toMatch(/start/)
    expect(invalidInputOf(() => buildQueryParams({ fields: ['uuid', 'bad field'] }))).toMatch(
      /not a field name/
    )
  })
})

describe('VM search', () => {
  it('picks the field by the shape of the text', () => {
    expect(searchKind('10.')).toBe('ip-prefix')
    expect(searchKind('10.0.3')).toBe('ip-prefix')
    expect(searchKind('10.0.3.1*')).toBe('ip-prefix')
    expect(searchKind('192.168.1.10')).toBe('ip')
    expect(searchKind('1.2.3.4.5')).toBe('name')
    expect(searchKind('42')).toBe('name')
    expect(searchKind('A'.repeat(32))).toBe('uuid')
    expect(searchKind('dc461fca')).toBe('uuid-prefix')
    expect(searchKind('dc461fc')).toBe('name')
    expect(searchKind('web-01')).toBe('name')
  })

  it('knows hex text too short for a UUID, which the list explains when no name matches it', () => {
    expect(['ab12', 'AB12', '1234', 'dc461fc'].map(isShortHexName)).toEqual([true, true, true, true])
    expect(['dc461fca', 'web-01', '10.0.3', 'ab12-', ''].map(isShortHexName)).toEqual([
      false,
      false,
      false,
      false,
      false
    ])
    expect(searchKind('a'.repeat(UUID_PREFIX_MIN - 1))).toBe('name')
    expect(searchKind('a'.repeat(UUID_PREFIX_MIN))).toBe('uuid-prefix')
  })

  it('turns each shape into one condition with literal text', () => {
    expect(searchCondition('  ')).toBeUndefined()
    expect(searchCondition('10.20.')).toEqual({ field: 'vmNics.ip', op: '~=', value: '10.20.%' })
    // A whole address is exact (10.11.0.13 is not 10.11.0.130); a trailing dot or * asks for the ones that start so.
    expect(searchCondition(' 10.11.0.13 ')).toEqual({ field: 'vmNics.ip', op: '=', value: '10.11.0.13' })
    expect(searchCondition('10.11.0.13*')).toEqual({ field: 'vmNics.ip', op: '~=', value: '10.11.0.13%' })
    expect(searchCondition('10.11.0.')).toEqual({ field: 'vmNics.ip', op: '~=', value: '10.11.0.%' })
    expect(searchCondition('AB'.repeat(16))).toEqual({ field: 'uuid', op: '=', value: 'ab'.repeat(16) })
    expect(searchCondition('DC461FCA00')).toEqual({ field: 'uuid', op: '~=', value: 'dc461fca00%' })
    expect(searchCondition(' 50%_off ')).toEqual({ field: 'name', op: '~=', value: '%50\\%\\_off%' })
    // A UUID pasted dashed (whole or its start) is the same UUID: ZStack's have no dashes.
    expect(searchCondition('DC461FCA-0011-2233-4455-66778899AABB')).toEqual({
      field: 'uuid',
      op: '=',
      value: 'dc461fca00112233445566778899aabb'
    })
    expect(searchCondition('dc461fca-00')).toEqual({ field: 'uuid', op: '~=', value: 'dc461fca00%' })
    expect(searchCondition('web-01')).toEqual({ field: 'name', op: '~=', value: '%web-01%' })
  })

  it('builds the whole query: UserVm unless appliances are asked for, states, placement, paging', () => {
    const query = vmQueryToResourceQuery({
      search: 'web',
      states: ['Running', 'Paused'],
      zoneUuid: 'z'.repeat(32),
      clusterUuid: 'c'.repeat(32),
      hostUuid: 'h'.repeat(32),
      start: 20,
      limit: 10,
      sort: { field: 'memorySize', direction: 'desc' },
      fields: ['uuid', 'name'],
      replyWithCount: true
    })
    expect(buildQueryParams(query).toString()).toBe(
      new URLSearchParams([
        ['q', 'type=UserVm'],
        ['q', 'name~=%web%'],
        ['q', 'state?=Running,Paused'],
        ['q', `zoneUuid=${'z'.repeat(32)}`],
        ['q', `clusterUuid=${'c'.repeat(32)}`],
        ['q', `hostUuid=${'h'.repeat(32)}`],
        ['limit', '10'],
        ['start', '20'],
        ['sort', '-memorySize'],
        ['fields', 'uuid,name'],
        ['replyWithCount', 'true']
      ]).toString()
    )
    const withAppliances = vmQueryToResourceQuery({ includeAppliance: true, start: 0, limit: 5 })
    expect(withAppliances.conditions).toEqual([])
  })
})
