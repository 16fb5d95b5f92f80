/// <reference lib="dom" />
/// <reference types="vite/client" />
// Every screen in 简体中文 (issue 18.4): no English message of the app's own, nor naive-ui's English defaults, on screen
// or in a placeholder, label or tooltip. Server data (names, JSON, verbatim details) may be English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, openApp } from './support/browser'
import { walkScreens } from './support/walk-screens'
import { startAppHost, type AppHost } from './support/app-host'

// Globbed (not imported): the renderer's files are outside the Node type project; vitest resolves them all the same.
const sources = Object.values(
  import.meta.glob<Record<string, { en: unknown; 'zh-CN': unknown }>>(
    ['../../src/renderer/src/features/*/messages.ts', '../../src/renderer/src/i18n/*-messages.ts'],
    { eager: true }
  )
).flatMap((module) => Object.values(module))

function leaves(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree]
  if (tree && typeof tree === 'object') return Object.values(tree).flatMap(leaves)
  return []
}

const parts = (locale: 'en' | 'zh-CN'): string[] =>
  sources
    .map((source) => source[locale])
    .flatMap(leaves)
    .flatMap((text) => text.split(/\{[^}]*\}|\|/))
    .map((part) => part.trim())
// English phrases and words the app writes itself (two words or more, or one whole word like "Running"), less what
// zh-CN keeps the same on purpose (ZStack Desk, CPU…).
const SAME_IN_BOTH = new Set(parts('zh-CN'))
const ENGLISH = [
  ...new Set(
    parts('en').filter(
      (part) =>
        !SAME_IN_BOTH.has(part) && (/[A-Za-z]{2,} [A-Za-z]{2,}/.test(part) || /^[A-Z][a-z]{3,}$/.test(part))
    )
  )
]
// naive-ui's own English texts, shown when its locale is not passed on.
const NAIVE_ENGLISH = ['Please Input', 'Please Select', 'No Data', 'Goto', 'Confirm']
/** naive-ui's close buttons name themselves "close" (their aria-label) unless the app names them. */
const NAIVE_EXACT = ['close']

async function englishOnScreen(page: Page, screen: string): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement
      if (!el || el.closest('[data-verbatim], [data-testid="json-tree"], script, style')) continue
      const box = el.getBoundingClientRect()
      const text = node.textContent?.trim()
      if (text && box.width && box.height) out.push(text)
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]'))
      for (const name of ['placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(name)?.trim()
        if (value) out.push(value)
      }
    return out
  })
  const found = texts.filter(
    (text) =>
      ENGLISH.some((english) =>
        english.includes(' ') ? text.includes(english) : text === english || text.includes(`(${english})`)
      ) ||
      NAIVE_ENGLISH.some((english) => text.includes(english)) ||
      NAIVE_EXACT.includes(text)
  )
  return [...new Set(found)].map((text) => `${screen}: ${text}`)
}

describe('every screen in zh-CN', () => {
  let browser: Browser
  let host: AppHost

  beforeAll(async () => {
    host = await startAppHost({ demoSimulator: { vms: 30 } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  it('notices English: the same list in en shows the state tags and the toolbar in English', async () => {
    for (const sample of ['Running', 'Sign in', 'Let ZStack choose']) expect(ENGLISH).toContain(sample)
    const { page, context } = await openApp(browser, host.url, { locale: 'en-US' })
    await page.getByTestId('vm-row').first().waitFor()
    const found = await englishOnScreen(page, 'list')
    expect(found).toContain('list: Running')
    expect(found).toContain('list: Sign out')
    await context.close()
  })

  it(
    'shows no English of its own on the list, inspector, migrate and batch dialogs, profile form, Activity, fleet view, fleet health, drain plan and sign-in',
    { timeout: 180_000 },
    async () => {
      const { page, problems, context } = await openApp(browser, host.url, { locale: 'zh-CN' })
      const found = await walkScreens(page, 'zh-walk', (screen) => englishOnScreen(page, screen))
      expect(found).toEqual([])
      expect(problems).toEqual([])
      await context.close()
    }
  )
})
