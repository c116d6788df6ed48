import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * `npm run dev -w @controlplane/console`: hot reload on http://localhost:5173, with /graphql
 * proxied to a running gateway (GATEWAY_URL, http://localhost:4000 by default), so the console
 * talks to the API on its own origin as it does when the gateway serves the build.
 */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/graphql': { target: gateway, changeOrigin: true } } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
});
