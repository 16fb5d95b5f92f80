// Issue 8.2 (and 14: long jobs and cancels on two clusters, the plain action on one), short form: 12 migrations over 3 misbehaving clusters (10% of requests failing, 2.5% in each fault
// shape, plus each shape forced onto a migrate request and a job poll) with sessions expiring every 2 s.
// The long form (50 migrations, 10% in EACH fault shape, sessions expiring every 30 s) is `npm run soak`.
import { describe, expect, it } from 'vitest'
import type { MigrationRecord } from '../../src/shared/api'
import { appError } from '../../src/shared/error-kinds'
import { checkPromises, describeChaos, runChaos } from './support/chaos-scenario'

describe('chaos run (issue 8.2)', () => {
  it(
    'resolves every migration, submits each at most once and agrees with the simulators',
    { timeout: 90_000 },
    async () => {
      const report = await runChaos({
        migrations: 12,
        clusters: 3,
        faultRatePerKind: 0.025,
        lostAnswerRate: 0.3,
        expireEveryMs: 2000,
        latencyMs: 2,
        jitterMs: 25,
        migrationDurationMs: 3000,
        migrationFailureRate: 0.1,
        plainClusters: 1,
        cancelRate: 0.4,
        inFlightPerCluster: 2,
        userPatience: 60,
        seed: 2024,
        deadlineMs: 75_000,
        log: (line) => console.log(line)
      })
      console.log(describeChaos(report))
      expect(report.problems).toEqual([])
      expect(report.unhandled).toEqual([])
      expect(report.records.length).toBeGreaterThanOrEqual(12)
      expect(report.records.every((r) => ['succeeded', 'failed', 'canceled'].includes(r.state))).toBe(true)
      // Both paths ran: long jobs (some cancelled) on two clusters, the plain action on the third.
      expect(report.records.some((r) => r.mode === 'long-job')).toBe(true)
      expect(report.records.some((r) => r.mode === 'plain')).toBe(true)
      expect(report.cancels).toBeGreaterThan(0)
      expect(Math.max(...report.submissions.values())).toBe(1)
      expect(report.records.filter((r) => r.state === 'succeeded').length).toBeGreaterThan(0)
      // The run really was hostile: every fault shape happened and sessions expired under the user's feet.
      for (const kind of ['error503', 'html502', 'drop', 'truncate'] as const)
        expect(report.faults[kind], kind).toBeGreaterThan(0)
      expect(report.expiries).toBeGreaterThanOrEqual(2)
    }
  )
})

describe('the chaos checker', () => {
  const record = (over: Partial<MigrationRecord>): MigrationRecord => ({
    id: 'r1',
    profileId: 'p',
    profileName: 'P',
    vmUuid: 'v1',
    vmName: 'vm-1',
    params: { hostUuid: 'h2' },
    jobUuid: 'j1',
    state: 'succeeded',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:01.000Z',
    polls: 3,
    before: { hostUuid: 'h1' },
    after: { hostUuid: 'h2' },
    ...over
  })
  const host = (uuid: string) => () => uuid

  it('accepts a consistent run', () => {
    expect(checkPromises([record({})], new Map([['j1', 1]]), new Set(), host('h2'), 1)).toEqual([])
  })

  it.each([
    ['a double submission', [record({})], new Map([['j1', 2]]), new Set<string>(), 'h2', /submitted 2 times/],
    [
      'an orphan submission',
      [record({})],
      new Map([
        ['j1', 1],
        ['j9', 1]
      ]),
      new Set<string>(),
      'h2',
      /does not know/
    ],
    [
      'a record left running',
      [record({ state: 'running', after: undefined })],
      new Map([['j1', 1]]),
      new Set<string>(),
      'h1',
      /never ended/
    ],
    [
      'a failure without an AppError',
      [record({ state: 'failed', after: undefined })],
      new Map(),
      new Set<string>(),
      'h1',
      /without an AppError/
    ],
    [
      'a journal that disagrees with the host',
      [record({})],
      new Map([['j1', 1]]),
      new Set<string>(),
      'h1',
      /the simulator says h1/
    ],
    [
      'a received request declared never received',
      [
        record({
          state: 'failed',
          after: undefined,
          error: appError('migrationNeverArrived', { vm: 'vm', host: 'h0' })
        })
      ],
      new Map([['j1', 1]]),
      new Set(['j1']),
      'h1',
      /declared never received/
    ],
    ['too few migrations', [record({})], new Map([['j1', 1]]), new Set<string>(), 'h2', /only 1 of 2/]
  ])('reports %s', (_name, records, submissions, lost, actualHost, problem) => {
    const expected = _name === 'too few migrations' ? 2 : 1
    const problems = checkPromises(records, submissions, lost, host(actualHost), expected)
    expect(problems.join('\n')).toMatch(problem)
  })
})
