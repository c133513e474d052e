import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** The gateway `npm run dev` proxies to; the gateway serves the built console itself at /console. */
const gateway = 'http://localhost:8000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/graphql': { target: gateway, ws: true } },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
