// Scrubs secrets from text before it is written anywhere: known secret values plus patterns for credentials.

const MASK = '***'

/** JSON keys whose string values are always masked, also inside JSON that was itself put in a string. */
const SECRET_KEY = /(\\*)"(password|authorization|proxy-authorization|sessionUuid)\1"\s*:\s*\1"/gi

/** Credential shapes in plain text, scrubbed even when the value is not a registered secret. */
const PATTERNS: readonly [RegExp, string][] = [
  // key=value and header-style text: password=..., Authorization: OAuth ...
  [
    /\b(password|authorization|proxy-authorization)(\s*[=:]\s*)(?:"[^"]*"?|'[^']*'?|(?:(?:OAuth|Basic|Bearer)\s+)?[^\s,;&"'}\\]+)/gi,
    `$1$2${MASK}`
  ],
  // A bearer of the session wherever it appears.
  [/\bOAuth\s+(?!\*\*\*)[^\s"',;}\\]+/g, `OAuth ${MASK}`],
  // User info in URLs (proxy credentials).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, `$1${MASK}@`]
]

/** Secrets shorter than this are not scrubbed by value: they would mangle ordinary words. */
const MIN_SECRET_LENGTH = 6

/** Returns `text` with every registered secret and every credential pattern replaced by `***`. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.replace(new RegExp(escapeRegExp(secret), 'gi'), MASK)
  }
  out = maskSecretFields(out)
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

/**
 * Masks the string value of each secret JSON key. A value opened by `\"` (JSON inside a JSON string) ends at
 * the quote escaped the same way; quotes escaped inside the value have a different number of backslashes.
 */
function maskSecretFields(text: string): string {
  let out = ''
  let copied = 0
  SECRET_KEY.lastIndex = 0
  for (let match = SECRET_KEY.exec(text); match; match = SECRET_KEY.exec(text)) {
    const opening = match[1]?.length ?? 0
    const start = match.index + match[0].length
    const end = closingQuote(text, start, opening)
    out += `${text.slice(copied, start)}${MASK}`
    copied = end
    SECRET_KEY.lastIndex = end
  }
  return out + text.slice(copied)
}

/** Index of the backslashes-and-quote that closes a value opened with `opening` backslashes (text end if none). */
function closingQuote(text: string, from: number, opening: number): number {
  // At nesting depth d the opening has 2^d - 1 backslashes and a closing quote has that many modulo 2^(d+1).
  const period = Number.isInteger(Math.log2(opening + 1)) ? 2 * (opening + 1) : 2
  for (let i = text.indexOf('"', from); i >= 0; i = text.indexOf('"', i + 1)) {
    let run = 0
    while (i - run - 1 >= from && text[i - run - 1] === '\\') run++
    if (run >= opening && (run - opening) % period === 0) return i - opening
  }
  return text.length
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}
