/** Only these sites may be opened in the OS browser from the app (documentation links). */
const ALLOWED_ORIGINS = ['https://www.zstack.io', 'https://docs.zstack.io', 'https://github.com']

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' && ALLOWED_ORIGINS.includes(url.origin)
  } catch {
    return false
  }
}
