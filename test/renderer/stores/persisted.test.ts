import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { api as realApi } from '@renderer/api'
import { useClustersStore } from '@renderer/stores/clusters'
import { usePreferencesStore } from '@renderer/stores/preferences'
import { useVmListStore } from '@renderer/stores/vm-list'
import { ok, type FakeDeskApi } from '../vms-support/fake-desk-api'
import { freshPinia } from '../support/mount'

vi.mock('@renderer/api', async () => {
  const { createFakeDeskApi } = await import('../vms-support/fake-desk-api')
  return { api: createFakeDeskApi(), transport: 'web' }
})
const api = realApi as unknown as FakeDeskApi

const saved = (key: string): unknown => JSON.parse(localStorage.getItem(key) ?? 'null')

describe('settings kept in the page storage under the keys earlier versions wrote', () => {
  beforeEach(() => {
    localStorage.clear()
    api.reset()
    freshPinia()
  })

  it('reads and writes theme and language as {theme, locale}', async () => {
    localStorage.setItem('zstack-desk.preferences', JSON.stringify({ theme: 'dark', locale: 'zh-CN' }))
    const preferences = usePreferencesStore()
    expect(preferences.theme).toBe('dark')
    expect(preferences.locale).toBe('zh-CN')
    expect(preferences.dark).toBe(true)
    preferences.theme = 'light'
    await nextTick()
    expect(saved('zstack-desk.preferences')).toEqual({ theme: 'light', locale: 'zh-CN' })
  })

  it('remembers the folded sidebar beside theme and language, and forgets it once unfolded', async () => {
    localStorage.setItem('zstack-desk.preferences', JSON.stringify({ theme: 'dark', locale: 'en' }))
    const preferences = usePreferencesStore()
    expect(preferences.sidebarCollapsed).toBe(false)
    preferences.sidebarCollapsed = true
    await nextTick()
    expect(saved('zstack-desk.preferences')).toEqual({ theme: 'dark', locale: 'en', sidebarCollapsed: true })
    // vueuse pauses its writer until the next tick after each write it hears of: one change per tick.
    preferences.locale = 'zh-CN'
    await nextTick()
    expect(saved('zstack-desk.preferences')).toEqual({
      theme: 'dark',
      locale: 'zh-CN',
      sidebarCollapsed: true
    })
    preferences.sidebarCollapsed = false
    await nextTick()
    expect(saved('zstack-desk.preferences')).toEqual({ theme: 'dark', locale: 'zh-CN' })

    // The next start reads it back; a damaged value reads as unfolded.
    localStorage.setItem(
      'zstack-desk.preferences',
      JSON.stringify({ theme: 'light', sidebarCollapsed: true })
    )
    freshPinia()
    expect(usePreferencesStore().sidebarCollapsed).toBe(true)
    localStorage.setItem('zstack-desk.preferences', JSON.stringify({ sidebarCollapsed: 'yes' }))
    freshPinia()
    expect(usePreferencesStore().sidebarCollapsed).toBe(false)
  })

  it('falls back to the defaults for a damaged or unknown saved value', () => {
    localStorage.setItem('zstack-desk.preferences', JSON.stringify({ theme: 'purple', locale: 'xx' }))
    const preferences = usePreferencesStore()
    expect(preferences.theme).toBe('auto')
    expect(['en', 'zh-CN']).toContain(preferences.locale)
    freshPinia()
    localStorage.setItem('zstack-desk.vm-list', '{not json')
    expect(useVmListStore().autoRefresh).toBe(false)
  })

  it('keeps auto-refresh as {autoRefresh}', () => {
    localStorage.setItem('zstack-desk.vm-list', JSON.stringify({ autoRefresh: true }))
    const list = useVmListStore()
    expect(list.autoRefresh).toBe(true)
    list.autoRefresh = false
    expect(saved('zstack-desk.vm-list')).toEqual({ autoRefresh: false })
  })

  it('reopens the saved cluster, and opens the Demo (saving that) on the first launch only', async () => {
    localStorage.setItem('zstack-desk.clusters', JSON.stringify({ selectedProfileId: 'lab' }))
    api.getSessions.mockResolvedValue(ok([]))
    let clusters = useClustersStore()
    await clusters.load()
    expect(clusters.selectedProfileId).toBe('lab')
    clusters.select(null)
    expect(saved('zstack-desk.clusters')).toEqual({ selectedProfileId: null })

    freshPinia()
    clusters = useClustersStore()
    await clusters.load()
    expect(clusters.selectedProfileId).toBeNull()

    localStorage.clear()
    freshPinia()
    clusters = useClustersStore()
    await clusters.load()
    expect(clusters.selectedProfileId).toBe('demo')
    expect(saved('zstack-desk.clusters')).toEqual({ selectedProfileId: 'demo' })
  })
})
