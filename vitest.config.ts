import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: file-level parallelism beyond two only thrashes.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Core, CLI and the end-to-end tests (which drive Chromium from Node).
        extends: true,
        test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/renderer/**', '**/node_modules/**'], environment: 'node' },
      },
      {
        // Svelte components in a simulated DOM, talking to a fake of the contract.
        extends: true,
        plugins: [svelte({ compilerOptions: { css: 'injected' } })],
        // The browser build of Svelte (mount, effects), not its server renderer.
        resolve: { conditions: ['browser'] },
        test: { name: 'renderer', include: ['test/renderer/**/*.test.ts'], environment: 'happy-dom', testTimeout: 10_000 },
      },
    ],
  },
});
