import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { DESK_API_METHODS } from './src/shared/contract/desk-contract'

export default defineConfig({
  main: {},
  preload: {
    // The method names come from the contract here, so the preload itself imports no schema library.
    define: { __DESK_API_METHODS__: JSON.stringify(DESK_API_METHODS) },
    build: {
      // A sandboxed preload can require only `electron`: whatever it imports is bundled into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    // electron-vite leaves output unminified by default; the renderer's parse time and size are measured.
    build: { minify: true, chunkSizeWarningLimit: 1500 },
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [vue()]
  }
})
