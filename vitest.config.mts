import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Three projects: Node-side modules, renderer components, and the whole app in Chromium (run last, two files at a time:
// each file has its own simulator, web host and browser, and most of a file is waiting on them).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/simulator/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
          sequence: { groupOrder: 0 }
        }
      },
      {
        plugins: [vue()],
        resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
          // Mounting the whole shell takes seconds on a loaded 2-core machine; the default 5 s is a timing bet.
          testTimeout: 20_000,
          sequence: { groupOrder: 0 }
        }
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 90_000,
          sequence: { groupOrder: 1 }
        }
      }
    ]
  }
})
