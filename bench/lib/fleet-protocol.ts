// Messages between the bench and its simulator child process.
export interface FleetRequest {
  id: number
  type: 'stats' | 'setOptions' | 'stop'
  index?: number
  patch?: unknown
}

export type FleetReply =
  | { type: 'ready'; urls: string[]; startMs: number }
  | { type: 'result'; id: number; result?: unknown; error?: string }
