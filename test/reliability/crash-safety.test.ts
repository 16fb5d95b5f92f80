// Issue 8.3: the app is SIGKILLed 50 times while it saves profiles and runs migrations; after every restart the
// acknowledged profiles are on disk, every submitted migration is resumed or resolved, and none is sent twice.
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
      expect(report.records.every((r) => r.state === 'succeeded' || r.state === 'failed')).toBe(true)
      expect(Math.max(...report.submissions.values())).toBe(1)
    }
  )
})
