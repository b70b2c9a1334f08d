import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const BOOT_ENTRY = 'src/boot.ts';

/**
 * Loads the boot script (src/boot.ts: the page's first requests) as a module script of its own, ahead of the app's.
 * Listed in index.html, Vite would merge it into the app's entry, which runs only once every chunk it imports has
 * loaded and run; a separate entry runs as soon as its own few hundred bytes arrive.
 */
function bootScript(): Plugin {
  return {
    name: 'inspector-boot-script',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, server }) {
        const chunk = bundle && Object.values(bundle).find((output) => output.type === 'chunk' && output.isEntry && output.name === 'boot');
        const src = server ? `/${BOOT_ENTRY}` : chunk && `/${chunk.fileName}`;
        if (!src) throw new Error(`The build has no ${BOOT_ENTRY} entry`);
        return [{ tag: 'script', attrs: { type: 'module', crossorigin: true, src }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), bootScript()],
  resolve: {
    alias: {
      '@': fromHere('./src'),
      // The contracts package ships CommonJS from dist/; the TS source keeps the SPA build ESM and needs no prior build.
      '@inspector/contracts': fromHere('../contracts/src/index.ts'),
    },
  },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${process.env.API_PORT ?? 3000}`,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: { index: fromHere('./index.html'), boot: fromHere(`./${BOOT_ENTRY}`) },
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // Only the pages with charts import uPlot: its own chunk keeps it out of the first load.
            { name: 'uplot', test: /node_modules[\\/]uplot[\\/]/ },
            // zod-config must run before any schema is built; app chunks shared with lazy pages load after vendor.
            { name: 'vendor', test: /node_modules|[\\/]src[\\/]lib[\\/]zod-config\.ts$/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    unstubGlobals: true,
    testTimeout: 15_000,
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine. Two took the unit tests
    // from 193 to 136 s there (most of a file's time is building its jsdom environment and imports).
    maxWorkers: 2,
  },
});
