// esbuild plugin: the built-in catalog validated once, at build time. The
// module core/catalog/builtinParsed.ts (zod-parses every data file on load) is
// replaced in the bundle by the parse's result, so a start pays a JSON.parse,
// not a schema walk. The build fails when a data file does not pass its schema,
// or when the parsed catalog does not survive JSON unchanged (then it could not
// be inlined faithfully).
import { isDeepStrictEqual } from 'node:util';
import { tsImport } from 'tsx/esm/api';

/** Parses the catalog through its schema; throws with zod's message naming the part and field. */
export async function validatedCatalog() {
  const { builtinParts } = await tsImport('../core/catalog/builtinParsed.ts', import.meta.url);
  const json = JSON.stringify(builtinParts);
  if (!isDeepStrictEqual(JSON.parse(json), builtinParts)) throw new Error('catalog: the parsed built-in catalog does not round-trip through JSON');
  return { count: builtinParts.length, json };
}

/** @returns {Promise<import('esbuild').Plugin>} */
export async function catalogPlugin() {
  const { json } = await validatedCatalog();
  return {
    name: 'rackhive-validated-catalog',
    setup(b) {
      b.onResolve({ filter: /(^|\/)builtinParsed$/ }, () => ({ path: 'builtin-parsed', namespace: 'rackhive-catalog' }));
      b.onLoad({ filter: /.*/, namespace: 'rackhive-catalog' }, () => ({
        // JSON.parse of a string literal is faster to load than the same object literal.
        contents: `export const builtinParts = JSON.parse(${JSON.stringify(json)});`,
        loader: 'js',
      }));
    },
  };
}
