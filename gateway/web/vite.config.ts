/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the build from its classpath (META-INF/resources), so Maven packages it with the jar.
// `npm run dev` proxies the API, signaling and media to a gateway started by `make run`.
const gateway = process.env.MUSE_GATEWAY ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: false,
    // The players (hls.js, dash.js) are large but load only when a video plays.
    chunkSizeWarningLimit: 1200,
    // Timing hints are noise in the Maven log on a busy 2-core machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: {
      '/api': gateway,
      '/media': gateway,
      '/ws': { target: gateway, ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The browser build of tus-js-client, the one the app ships: it uploads over XMLHttpRequest, which a test can
    // stand in for (room/session/fakeBrowser.ts); the Node build would need a real server and a Node stream.
    alias: [{ find: /^tus-js-client$/, replacement: 'tus-js-client/lib.esm/browser/index.js' }],
  },
});
