// One ZStack API request as the handlers see it, and the Authorization check most of them share.
import type { IncomingHttpHeaders } from 'node:http'
import { BadRequestError } from './action-body'

export interface ApiRequest {
  method: string
  /** The path without the `/zstack` context path, e.g. `/v1/vm-instances`. */
  apiPath: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  rawBody: string
  params: Record<string, string>
}

const OAUTH_HEADER = /^OAuth\s+(\S+)\s*$/

/** The session id from `Authorization: OAuth <uuid>`; a missing or malformed header is a 400, never a 401. */
export function sessionIdOf(request: ApiRequest): string {
  const header = request.headers.authorization
  if (header === undefined || header === '') throw new BadRequestError("missing header 'Authorization'")
  const match = OAUTH_HEADER.exec(header.trim())
  if (!match?.[1]) throw new BadRequestError("Authorization type must be 'OAuth' followed by a session uuid")
  return match[1]
}

export function pathParam(request: ApiRequest, name: string): string {
  return request.params[name] ?? ''
}
