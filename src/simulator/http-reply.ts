// What a handler answers; the server writes it. ZStack sets no reliable Content-Type, so neither do we.
import type { ServerResponse } from 'node:http'
import type { ZStackError } from './zstack-errors'

export interface Reply {
  status: number
  body: string
  contentType?: string
}

export const jsonReply = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) })

export const textReply = (status: number, text: string): Reply => ({ status, body: text })

/** A failed synchronous API: 503 with the error object. */
export const errorReply = (error: ZStackError): Reply => jsonReply(503, { error })

export function writeReply(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { 'Content-Length': Buffer.byteLength(reply.body) }
  if (reply.contentType) headers['Content-Type'] = reply.contentType
  response.writeHead(reply.status, headers)
  response.end(reply.body)
}
