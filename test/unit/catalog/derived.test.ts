import { describe, expect, it } from 'vitest';
import { builtinParts, builtinPart } from '#core/catalog/builtin';
import { gbpsPerDollar, queryParts, vramGBPerDollar } from '#core/catalog/derived';
import type { CatalogPart } from '#core/catalog/part';

describe('derived columns', () => {
  it('GB/s and GB per dollar come from the sourced price', () => {
    const p40 = builtinPart('gpu.nvidia.tesla-p40')!;
    expect(p40.typicalUsedPrice?.amountMinor).toBe(17000);
    expect(gbpsPerDollar(p40)).toBeCloseTo(346 / 170, 9);
    expect(vramGBPerDollar(p40)).toBeCloseTo(24 / 170, 9);
  });

  it('are null when the price is unknown or not in USD', () => {
    const a5000 = builtinPart('gpu.nvidia.rtx-a5000')!;
    expect(gbpsPerDollar(a5000)).toBeNull();
    const eur = {
      ...builtinPart('gpu.nvidia.tesla-p40')!,
      typicalUsedPrice: { amountMinor: 15000, currency: 'EUR', asOf: '2025', source: 'x' },
    } as CatalogPart;
    expect(vramGBPerDollar(eur)).toBeNull();
  });
});

describe('queryParts', () => {
  it('range filters: VRAM ≥ 24 GB, bandwidth ≥ 700 GB/s, TDP ≤ 250 W', () => {
    const out = queryParts(builtinParts, {
      category: 'gpu',
      ranges: [
        { field: 'vramGB', min: 24 },
        { field: 'memBandwidthGBps', min: 700 },
        { field: 'tdpW', max: 250 },
      ],
    });
    const ids = out.map((p) => p.id);
    expect(ids).toContain('gpu.nvidia.a100-pcie-40gb');
    expect(ids).toContain('gpu.nvidia.rtx-a5000');
    expect(ids).not.toContain('gpu.nvidia.tesla-p40'); // 346 GB/s
    expect(ids).not.toContain('gpu.nvidia.rtx-3090'); // 350 W
    expect(ids).not.toContain('gpu.amd.mi210'); // TDP unknown never passes
  });

  it('sorts by a derived column with unknowns last in both directions', () => {
    for (const direction of ['asc', 'desc'] as const) {
      const out = queryParts(builtinParts, { category: 'gpu', sort: { field: 'gbpsPerDollar', direction } });
      const values = out.map(gbpsPerDollar);
      const known = values.filter((v): v is number => v !== null);
      // Every GPU priced in USD in the used-price table with a known bandwidth has a value (the MI50 16GB and the
      // Radeon VII are priced in CNY: no rate, so no $ column); the count follows the table.
      const usd = builtinParts.filter((p) => p.category === 'gpu' && p.typicalUsedPrice?.currency === 'USD' && p.specs.memBandwidthGBps !== null);
      expect(usd.length).toBeGreaterThanOrEqual(12);
      expect(known.length).toBe(usd.length);
      expect(values.slice(0, known.length)).toEqual(known);
      expect(values.slice(known.length).every((v) => v === null)).toBe(true);
      const sorted = [...known].sort((a, b) => (direction === 'asc' ? a - b : b - a));
      expect(known).toEqual(sorted);
    }
  });

  it('search matches words across vendor, model and aliases', () => {
    expect(queryParts(builtinParts, { search: 'nvidia 3090', category: 'gpu' }).map((p) => p.id)).toEqual(['gpu.nvidia.rtx-3090', 'gpu.nvidia.rtx-3090-ti']);
    expect(queryParts(builtinParts, { search: 'nvidia 3090', category: 'bridge' }).map((p) => p.id)).toEqual([
      'bridge.nvidia.geforce-rtx-nvlink-3slot',
      'bridge.nvidia.geforce-rtx-nvlink-4slot',
    ]);
    expect(queryParts(builtinParts, { search: 'connectx', category: 'nic' }).length).toBeGreaterThanOrEqual(6);
  });
});
