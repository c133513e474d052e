import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** The gateway `npm run dev` proxies to; the gateway serves the built console itself at /console. */
const gateway = 'http://localhost:8000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // @herald/identity is a linked CommonJS workspace package (the scopes list); Vite converts only
    // what this includes, node_modules by default.
    commonjsOptions: { include: [/node_modules/, /packages\/identity\/dist/] },
  },
  optimizeDeps: { include: ['@herald/identity/scopes'] },
  server: {
    proxy: { '/graphql': { target: gateway, ws: true } },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
