import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES } from '#core/build/examples';
import { parseBuildValue } from '#core/build/file';
import type { Build } from '#core/build/build';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { costLines, costSummary, figureState, type CostItem } from '#core/compare/cost';
import { chartData, paretoFront, rowMetrics, sortRows } from '#core/compare/chart';
import { compareCsv, csvCell } from '#core/compare/csv';
import { perfEstimator, type BuildEstimator } from '#core/compare/estimate';
import { compareRows } from '#core/compare/rows';
import { SEED_WORKLOAD, type CompareRow, type SpeedEstimate } from '#core/compare/types';

function example(id: string): Build {
  const r = parseBuildValue(EXAMPLE_FILES[id]);
  if (!r.ok) throw new Error(id);
  return r.build;
}

const catalog = indexCatalog(builtinParts);
const site = null; // each build's own site

const speed = (over: Partial<SpeedEstimate> = {}): SpeedEstimate => ({
  fits: true,
  reason: null,
  decodeTps: 10,
  decodeBand: { low: 8, high: 12 },
  aggregateTps: 40,
  aggregateBand: { low: 30, high: 50 },
  bandPct: 20,
  bandBasis: 'test',
  prefillTps: 100,
  ttftS: 1,
  bottleneck: 'memory-bandwidth',
  powerW: 500,
  runtime: 'llama.cpp',
  split: 'layer',
  instances: 1,
  assumptions: [],
  warnings: [],
  ...over,
});

function row(id: number, cost: { known: number; priced: number; unpriced: number }, est: SpeedEstimate | null, wallW: number | null = 1000): CompareRow {
  const f = { knownMinor: cost.known, pricedLines: cost.priced, unpricedLines: cost.unpriced };
  return {
    buildId: id,
    name: `b${id}`,
    estimate: est,
    problem: est ? null : 'no GPUs or accelerators placed',
    cost: {
      currency: 'USD',
      total: f,
      spent: { knownMinor: 0, pricedLines: 0, unpricedLines: 0 },
      toBuy: f,
      byCategory: [],
      basis: { paid: 0, observed: 0, typical: cost.priced, unknown: cost.unpriced },
      staleLines: 0,
      unpriced: [],
    },
    power: { atLoadW: wallW, atLoadWallW: wallW, peakW: 2000, psuUsableW: 3000, circuitW: 2880 },
  };
}

describe('cost lines', () => {
  const item = (over: Partial<CostItem>): CostItem => ({
    id: 'i1',
    status: 'received',
    currency: 'USD',
    priceMinor: 16000,
    shippingMinor: 1500,
    taxMinor: 500,
    seller: '=HYPERLINK("x")',
    orderNumber: '12-345',
    listingUrl: null,
    ebayItemNumber: null,
    ...over,
  });

  it('owned parts cost price + shipping + tax per unit; planned parts their estimate; unknown stays unknown', () => {
    const b = example('sys-4028gr-x10drg');
    const gpu0 = b.racks[0]!.chassis[0]!.devices[0]!;
    gpu0.inventoryItemId = 'i1';
    delete gpu0.plannedPrice;
    const lines = costLines(b, catalog, (id) => (id === 'i1' ? item({}) : null));
    const owned = lines.filter((l) => l.owned);
    expect(owned).toHaveLength(1);
    expect(owned[0]).toMatchObject({ amountMinor: 18000, basis: 'paid', item: { seller: '=HYPERLINK("x")' } });
    const cpu = lines.find((l) => l.category === 'cpu')!;
    expect(cpu.amountMinor).toBeNull();
    expect(cpu.basis).toBe('unknown');
    const s = costSummary(lines, 'USD');
    expect(s.spent).toEqual({ knownMinor: 18000, pricedLines: 1, unpricedLines: 0 });
    // chassis 1600 + 7 P40 at 170 (typical used prices); the NIC has no public price
    // The system, seven P40s, eight 32 GB DIMMs at $100 and the ConnectX-3 at $40 (the table's dated figures).
    expect(s.toBuy.knownMinor).toBe(160000 + 7 * 17000 + 8 * 10000 + 4000);
    expect(s.total.knownMinor).toBe(s.spent.knownMinor + s.toBuy.knownMinor);
    expect(figureState(s.total)).toBe('partial');
    const gpu = s.byCategory.find((c) => c.category === 'gpu')!;
    expect(gpu.knownMinor).toBe(18000 + 7 * 17000);
  });

  it('a wishlist item is still to buy, at its own price; a price in another currency is not added', () => {
    const b = example('sys-4028gr-x10drg');
    const d = b.racks[0]!.chassis[0]!.devices;
    d[0]!.inventoryItemId = 'w';
    d[1]!.plannedPrice = { amountMinor: 15000, currency: 'EUR' };
    const lines = costLines(b, catalog, () =>
      item({ id: 'w', status: 'wishlist', priceMinor: 15000, shippingMinor: null, taxMinor: null, listingUrl: 'https://www.ebay.com/itm/1' }),
    );
    expect(lines.find((l) => l.item?.id === 'w')).toMatchObject({ owned: false, basis: 'item', amountMinor: 15000 });
    const s = costSummary(lines, 'USD');
    expect(s.spent.pricedLines).toBe(0);
    const eur = lines.find((l) => l.currency === 'EUR')!;
    expect(eur.amountMinor).toBe(15000);
    expect(s.toBuy.knownMinor).toBe(160000 + 15000 + 6 * 17000 + 8 * 10000 + 4000);
  });

  it('a build with no price anywhere has an unknown total, not $0', () => {
    const s = costSummary(
      costLines(example('octal-a100-sxm'), catalog, () => null),
      'USD',
    );
    expect(figureState(s.total)).toBe('unknown');
    expect(s.total.unpricedLines).toBeGreaterThan(30);
  });
});

