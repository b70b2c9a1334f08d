import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  plugins: [react()],
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
  },
});
