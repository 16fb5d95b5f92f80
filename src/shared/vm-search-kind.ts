// How the VM search box reads its text (an IP, a UUID or its start, else a name): main builds the condition from
// it, the renderer explains an empty answer with it.

export type SearchKind = 'ip' | 'ip-prefix' | 'uuid' | 'uuid-prefix' | 'name'

/** Hex characters a UUID fragment needs to be searched as one; shorter hex text is searched as a name. */
export const UUID_PREFIX_MIN = 8

/** An IPv4 address or a prefix of one with at least one dot (`10.`, `10.0.3`, `10.0.3.17`); a bare number is a name. */
function looksLikeIpv4(text: string): boolean {
  const parts = text.split('.')
  if (parts.length < 2 || parts.length > 4) return false
  return parts.every((part, i) => (i === parts.length - 1 ? /^\d{0,3}$/ : /^\d{1,3}$/).test(part))
}

/** A UUID as people paste it, dashed (8-4-4-4-12) or not: the dashes go, ZStack's UUIDs have none. */
export function searchText(search: string): string {
  const text = search.trim()
  return /^[0-9a-f]{8}(-[0-9a-f]{1,4}){0,3}(-[0-9a-f]{1,12})?$/i.test(text) ? text.replaceAll('-', '') : text
}

/** A whole address (four parts, no trailing `*`) is searched exactly: `10.11.0.13` is not `10.11.0.130`. */
function isWholeIpv4(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text)
}

export function searchKind(text: string): SearchKind {
  if (isWholeIpv4(text)) return 'ip'
  // A trailing dot, a trailing * or fewer than four parts: the addresses that start so.
  if (looksLikeIpv4(text.endsWith('*') ? text.slice(0, -1) : text)) return 'ip-prefix'
  if (/^[0-9a-f]{32}$/i.test(text)) return 'uuid'
  if (new RegExp(`^[0-9a-f]{${UUID_PREFIX_MIN},31}$`, 'i').test(text)) return 'uuid-prefix'
  return 'name'
}

/** Text searched as a name that could be the start of a UUID, had it been long enough (`ab12`, `dc461fc`). */
export function isShortHexName(search: string): boolean {
  const text = searchText(search)
  return searchKind(text) === 'name' && /^[0-9a-f]+$/i.test(text)
}
