// esbuild plugin: zod's `z.locales` namespace keeps every translation of its
// error messages (about half of zod's size in a bundle) although Rackhive uses
// only the English one zod sets by default. The bundle gets a locales module
// with English alone; nothing here calls z.locales.
import path from 'node:path';

/** @type {import('esbuild').Plugin} */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)) return undefined;
      return { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-english-only' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};
