import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The renderer is a static bundle served by either host (Electron's app://
// protocol or the HTTP host). Relative base so both can serve it from any root.
export default defineConfig({
  root: 'renderer',
  base: './',
  // The renderer is the Vite root; Svelte's config lives at the project root.
  plugins: [svelte({ configFile: '../svelte.config.js' })],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
