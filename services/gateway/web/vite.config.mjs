// Vite for the shop's web app. `npx vite --config services/gateway/web/vite.config.mjs` serves it
// with hot reload and proxies /graphql (HTTP and WebSocket) to GATEWAY_URL (a running gateway);
// `vite build --outDir <dir>` is what CMake runs for `make build`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  // JSX through Oxc's automatic runtime with Preact's jsx-runtime: no extra plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: true },
    },
  },
});
