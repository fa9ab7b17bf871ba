// The used-price table: every figure has a source, what it says and a month;
// the seed's figures are in it; every catalog GPU is listed (priced, or unknown
// with a reason); prices live only there.
import { describe, expect, it } from 'vitest';
import { UsedPriceTable, usedPriceTable, usedPriceEntry } from '#core/prices/usedPrices';
import { builtinPart, builtinParts, BUILTIN_FILES } from '#core/catalog/builtin';
import table from '#assets/prices/used-prices.json' with { type: 'json' };

const clone = () => JSON.parse(JSON.stringify(table)) as { parts: Record<string, unknown>[] };

describe('used-price table', () => {
  it('refuses a price without a source, a date or what the source says', () => {
    for (const field of ['source', 'asOf', 'says']) {
      const t = clone();
      const priced = t.parts.find((p) => p.price !== null) as { price: Record<string, unknown> };
      delete priced.price[field];
      const r = UsedPriceTable.safeParse(t);
      expect(r.success, field).toBe(false);
      expect(r.error!.issues.some((i) => i.path.includes('parts'))).toBe(true);
    }
  });

  it('refuses a date that is not a month and an unknown without its reason', () => {
    const t = clone();
    (t.parts.find((p) => p.price !== null) as { price: Record<string, unknown> }).price.asOf = '2025';
    expect(UsedPriceTable.safeParse(t).success).toBe(false);
    const u = clone();
    delete u.parts.find((p) => p.price === null)!.reason;
    expect(UsedPriceTable.safeParse(u).success).toBe(false);
  });

  it('holds the seed figures', () => {
    const price = (id: string) => {
      const e = usedPriceEntry(id);
      return e && e.price ? [e.price.amountMinor, e.price.currency, e.price.source] : null;
    };
    expect(price('board.supermicro.x10drg-o-pcie')).toEqual([70000, 'USD', 'seed analysis']);
    expect(price('chassis.supermicro.sys-4028gr-tr')).toEqual([160000, 'USD', 'seed analysis']);
    expect(price('gpu.groq.groqcard')).toEqual([50000, 'USD', 'seed analysis']);
    const octal = usedPriceTable.builds.find((b) => b.example === 'octal-a100-sxm');
    expect(octal?.price.amountMinor).toBe(5_000_000);
    expect(octal?.price.currency).toBe('USD');
  });

  it('lists every catalog GPU, and names only parts the catalog has, once', () => {
    const gpus = builtinParts.filter((p) => p.category === 'gpu').map((p) => p.id);
    const missing = gpus.filter((id) => !usedPriceEntry(id));
    expect(missing).toEqual([]);
    const ids = usedPriceTable.parts.map((p) => p.partId);
    expect(ids.filter((id) => !builtinPart(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ranges hold their midpoint; sources are URLs or the seed', () => {
    for (const e of usedPriceTable.parts) {
      if (!e.price) continue;
      expect(e.price.source === 'seed analysis' || /^https:\/\//.test(e.price.source), e.partId).toBe(true);
      if (e.price.lowMinor !== undefined) {
        expect(e.price.highMinor, e.partId).toBeDefined();
        expect(e.price.lowMinor <= e.price.amountMinor && e.price.amountMinor <= e.price.highMinor!, e.partId).toBe(true);
      }
    }
  });

  it('prices live in the table only: no catalog file carries its own', () => {
    for (const [file, parts] of Object.entries(BUILTIN_FILES))
      for (const p of parts as { id: string; typicalUsedPrice?: unknown }[]) expect(p.typicalUsedPrice ?? null, `${file} ${p.id}`).toBeNull();
  });

  it('the catalog part shows the table price with amountMinor, currency, asOf (YYYY-MM) and source', () => {
    const p40 = builtinPart('gpu.nvidia.tesla-p40')!.typicalUsedPrice!;
    expect(p40).toMatchObject({ amountMinor: 17000, currency: 'USD', asOf: '2026-02', condition: 'used' });
    expect(p40.source).toMatch(/^https:\/\//);
    expect(builtinPart('gpu.nvidia.rtx-a5000')!.typicalUsedPrice).toBeNull();
  });
});