describe('Pareto front and chart data', () => {
  it('keeps only points nothing cheaper beats, cheapest first', () => {
    expect(
      paretoFront([
        { buildId: 1, x: 100, y: 10 },
        { buildId: 2, x: 200, y: 5 },
        { buildId: 3, x: 300, y: 30 },
        { buildId: 4, x: 100, y: 12 },
        { buildId: 5, x: 50, y: 1 },
      ]),
    ).toEqual([5, 4, 3]);
    expect(paretoFront([])).toEqual([]);
  });

  it('lists builds that cannot be drawn with the reason instead of dropping them', () => {
    const rows = [
      row(1, { known: 100_00, priced: 3, unpriced: 0 }, speed()),
      row(2, { known: 0, priced: 0, unpriced: 5 }, speed()),
      row(
        3,
        { known: 500_00, priced: 3, unpriced: 0 },
        speed({ fits: false, reason: 'does not fit: GPU over by 3.0 GB', decodeTps: null, aggregateTps: null }),
      ),
      row(4, { known: 500_00, priced: 3, unpriced: 0 }, null),
      row(5, { known: 50_00, priced: 1, unpriced: 2 }, speed({ decodeTps: 5 })),
    ];
    const d = chartData(rows, 'total', 'perStream');
    expect(d.points.map((p) => p.buildId)).toEqual([1, 5]);
    expect(d.points.find((p) => p.buildId === 5)!.xPartial).toBe(true);
    expect(d.offChart).toEqual([
      { buildId: 2, name: 'b2', reason: 'cost unknown: 5 parts without a price' },
      { buildId: 3, name: 'b3', reason: 'does not fit: GPU over by 3.0 GB' },
      { buildId: 4, name: 'b4', reason: 'no GPUs or accelerators placed' },
    ]);
    expect(d.front).toEqual([5, 1]);
    expect(d.frontHasPartial).toBe(true);
    expect(chartData(rows, 'total', 'aggregate').points[0]).toMatchObject({ y: 40, band: { low: 30, high: 50 } });
  });

  it('metrics: cost per tok/s, tok/s per W and electricity per million tokens', () => {
    const m = rowMetrics(row(1, { known: 1000_00, priced: 1, unpriced: 0 }, speed()), 'total', 'aggregate', 20);
    expect(m.costPerTps).toEqual({ minor: 100000 / 40, partial: false });
    expect(m.tpsPerW).toBeCloseTo(0.04);
    // 1 kW for 1e6 / 40 s = 6.944 kWh at 20 cents
    expect(m.electricityPerMTokensMinor).toBeCloseTo((1e6 / 40 / 3600) * 20, 6);
    const unknown = rowMetrics(row(2, { known: 0, priced: 0, unpriced: 3 }, speed(), null), 'total', 'aggregate', null);
    expect(unknown).toMatchObject({ costPerTps: null, tpsPerW: null, electricityPerMTokensMinor: null });
  });

  it('sorts with unknown last in both directions', () => {
    const items = [
      row(1, { known: 300, priced: 1, unpriced: 0 }, speed()),
      row(2, { known: 0, priced: 0, unpriced: 1 }, speed()),
      row(3, { known: 100, priced: 1, unpriced: 0 }, speed()),
    ].map((r) => ({
      row: r,
      metrics: rowMetrics(r, 'total', 'perStream', null),
    }));
    expect(sortRows(items, 'cost', 'asc').map((i) => i.row.buildId)).toEqual([3, 1, 2]);
    expect(sortRows(items, 'cost', 'desc').map((i) => i.row.buildId)).toEqual([1, 3, 2]);
  });
});

