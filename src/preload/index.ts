// The bridge: one typed function per DeskApi method and a filtered event subscription. No raw ipcRenderer leaves here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { DeskBridge, DeskEventName } from '../shared/api'
import { DESK_EVENT_NAMES } from '../shared/contract/events'
import { IPC_CHANNEL_PREFIX, IPC_EVENT_CHANNEL } from '../shared/ipc-channels'
import { DESK_API_METHODS } from './method-names'

const methods = Object.fromEntries(
  DESK_API_METHODS.map((method) => [
    method,
    (arg?: unknown) => ipcRenderer.invoke(IPC_CHANNEL_PREFIX + method, arg)
  ])
)

const bridge = {
  ...methods,
  on(event: DeskEventName, listener: (payload: unknown) => void): () => void {
    if (!(DESK_EVENT_NAMES as readonly string[]).includes(event) || typeof listener !== 'function')
      return () => {}
    const relay = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay)
  }
} as DeskBridge

contextBridge.exposeInMainWorld('zstack', bridge)
