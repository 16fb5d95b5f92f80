// SQL LIKE as MySQL runs it for ZStack: `%` any run, `_` one character, backslash escapes, case-insensitive.

/** Compiles a LIKE pattern to an anchored RegExp; `\%` and `\_` (and `\\`) stand for themselves. */
export function likeToRegExp(pattern: string): RegExp {
  const parts: string[] = []
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i)
    if (ch === '\\' && i + 1 < pattern.length) {
      parts.push(escapeRegExp(pattern.charAt(++i)))
    } else if (ch === '%') {
      if (parts[parts.length - 1] !== '.*') parts.push('.*')
    } else if (ch === '_') {
      parts.push('.')
    } else {
      parts.push(escapeRegExp(ch))
    }
  }
  // A leading or trailing % needs no scan: drop it together with the anchor on that side.
  const open = parts[0] === '.*' ? '' : '^'
  if (!open) parts.shift()
  const close = parts.length > 0 && parts[parts.length - 1] === '.*' ? '' : '$'
  if (!close) parts.pop()
  return new RegExp(`${open}${parts.join('')}${close}`, 'is')
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch
}

/** The literal text every match starts with (up to the first wildcard), lower-cased as MySQL compares it. */
export function likePrefix(pattern: string): string {
  let prefix = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i)
    if (ch === '%' || ch === '_') break
    prefix += ch === '\\' && i + 1 < pattern.length ? pattern.charAt(++i) : ch
  }
  return prefix.toLowerCase()
}