describe('CSV', () => {
  it('defuses formula cells and quotes separators', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(null)).toBe('unknown');
  });

  it('writes one line per build with unknowns as "unknown"', () => {
    const rows = [row(1, { known: 1234_56, priced: 2, unpriced: 1 }, speed()), row(2, { known: 0, priced: 0, unpriced: 4 }, null)];
    rows[1]!.name = '=cmd|"/c calc"!A1';
    const csv = compareCsv({ rows, costMode: 'total', speedMode: 'perStream', currency: 'USD', pricePerKwhMinor: 15 });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('Total cost (USD)');
    expect(lines[1]).toMatch(/^b1,1234\.56,yes,1,10,8,12,/);
    expect(lines[2]).toMatch(/^"'=cmd\|""\/c calc""!A1",unknown,unknown,4,unknown/);
    expect(lines[2]).toContain('no: no GPUs or accelerators placed');
  });
});

describe('the seed comparison from the examples', () => {
  const inputs = ['groq-8-racks', 'octal-a100-sxm'].map((id, i) => ({ buildId: i + 1, build: example(id) }));
  const rows = compareRows(inputs, SEED_WORKLOAD, { catalog: builtinParts, itemOf: () => null, currency: 'USD', site, estimator: perfEstimator(builtinParts) });

  it('Groq racks versus an octal A100 box on a 70B model: cost and tokens/s side by side', () => {
    const [groq, a100] = rows;
    expect(groq!.estimate?.fits).toBe(true);
    expect(a100!.estimate?.fits).toBe(true);
    // 512 cards × $500 planned; the nodes, CPUs and racks have no price, so the total is a lower bound.
    expect(groq!.cost.total.knownMinor).toBe(512 * 50000);
    expect(figureState(groq!.cost.total)).toBe('partial');
    // No price source exists for the A100 box: unknown, listed beside the chart.
    expect(figureState(a100!.cost.total)).toBe('unknown');
    expect(groq!.estimate!.decodeTps!).toBeGreaterThan(a100!.estimate!.decodeTps!);
    const d = chartData(rows, 'total', 'perStream');
    expect(d.points.map((p) => p.buildId)).toEqual([1]);
    expect(d.offChart[0]).toMatchObject({ buildId: 2, reason: expect.stringContaining('cost unknown') });
    // Groq's power: 512 cards at ~300 W ≈ 150 kW of accelerators.
    expect(groq!.estimate!.powerW!).toBeGreaterThan(140_000);
    expect(groq!.estimate!.powerW!).toBeLessThan(170_000);
  });

  it('an injected estimator is used as given and its failures are reasons, not numbers', () => {
    const failing: BuildEstimator = () => ({ ok: false, problem: 'unknown model' });
    const r = compareRows(inputs, SEED_WORKLOAD, { catalog: builtinParts, itemOf: () => null, currency: 'USD', site, estimator: failing });
    expect(r.every((x) => x.estimate === null && x.problem === 'unknown model' && x.power.atLoadW === null)).toBe(true);
    const throwing: BuildEstimator = () => {
      throw new Error('boom');
    };
    expect(compareRows(inputs, SEED_WORKLOAD, { catalog: builtinParts, itemOf: () => null, currency: 'USD', site, estimator: throwing })[0]!.problem).toContain(
      'boom',
    );
  });

  it("tries fewer instances when the build's own layout does not fit the compared model", () => {
    const r = compareRows(
      [{ buildId: 1, build: example('sys-4028gr-x9drg') }],
      { ...SEED_WORKLOAD, modelId: 'llama-3.1-405b', quant: 'F16' },
      { catalog: builtinParts, itemOf: () => null, currency: 'USD', site, estimator: perfEstimator(builtinParts) },
    )[0]!;
    // 8 × 24 GB cannot hold a 405B model in fp16 (810 GB), however it is split.
    expect(r.estimate?.fits).toBe(false);
    expect(r.estimate?.reason).toMatch(/^does not fit/);
    const q = compareRows([{ buildId: 1, build: example('asus-esc4000-4x-a5000') }], SEED_WORKLOAD, {
      catalog: builtinParts,
      itemOf: () => null,
      currency: 'USD',
      site,
      estimator: perfEstimator(builtinParts),
    })[0]!;
    expect(q.estimate?.fits).toBe(true);
    expect(q.estimate?.instances).toBe(1);
    expect(q.estimate?.assumptions[0]).toMatch(/2 instances of this model do not fit; estimated with 1/);
  });
});
