// A notice about the profiles file reads in the chosen language; the parser's own words stay verbatim.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api as realApi } from '@renderer/api'
import ClusterSidebar from '@renderer/features/clusters/ClusterSidebar.vue'
import { i18n } from '@renderer/i18n'
import { appError } from '../../../src/shared/error-kinds'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { DEMO } from '../vms-support/fixtures'
import { allByTestId, mountInApp, settle } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const PARSER_WORDS = "not valid JSON: Unexpected token 'h'"
const movedAside = appError(
  'profilesMovedAside',
  { file: 'profiles.json', aside: '/data/profiles.corrupt-1.json' },
  { cause: appError('profilesFileCorruptAt', { line: 3 }, { details: PARSER_WORDS }) }
)
const skipped = appError(
  'profilesSkipped',
  { count: 2, file: 'profiles.json', copy: '/data/profiles.corrupt-2.json' },
  { details: 'entry 4: id is invalid' }
)

let wrapper: ReturnType<typeof mountInApp> | undefined

async function noticesIn(locale: 'en' | 'zh-CN'): Promise<string[]> {
  api.listProfiles.mockResolvedValueOnce(ok({ profiles: [DEMO], notices: [movedAside, skipped] }))
  wrapper = mountInApp(ClusterSidebar)
  i18n.global.locale.value = locale
  await expect.poll(() => allByTestId('profiles-notice').length).toBe(2)
  await settle()
  return allByTestId('profiles-notice').map((el) => el.textContent ?? '')
}

describe('profile-file notices', () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    i18n.global.locale.value = 'en'
  })

  it('reads in English, with the reason and the parser’s words', async () => {
    const [moved, bad] = await noticesIn('en')
    expect(moved).toContain('profiles.json was set aside: it was moved to /data/profiles.corrupt-1.json')
    expect(moved).toContain('The profiles file is corrupt at line 3')
    expect(moved).toContain('Re-import what you need from it.')
    expect(moved).toContain(PARSER_WORDS)
    expect(bad).toContain('2 profile(s) in profiles.json were skipped')
    expect(bad).toContain('entry 4: id is invalid')
  })

  it('reads in Chinese, with the parameters filled and the parser’s words verbatim', async () => {
    const [moved, bad] = await noticesIn('zh-CN')
    expect(moved).toContain('profiles.json 已被移到一旁：已移动到 /data/profiles.corrupt-1.json')
    expect(moved).toContain('配置文件在第 3 行已损坏')
    expect(moved).toContain('请从中重新导入所需内容。')
    expect(moved).toContain(PARSER_WORDS)
    expect(moved).not.toMatch(/set aside|moved to|corrupt at line/)
    expect(bad).toContain('profiles.json 中有 2 个配置无效，已被跳过')
    expect(bad).not.toMatch(/were skipped/)
  })
})
