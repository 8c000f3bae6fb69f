import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm start` listens in development. */
const devServer = 'http://127.0.0.1:3000';

/** The browser client: built into client/dist, which the server serves with an SPA fallback. */
export default defineConfig({
  root: clientRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The editor chunk (Tiptap, ProseMirror, Yjs) is one unit that a story page always needs whole.
    chunkSizeWarningLimit: 900,
  },
  server: {
    // changeOrigin stays false: the server compares a request's Origin with its Host, and both must
    // name the dev server for logins and collab upgrades to be accepted.
    proxy: {
      '/api': { target: devServer, changeOrigin: false },
      '/collab': { target: devServer, ws: true, changeOrigin: false },
      '/socket.io': { target: devServer, ws: true, changeOrigin: false },
      // The public pages and the feed are served by the server, not by the app.
      '/news': { target: devServer },
      '/feed.xml': { target: devServer },
      '/healthz': { target: devServer },
    },
  },
});
