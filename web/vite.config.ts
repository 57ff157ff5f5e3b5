// Builds the page into dist/ (a static site: index.html and its assets); `vite preview`
// serves it, which is how scripts/run.sh shows it next to the node.
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset paths: dist/ works from any directory a static server puts it in.
  base: './',
  build: {
    target: 'es2022',
    // @polkadot/api and its wasm crypto make one large chunk; that is expected here.
    chunkSizeWarningLimit: 4096,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
