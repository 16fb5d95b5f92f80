/// <reference types="vite/client" />
import type { DeskBridge } from '../../shared/api'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web host. */
    zstack?: DeskBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

export {}
