// Issue 8.3 (and 14): the app is SIGKILLed 50 times while it saves profiles and runs migrations (long jobs, some
// cancelled, on one node; the plain action on another); after every restart the acknowledged profiles are on disk,
// every submitted migration is resumed or resolved, none is sent twice, and the journal agrees with each node.
import { describe, expect, it } from 'vitest'
import { describeCrash, runCrashCycles } from './support/crash-harness'

describe('crash safety (issue 8.3)', () => {
  it(
    'survives 50 kills without losing an acknowledged write or resubmitting a migration',
    { timeout: 400_000 },
    async () => {
      const report = await runCrashCycles({
        kills: 50,
        seed: 8_003,
        maxRunMs: 700,
        log: (line) => console.log(line)
      })
      console.log(describeCrash(report))
      expect(report.problems).toEqual([])
      expect(report.kills).toBe(50)
      expect(report.ackedProfiles).toBeGreaterThan(50)
      expect(report.ackedMigrations).toBeGreaterThan(10)
      expect(report.records.every((r) => ['succeeded', 'failed', 'canceled'].includes(r.state))).toBe(true)
      expect(Math.max(...report.submissions.values())).toBe(1)
      // Both paths were killed mid-work, and cancels were asked while the app was killed around them.
      expect(report.records.some((r) => r.mode === 'long-job')).toBe(true)
      expect(report.records.some((r) => r.mode === 'plain')).toBe(true)
      expect(report.cancelsAsked).toBeGreaterThan(0)
    }
  )
})
