// axe-core in the page: the serious and critical violations of what is on screen, one readable line each.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'

// Evaluated through the devtools protocol: the app's strict CSP (rightly) refuses addScriptTag's inline script.
const AXE_SOURCE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8')

interface AxeNode {
  target: unknown[]
  failureSummary?: string
}
interface AxeViolation {
  id: string
  impact?: string | null
  help: string
  nodes: AxeNode[]
}

/** The figures axe measured, e.g. a contrast ratio and its colours: what a fix has to change. */
function measured(node: AxeNode): string {
  const figures = /contrast of [^)]*\)/.exec(node.failureSummary ?? '')
  return figures ? ` (${figures[0]}` : ''
}

/** `screen: rule (impact) help at selector` for each serious or critical violation now in `within` (a selector). */
export async function seriousViolations(page: Page, screen: string, within = 'html'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as { axe: { run: (context: Element, options: object) => Promise<unknown> } }
    ).axe
    const root = document.querySelector(selector)
    if (!root) throw new Error(`nothing on screen matches ${selector}`)
    const result = (await axe.run(root, { resultTypes: ['violations'] })) as { violations: unknown[] }
    return result.violations
  }, within)
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        .slice(0, 4)
        .map(
          (node) =>
            `${screen}: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(node.target)}${measured(node)}`
        )
    )
}
