import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// The renderer is a static bundle served by either host (Electron's app://
// protocol or the HTTP host). Relative base so both can serve it from any root.
export default defineConfig({
  root: 'renderer',
  base: './',
  // The renderer is the Vite root; Svelte's config lives at the project root.
  plugins: [svelte({ configFile: '../svelte.config.js' })],
  // `zod` with its JIT off, whichever chunk imports it first (see the file).
  resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./renderer/src/lib/zodJitless.ts', import.meta.url)) }] },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The app, and the build sheet's own small entry for printing (renderer/src/sheetMain.ts).
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        sheet: fileURLToPath(new URL('./renderer/sheet.html', import.meta.url)),
      },
    },
  },
});
