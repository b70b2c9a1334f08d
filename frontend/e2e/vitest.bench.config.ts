import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Render benchmarks on the built app in Chromium (`pnpm bench:board`): figures printed, never part of `pnpm test`.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'bench',
    environment: 'node',
    include: ['e2e/bench/**/*.benchmark.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
  },
});
