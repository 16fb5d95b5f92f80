import { createEventHook } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  AppError,
  ClusterProfile,
  ProfileInput,
  ProfileListing,
  Result,
  SessionState,
  SessionStatus,
  SignInRequest
} from '../../../shared/api'
import { api } from '../api'
import { STORAGE_KEYS, usePersisted } from '../persisted'

export const DEMO_PROFILE_ID = 'demo'

interface SavedClusters {
  selectedProfileId?: string | null
  /** Folders the user folded in the sidebar. */
  collapsed?: string[]
  /** The keychain notices the user dismissed: they stay dismissed on later runs too. */
  dismissedNotices?: string[]
}

export interface ProfileGroup {
  folder: string
  profiles: ClusterProfile[]
}

export interface DeskNotice {
  level: 'info' | 'warning' | 'error'
  /** What happened, as a kind the window phrases; its English `message` only tells notices apart. */
  error: AppError
}

export type ProfileFormMode = 'create' | 'edit' | 'duplicate'

export interface ProfileFormTarget {
  mode: ProfileFormMode
  profile?: ClusterProfile
}

export interface SignInTarget {
  profileId: string
  reason?: 'expired' | 'required'
}

/** Cluster profiles, their sessions, the selected cluster, and which profile dialog is open. */
export const useClustersStore = defineStore('clusters', () => {
  const profiles = ref<ClusterProfile[]>([])
  const sessions = ref<Record<string, SessionState>>({})
  const selectedProfileId = ref<string | null>(null)
  const loaded = ref(false)
  const loadError = ref<AppError | null>(null)
  /** Things main wants the user to know (a damaged profiles file kept aside, no keychain): shown until dismissed. */
  const notices = ref<DeskNotice[]>([])
  /** Notices dismissed in this run: main sends them again with each listing. */
  const dismissed = ref(new Set<string>())
  /** Main said the system keychain cannot be used (it stays so for the run, banner dismissed or not). */
  const keychainMissing = ref(false)
  const search = ref('')
  /** The user hid the built-in Demo cluster (main keeps the setting). */
  const demoHidden = ref(false)
  const formTarget = ref<ProfileFormTarget | null>(null)
  const signInTarget = ref<SignInTarget | null>(null)
  const saved = usePersisted<SavedClusters>(STORAGE_KEYS.clusters, {})
  /** Tells the stores keeping something per cluster that a profile is gone. */
  const removed = createEventHook<string>()

  const selectedProfile = computed(() => profiles.value.find((p) => p.id === selectedProfileId.value) ?? null)
  const folders = computed(() =>
    [...new Set(profiles.value.map((p) => p.folder?.trim()).filter((f): f is string => !!f))].sort()
  )

  const shown = computed(() => profiles.value.filter((p) => !(demoHidden.value && p.builtIn)))
  /** In the user's order (main sends it sorted): profiles without a folder first, then each folder where its first profile is. */
  const arranged = computed<ProfileGroup[]>(() => {
    const byFolder = new Map<string, ClusterProfile[]>([['', []]])
    for (const profile of shown.value) {
      const folder = profile.folder?.trim() ?? ''
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), profile])
    }
    return [...byFolder.entries()]
      .filter(([, list]) => list.length > 0)
      .map(([folder, list]) => ({ folder, profiles: list }))
  })
  const groups = computed<ProfileGroup[]>(() => {
    const needle = search.value.trim().toLowerCase()
    if (!needle) return arranged.value
    const matches = (p: ClusterProfile): boolean =>
      [p.name, p.endpoint.host, p.folder ?? '', p.accountName].some((text) =>
        text.toLowerCase().includes(needle)
      )
    return arranged.value
      .map((group) => ({ folder: group.folder, profiles: group.profiles.filter(matches) }))
      .filter((group) => group.profiles.length > 0)
  })
  const collapsed = computed(() => new Set(saved.value.collapsed ?? []))

  function statusOf(profileId: string): SessionStatus {
    return sessions.value[profileId]?.status ?? 'signed-out'
  }

  /** Whether the VM list can be shown: a session exists (the Demo signs itself in until the user signs out of it). */
  function canBrowse(profileId: string): boolean {
    const profile = profiles.value.find((p) => p.id === profileId)
    if (profile?.builtIn === 'demo' && !sessions.value[profileId]) return true
    const status = statusOf(profileId)
    if (status === 'signed-in' || status === 'expired') return true
    // Unreachable with a stored session: show the last rows, marked stale; without one, ask to sign in.
    return status === 'unreachable' && (sessions.value[profileId]?.storage ?? 'none') !== 'none'
  }

  function persist(): void {
    saved.value = { ...saved.value, selectedProfileId: selectedProfileId.value }
  }

  function toggleFolder(folder: string): void {
    const next = new Set(collapsed.value)
    if (next.has(folder)) next.delete(folder)
    else next.add(folder)
    saved.value = { ...saved.value, collapsed: [...next] }
  }

  function applyListing(listing: ProfileListing): void {
    profiles.value = listing.profiles
    demoHidden.value = listing.demoHidden === true
    for (const error of listing.notices) addNotice({ level: 'warning', error })
    if (selectedProfileId.value && !listing.profiles.some((p) => p.id === selectedProfileId.value)) {
      selectedProfileId.value = null
      persist()
    }
  }

  function addNotice(notice: DeskNotice): void {
    if (notice.error.code === 'KEYCHAIN_UNAVAILABLE') keychainMissing.value = true
    const message = notice.error.message
    if (dismissed.value.has(message) || saved.value.dismissedNotices?.includes(message)) return
    if (!notices.value.some((known) => known.error.message === message))
      notices.value = [...notices.value, notice]
  }

  function applySession(state: SessionState): void {
    sessions.value = { ...sessions.value, [state.profileId]: state }
  }

  async function load(): Promise<void> {
    const [listing, states] = await Promise.all([api.listProfiles(), api.getSessions()])
    if (!listing.ok) {
      loadError.value = listing.error
      return
    }
    loadError.value = null
    applyListing(listing.data)
    if (states.ok) sessions.value = Object.fromEntries(states.data.map((s) => [s.profileId, s]))
    if (!loaded.value) {
      const firstLaunch = !('selectedProfileId' in saved.value)
      // First launch: open the Demo cluster so a new user sees VMs at once.
      const wanted = firstLaunch ? DEMO_PROFILE_ID : saved.value.selectedProfileId
      // Not select(): a dialog never opens by itself at start; a signed-out cluster shows its Sign in button.
      if (wanted && profiles.value.some((p) => p.id === wanted)) selectedProfileId.value = wanted
      if (firstLaunch) persist()
    }
    loaded.value = true
  }

  function select(profileId: string | null): void {
    selectedProfileId.value = profileId
    persist()
    if (profileId && !canBrowse(profileId)) signInTarget.value = { profileId, reason: 'required' }
  }

  async function save(input: ProfileInput): Promise<Result<ClusterProfile>> {
    const result = await api.saveProfile(input)
    if (result.ok) {
      const others = profiles.value.filter((p) => p.id !== result.data.id)
      profiles.value = [...others, result.data]
    }
    return result
  }

  async function remove(profileId: string): Promise<Result<null>> {
    const result = await api.deleteProfile({ profileId })
    if (result.ok) {
      profiles.value = profiles.value.filter((p) => p.id !== profileId)
      const { [profileId]: _removed, ...rest } = sessions.value
      sessions.value = rest
      if (selectedProfileId.value === profileId) select(null)
      void removed.trigger(profileId)
    }
    return result
  }

  /** Every profile id in sidebar order after moving one: within its folder by `delta`, or to where `beforeId` is. */
  function orderAfterMove(
    profileId: string,
    target: { delta: number } | { beforeId: string }
  ): string[] | null {
    const group = arranged.value.find((g) => g.profiles.some((p) => p.id === profileId))
    if (!group) return null
    const ids = group.profiles.map((p) => p.id)
    const from = ids.indexOf(profileId)
    const to = 'delta' in target ? from + target.delta : ids.indexOf(target.beforeId)
    if (to < 0 || to >= ids.length || to === from) return null
    ids.splice(from, 1)
    ids.splice(to, 0, profileId)
    const moved = new Map([[group.folder, ids]])
    // The whole order goes to main, hidden Demo included, so nothing else moves.
    const visible = arranged.value.flatMap((g) => moved.get(g.folder) ?? g.profiles.map((p) => p.id))
    const hidden = profiles.value.filter((p) => !visible.includes(p.id)).map((p) => p.id)
    return [...hidden, ...visible]
  }

  async function move(
    profileId: string,
    target: { delta: number } | { beforeId: string }
  ): Promise<Result<ProfileListing> | null> {
    const order = orderAfterMove(profileId, target)
    if (!order) return null
    const result = await api.arrangeProfiles({ profileIds: order })
    if (result.ok) applyListing(result.data)
    return result
  }

  async function setDemoHidden(hidden: boolean): Promise<Result<ProfileListing>> {
    const result = await api.setDemoHidden({ hidden })
    if (result.ok) {
      applyListing(result.data)
      if (hidden && selectedProfileId.value === DEMO_PROFILE_ID) select(null)
    }
    return result
  }

  async function signIn(request: SignInRequest): Promise<Result<SessionState>> {
    const result = await api.signIn(request)
    if (result.ok) {
      applySession(result.data)
      if (signInTarget.value?.profileId === request.profileId) signInTarget.value = null
    }
    return result
  }

  async function signOut(profileId: string): Promise<Result<SessionState>> {
    const result = await api.signOut({ profileId })
    if (result.ok) applySession(result.data)
    return result
  }

  function markSession(profileId: string, status: 'expired' | 'signed-out', error?: AppError): void {
    const previous = sessions.value[profileId]
    applySession({
      profileId,
      rememberPassword: previous?.rememberPassword ?? false,
      storage: previous?.storage ?? 'none',
      accountName: previous?.accountName,
      status,
      error
    })
  }

  /**
   * A call answered SESSION_EXPIRED: mark it, keeping the user's place. No dialog: a background answer must never
   * take the keyboard; the banners offer Sign in and the dialog opens on that click.
   */
  function sessionExpired(profileId: string, error?: AppError): void {
    markSession(profileId, 'expired', error)
  }

  /** A call failed for want of a session: mark it (never a dialog). False for any other error (the caller's to show). */
  function sessionFailed(profileId: string, error: AppError): boolean {
    if (error.code === 'SESSION_EXPIRED') sessionExpired(profileId, error)
    else if (error.code === 'NOT_SIGNED_IN') markSession(profileId, 'signed-out')
    else return false
    return true
  }

  function openForm(mode: ProfileFormMode, profile?: ClusterProfile): void {
    formTarget.value = { mode, profile }
  }

  function openSignIn(profileId: string, reason?: SignInTarget['reason']): void {
    signInTarget.value = { profileId, reason }
  }

  function dismissNotice(message: string): void {
    const notice = notices.value.find((known) => known.error.message === message)
    notices.value = notices.value.filter((known) => known.error.message !== message)
    dismissed.value = new Set(dismissed.value).add(message)
    if (notice?.error.code === 'KEYCHAIN_UNAVAILABLE') {
      const kept = saved.value.dismissedNotices ?? []
      if (!kept.includes(message)) saved.value = { ...saved.value, dismissedNotices: [...kept, message] }
    }
  }

  api.on('session:changed', applySession)
  api.on('profiles:changed', applyListing)
  api.on('notice', ({ level, error }) => addNotice({ level, error }))

  return {
    profiles,
    sessions,
    selectedProfileId,
    selectedProfile,
    loaded,
    loadError,
    notices,
    keychainMissing,
    search,
    demoHidden,
    folders,
    groups,
    collapsed,
    toggleFolder,
    move,
    setDemoHidden,
    formTarget,
    signInTarget,
    statusOf,
    canBrowse,
    load,
    select,
    save,
    remove,
    signIn,
    signOut,
    sessionExpired,
    sessionFailed,
    onRemoved: removed.on,
    openForm,
    openSignIn,
    dismissNotice
  }
})
