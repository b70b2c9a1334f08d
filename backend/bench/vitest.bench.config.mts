import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// The collection benchmark (pnpm bench:collect): one long run that prints its own figures to stdout.
// SWC as in the test config (Nest needs decorator metadata); no global setup, whose clean-up of
// throw-away test databases would race a test run going on at the same time.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: { '@inspector/contracts': fileURLToPath(new URL('../../contracts/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['bench/**/*.bench-run.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The PostgreSQL and MySQL sections one after the other: side by side they would time each other.
    fileParallelism: false,
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the run (NODE_OPTIONS may not carry --cpu-prof).
    execArgv: ['--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    disableConsoleIntercept: true,
    reporters: ['dot'],
  },
});
