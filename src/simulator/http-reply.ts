// What a handler answers; the server writes it. ZStack sets no reliable Content-Type, so neither do we.
import type { ServerResponse } from 'node:http'
import type { ReplySchema } from './reply-schema'
import type { ZStackError } from './zstack-errors'

export interface Reply {
  status: number
  body: string
  contentType?: string
  /** A JSON object reply's value, so the router can add the `schema` that `X-JSON-Schema: true` asks for. */
  value?: Record<string, unknown>
  /** Its schema when it holds inventories; absent means `{}`. */
  schema?: ReplySchema
}

/** Gson, as the server configures it, writes no nulls: an absent value is an absent key. */
const withoutNulls = (_key: string, value: unknown): unknown => (value === null ? undefined : value)

export const toJson = (value: unknown): string => JSON.stringify(value, withoutNulls)

export const jsonReply = (status: number, value: unknown, schema?: ReplySchema): Reply => {
  const reply: Reply = { status, body: toJson(value) }
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    reply.value = value as Record<string, unknown>
  if (schema) reply.schema = schema
  return reply
}

export const textReply = (status: number, text: string): Reply => ({ status, body: text })

/** A failed synchronous API: 503 with the error object. */
export const errorReply = (error: ZStackError): Reply => jsonReply(503, { error })

export function writeReply(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(reply.body) }
  if (reply.contentType) headers['Content-Type'] = reply.contentType
  response.writeHead(reply.status, headers)
  response.end(reply.body)
}
