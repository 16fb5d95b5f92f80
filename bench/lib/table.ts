// Prints the results as a fixed-width table: name, app, baseline, ratio, target, pass/fail.
import { isFailed, type BenchOutcome } from './results'

function cell(value: number, unit: string): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${unit}`
}

export function formatTable(outcomes: Record<string, BenchOutcome>): string {
  const header = ['name', 'app', 'baseline', 'ratio', 'target', 'result']
  const rows = Object.entries(outcomes).map(([name, outcome]) =>
    isFailed(outcome)
      ? [name, '-', '-', '-', outcome.target, `ERROR: ${outcome.error.split('\n')[0]}`]
      : [
          name,
          cell(outcome.app, outcome.unit),
          cell(outcome.baseline, outcome.unit),
          outcome.ratio.toFixed(3),
          outcome.target,
          outcome.pass ? 'pass' : 'FAIL'
        ]
  )
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
