// The price basis: paid → the user's own figures (item price, planned price,
// 90-day median of observations) → typical used price → an older observation
// → unknown; stale over a year; counted per basis.
import { describe, expect, it } from 'vitest';
import { countBasis, isStale, priceBasis, summarizeObservations, type BasisInput, type SeenPrice } from '#core/prices/basis';

const TODAY = '2026-12-07';
const typical = { amountMinor: 17000, currency: 'USD', source: 'https://example.org/guide', asOf: '2026-02' };
const seen = (observedOn: string, amountMinor: number, shippingMinor: number | null = null, currency = 'USD'): SeenPrice => ({
  observedOn,
  amountMinor,
  shippingMinor,
  currency,
});
const base: BasisInput = { quantity: 2, itemId: null, item: null, plannedPrice: null, partKnown: true, typical, observations: [], today: TODAY };

describe('priceBasis', () => {
  it('paid beats everything: the landed cost of an owned item', () => {
    const item = { status: 'received' as const, currency: 'USD', priceMinor: 15000, shippingMinor: 2000, taxMinor: 0 };
    const d = priceBasis({ ...base, itemId: '7', item, plannedPrice: { amountMinor: 1, currency: 'USD' }, observations: [seen('2026-12-01', 100)] });
    expect([d.basis, d.basisClass, d.unit, d.amount]).toEqual([
      'paid',
      'paid',
      { amountMinor: 17000, currency: 'USD' },
      { amountMinor: 34000, currency: 'USD' },
    ]);
  });

  it('then a recent observation (90-day median of price + shipping) beats the typical price', () => {
    const obs = [seen('2026-11-30', 15000, 1500), seen('2026-10-01', 20000), seen('2026-09-20', 14000, 0), seen('2026-01-01', 5000)];
    const d = priceBasis({ ...base, observations: obs });
    // Within 90 days of 2026-12-07: 16500, 20000, 14000 → median 16500; January's 5000 is too old to count.
    expect(d.basis).toBe('observed');
    expect(d.unit).toEqual({ amountMinor: 16500, currency: 'USD' });
    expect(d.amount).toEqual({ amountMinor: 33000, currency: 'USD' });
    expect(d.basisNote).toMatch(/median of your 3 observations in the last 90 days/);
    expect(d.asOf).toBe('2026-11-30');
  });

  it('falls to the typical price (with its month) when no observation is recent, then to an old observation, then unknown', () => {
    const old = [seen('2025-06-01', 9000)];
    const t = priceBasis({ ...base, observations: old });
    expect([t.basis, t.unit?.amountMinor, t.asOf, t.stale]).toEqual(['typical', 17000, '2026-02', false]);
    expect(t.basisNote).toContain('2026-02');
    const o = priceBasis({ ...base, typical: null, observations: old });
    expect([o.basis, o.unit?.amountMinor, o.stale]).toEqual(['observed', 9000, true]);
    const u = priceBasis({ ...base, typical: null, noTypicalReason: 'no dated public used price found' });
    expect([u.basis, u.basisClass, u.unit, u.amount]).toEqual(['unknown', 'unknown', null, null]);
    expect(u.basisNote).toContain('no dated public used price found');
  });

  it("a wishlist item price and a planned price are the user's own figures (observed)", () => {
    const item = { status: 'watching' as const, currency: 'USD', priceMinor: 16000, shippingMinor: null, taxMinor: null };
    expect(priceBasis({ ...base, itemId: '3', item }).basis).toBe('item');
    expect(priceBasis({ ...base, itemId: '3', item }).basisClass).toBe('observed');
    expect(priceBasis({ ...base, plannedPrice: { amountMinor: 12345, currency: 'USD' } }).basisClass).toBe('observed');
    expect(priceBasis({ ...base, itemId: '9', item: null }).basisNote).toBe('inventory item 9 not found');
  });

  it('a price is stale once it is over a year old', () => {
    expect(isStale('2025-12', TODAY)).toBe(false); // its month ended 2025-12-31, under a year ago
    expect(isStale('2025-11', TODAY)).toBe(true);
    expect(isStale('2025-12-06', TODAY)).toBe(true);
    expect(isStale('2025-12-08', TODAY)).toBe(false);
    const d = priceBasis({ ...base, typical: { ...typical, asOf: '2025-01' } });
    expect(d.stale).toBe(true);
    expect(d.basisNote).toMatch(/stale: over a year old/);
  });

  it("the median keeps to the latest observation's currency and never converts", () => {
    const s = summarizeObservations([seen('2026-12-01', 100, null, 'EUR'), seen('2026-11-01', 200, null, 'USD'), seen('2026-11-15', 300, null, 'EUR')], TODAY);
    expect(s.median).toEqual({ amountMinor: 200, currency: 'EUR' });
    expect(s.recentCount).toBe(2);
    // Even count: the mean of the middle two, rounded.
    expect(summarizeObservations([seen('2026-12-01', 101), seen('2026-12-02', 200)], TODAY).median?.amountMinor).toBe(151);
  });

  it('counts lines per basis', () => {
    expect(countBasis([{ basisClass: 'paid' }, { basisClass: 'typical', stale: true }, { basisClass: 'typical' }, { basisClass: 'unknown' }])).toEqual({
      basis: { paid: 1, observed: 0, typical: 2, unknown: 1 },
      staleLines: 1,
    });
  });
});

