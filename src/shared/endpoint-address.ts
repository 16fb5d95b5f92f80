// A management node's address as people write it (`https://node:8443/zstack`, `node:8443`), split into its parts.

export interface EndpointParts {
  scheme: 'http' | 'https'
  host: string
  port: number
  path: string
}

/** ZStack's context path when an address leaves it out. */
export const DEFAULT_ENDPOINT_PATH = 'zstack'

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '')

/** `http(s)://host[:port][/path]` → its parts (the API's `/v1` dropped); undefined otherwise or with a user in it. */
export function endpointFromUrl(text: string): EndpointParts | undefined {
  const trimmed = text.trim()
  if (!/^https?:\/\//i.test(trimmed)) return undefined
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return undefined
  }
  // A user or password in the address is a credential: never taken from here.
  if (url.username || url.password || !url.hostname) return undefined
  const scheme = url.protocol === 'https:' ? 'https' : 'http'
  return {
    scheme,
    host: url.hostname,
    port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    path: trimSlashes(url.pathname).replace(/(^|\/)v1$/, '') || DEFAULT_ENDPOINT_PATH
  }
}

/** `host:port` or `[v6]:port` → host and port; undefined when there is no port (a bare IPv6 address has none). */
export function splitHostPort(text: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:\s/[\]]+):(\d{1,5})$/.exec(text.trim())
  if (!match) return undefined
  const port = Number(match[2])
  return port >= 1 && port <= 65535 ? { host: match[1]!, port } : undefined
}
