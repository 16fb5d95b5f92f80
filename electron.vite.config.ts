import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  main: {},
  preload: {
    // A sandboxed preload must be a single CommonJS file.
    build: { rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } } }
  },
  renderer: {
    // electron-vite leaves output unminified by default; the renderer's parse time and size are measured.
    build: { minify: true, chunkSizeWarningLimit: 1500 },
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [vue()]
  }
})
