// The catalog's filters live in the URL hash so a filter can be bookmarked,
// reloaded or sent to someone:
//   #/catalog?cat=gpu&q=rtx&min.vramGB=24&max.tdpW=250&sort=-memBandwidthGBps&part=gpu.nvidia.rtx-3090
// Anything that does not parse is dropped, never guessed.
import { PART_CATEGORIES, type PartCategory } from '#core/catalog/part';

export type CategoryTab = PartCategory | 'all';

export interface Range {
  field: string;
  min?: number;
  max?: number;
}

export interface CatalogState {
  category: CategoryTab;
  search: string;
  ranges: Range[];
  sort: { field: string; direction: 'asc' | 'desc' } | null;
  /** The part shown in the detail pane. */
  open: string | null;
}

const FIELD = /^[A-Za-z][A-Za-z0-9]{0,59}$/;

function isCategory(s: string | null): s is PartCategory {
  return s !== null && (PART_CATEGORIES as readonly string[]).includes(s);
}

function finite(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function parseCatalogHash(hash: string): CatalogState {
  const q = hash.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
  const cat = params.get('cat');
  const byField = new Map<string, Range>();
  for (const [key, value] of params) {
    const m = /^(min|max)\.(.+)$/.exec(key);
    if (!m || !FIELD.test(m[2] ?? '')) continue;
    const n = finite(value);
    if (n === undefined) continue;
    const field = m[2] as string;
    const range = byField.get(field) ?? { field };
    range[m[1] as 'min' | 'max'] = n;
    byField.set(field, range);
  }
  const sortText = params.get('sort') ?? '';
  const sortField = sortText.replace(/^-/, '');
  const part = params.get('part');
  return {
    category: isCategory(cat) ? cat : 'all',
    search: (params.get('q') ?? '').slice(0, 200),
    ranges: [...byField.values()],
    sort: FIELD.test(sortField) ? { field: sortField, direction: sortText.startsWith('-') ? 'desc' : 'asc' } : null,
    open: part && part.length <= 120 ? part : null,
  };
}

export function catalogHash(state: CatalogState): string {
  const params = new URLSearchParams();
  if (state.category !== 'all') params.set('cat', state.category);
  if (state.search.trim()) params.set('q', state.search.trim());
  for (const r of state.ranges) {
    if (r.min !== undefined) params.set(`min.${r.field}`, String(r.min));
    if (r.max !== undefined) params.set(`max.${r.field}`, String(r.max));
  }
  if (state.sort) params.set('sort', `${state.sort.direction === 'desc' ? '-' : ''}${state.sort.field}`);
  if (state.open) params.set('part', state.open);
  const query = params.toString();
  return query ? `#/catalog?${query}` : '#/catalog';
}