describe('eBay search links', () => {
  it('search the model and its longer aliases; sold listings add the sold filter', async () => {
    const { ebaySearchUrls, ebayQuery } = await import('#core/prices/ebayLinks');
    expect(ebayQuery({ vendor: 'NVIDIA', model: 'Tesla P40', aliases: ['P40'] })).toBe('Tesla P40');
    expect(ebayQuery({ vendor: 'NVIDIA', model: 'GeForce RTX 3090', aliases: ['RTX 3090', '3090'] })).toBe('(GeForce RTX 3090, RTX 3090)');
    const u = ebaySearchUrls({ vendor: 'NVIDIA', model: 'Tesla P40', aliases: [] });
    expect(u.find).toBe('https://www.ebay.com/sch/i.html?_nkw=Tesla%20P40');
    expect(u.sold).toBe('https://www.ebay.com/sch/i.html?_nkw=Tesla%20P40&LH_Sold=1&LH_Complete=1');
  });
});

describe('is it worth it', () => {
  it('spreads the hardware over its life at the duty cycle, adds electricity, and finds the break-even volume', async () => {
    const { worthIt } = await import('#core/prices/worth');
    // $3,000 of hardware at 100 tok/s, half the time for 3 years: 100 × 3 × 365.25 × 86400 × 0.5 / 1e6 ≈ 4,733.6 M tokens.
    const w = worthIt({ hardwareMinor: 300_000, tps: 100, electricityPerMMinor: 50, lifeYears: 3, duty: 0.5, apiPerMMinor: 300 });
    expect(w.lifetimeMTokens).toBeCloseTo(4733.64, 1);
    expect(w.hardwarePerMMinor).toBeCloseTo(300_000 / 4733.64, 2);
    expect(w.ownPerMMinor).toBeCloseTo(300_000 / 4733.64 + 50, 2);
    expect(w.breakEvenMTokens).toBe(300_000 / 250); // 1,200 M tokens
    expect(w.paysOffInLife).toBe(true);
    expect(worthIt({ hardwareMinor: null, tps: 100, electricityPerMMinor: 50, lifeYears: 3, duty: 0.5, apiPerMMinor: 300 })).toMatchObject({
      ownPerMMinor: null,
      breakEvenMTokens: null,
      note: expect.stringMatching(/unknown/),
    });
    expect(worthIt({ hardwareMinor: 1000, tps: 10, electricityPerMMinor: 400, lifeYears: 3, duty: 1, apiPerMMinor: 300 }).note).toMatch(/never/);
  });
});
