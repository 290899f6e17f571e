import { defineConfig } from 'vitest/config';

// The server serves the build from the classpath folder webroot/ (index.html + assets/),
// and index.html for every /b/* route, so asset URLs must be absolute.
const backend = process.env.JB_DEV_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': backend,
      '/health': backend,
      '/ws': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    poolOptions: { threads: { maxThreads: 2, minThreads: 1 } },
  },
});
