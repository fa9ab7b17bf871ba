// The bill of materials by part: one row per part, owned or to buy, and unit
// price; the totals stay those of the lines; the per-line CSV is unchanged.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseBuildText } from '#core/build/file';
import type { Build } from '#core/build/build';
import { bomOf } from '#core/build/bom';
import { groupBom } from '#core/build/bomGroups';
import { builtinParts } from '#core/catalog/builtin';
import { bomCsv, bomGroupedCsv, BOM_GROUPED_COLUMNS } from '#core/csv/export';

function load(name: string): Build {
  const r = parseBuildText(readFileSync(new URL(`../../../assets/examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.build;
}
const rows = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
const parts = new Map(builtinParts.map((p) => [p.id, p]));
const line = (partId: string, owned: boolean, unit: number | null, quantity = 1) => ({
  partId,
  owned,
  quantity,
  unit: unit === null ? null : { amountMinor: unit, currency: 'USD' },
  amount: unit === null ? null : { amountMinor: unit * quantity, currency: 'USD' },
  basisClass: unit === null ? ('unknown' as const) : ('typical' as const),
});

describe('bill of materials by part', () => {
  it('groups the same part at the same price; another price or owned/to buy is another row; unknown poisons the total', () => {
    const g = groupBom([line('p40', false, 17000), line('p40', false, 17000, 2), line('p40', true, 15000), line('cpu', false, null), line('cpu', false, null)]);
    expect(g.map((x) => [x.partId, x.owned, x.quantity, x.unit?.amountMinor ?? null, x.total?.amountMinor ?? null])).toEqual([
      ['p40', false, 3, 17000, 51000],
      ['p40', true, 1, 15000, 15000],
      ['cpu', false, 2, null, null],
    ]);
  });

  it('Groq: 512 GroqCards are one row of 512 at $500, $256,000 in all', () => {
    const b = load('groq-8-racks.json');
    const lines = bomOf(
      b,
      (id) => parts.get(id),
      () => undefined,
    ).map((l) => ({ ...l, owned: l.source !== 'toBuy' }));
    const groups = groupBom(lines);
    expect(lines.length).toBeGreaterThan(512);
    expect(groups.length).toBeLessThan(20);
    const cards = groups.find((x) => parts.get(x.partId)?.category === 'gpu')!;
    expect(cards.quantity).toBe(512);
    expect(cards.unit).toEqual({ amountMinor: 50_000, currency: 'USD' });
    expect(cards.total).toEqual({ amountMinor: 25_600_000, currency: 'USD' });
    expect(groups.reduce((a, x) => a + x.quantity, 0)).toBe(lines.reduce((a, l) => a + l.quantity, 0));

    const grouped = rows(bomGroupedCsv(b, builtinParts, []));
    expect(grouped[0]).toEqual([...BOM_GROUPED_COLUMNS]);
    expect(grouped).toHaveLength(groups.length + 1);
    const cardRow = grouped.find((r) => r[0] === cards.partId)!;
    expect(cardRow.slice(3, 9)).toEqual(['512', 'to buy', '500.00', '256000.00', 'USD', 'typical']);
    expect(cardRow[9]!.split('; ')).toHaveLength(512);
    // The per-line CSV keeps one row per line.
    expect(rows(bomCsv(b, builtinParts, []))).toHaveLength(lines.length + 1);
  });
});
