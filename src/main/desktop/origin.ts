// Origins as Chromium sees them: Node's URL gives "null" for any scheme it does not know, app:// included.

/** "scheme://host[:port]" of a URL or an origin, "null" for a hostless URL (file:), undefined when unparsable. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : 'null'
  } catch {
    return undefined
  }
}
