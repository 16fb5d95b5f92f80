import type { DeskApiMethod } from '../shared/api'

// Written in at build time from the contract (electron.vite.config.ts), so the sandboxed preload bundles no zod.
declare const __DESK_API_METHODS__: readonly DeskApiMethod[]

export const DESK_API_METHODS = Object.freeze(__DESK_API_METHODS__)
