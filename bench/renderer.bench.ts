// The renderer's script size, gzip: what index.html loads at start (its entry
// and the chunks it preloads; goal <= 120 KB), the default view on top of that,
// the sheet's own entry (sheet.html), and the lazy chunks. Reads dist/renderer
// (run `npx vite build` first).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultStaticDir } from '#host/http/server';
import { limitRow, record, skip } from './harness';

function gz(file: string): number {
  return gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;
}

/** Script files an HTML entry loads at once: its module script and its modulepreloads. */
function entryScripts(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
}

/** Static imports of a chunk, transitively. */
function staticClosure(dir: string, start: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (rel: string) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    for (const m of text.matchAll(/(?:^|[;}\s])import(?:[^"'()]*?from)?\s*"\.\/([^"]+\.js)"/g)) visit(path.posix.join(path.posix.dirname(rel), m[1]!));
  };
  start.forEach(visit);
  return seen;
}

export default async function bench(): Promise<void> {
  const dir = defaultStaticDir();
  if (!fs.existsSync(path.join(dir, 'index.html'))) return skip('renderer JS', 'dist/renderer is not built; run `npx vite build`');
  const initial = staticClosure(dir, entryScripts(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')));
  const sum = (files: Iterable<string>) => [...files].reduce((s, f) => s + gz(path.join(dir, f)), 0);
  const initialKb = sum(initial);
  limitRow('renderer JS loaded at start (index.html: entry + preloads), gzip', initialKb, 'KB', 120);
  const assets = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  const builds = assets.find((f) => f.startsWith('BuildsView-'));
  if (builds) {
    const withView = staticClosure(dir, [...initial, `assets/${builds}`]);
    record({
      what: 'renderer JS for the first screen (start + the default Builds view), gzip',
      figure: sum(withView),
      unit: 'KB',
      baseline: null,
      ratio: null,
      goal: 'none, for scale',
      met: null,
    });
  }
  if (fs.existsSync(path.join(dir, 'sheet.html'))) {
    const sheet = staticClosure(dir, entryScripts(fs.readFileSync(path.join(dir, 'sheet.html'), 'utf8')));
    record({
      what: 'build sheet entry (sheet.html) JS, gzip',
      figure: sum(sheet),
      unit: 'KB',
      baseline: null,
      ratio: null,
      goal: 'none, for scale',
      met: null,
    });
  }
  const all = sum(assets.map((f) => `assets/${f}`));
  const lazy = (name: string) => assets.filter((f) => f.startsWith(name)).every((f) => !initial.has(`assets/${f}`));
  record({
    what: 'renderer JS in all, gzip',
    figure: all,
    unit: 'KB',
    baseline: null,
    ratio: null,
    goal: 'views, chart.js and papaparse lazy',
    met: lazy('charts') && lazy('BuildsView') && lazy('InventoryView') && lazy('CompareView') && lazy('SheetView'),
    note: `${assets.length} chunks; lazy: ${['BuildsView', 'InventoryView', 'CatalogView', 'CompareView', 'SettingsView', 'SheetView', 'charts'].filter(lazy).join(', ')}`,
  });
}
