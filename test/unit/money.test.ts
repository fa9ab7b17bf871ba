import { afterEach, describe, expect, it } from 'vitest';
import { formatAmountPlain, formatMoney, ISO_MINOR_DIGITS, minorDigits } from '#core/money';
import { convertMinor } from '#core/inventory/fx';
import { validateItemDraft } from '#core/inventory/item';
import { InventoryQuery } from '#core/inventory/query';
import { createItem, listItems } from '#db/repositories/inventory';
import { cleanupTempDirs, openTestDb, steppingClock } from '../helpers/db';

afterEach(cleanupTempDirs);

describe('ISO 4217 minor units, one table', () => {
  it('has 0 digits for VND, XOF, XAF, XPF, PYG, UGX and 3 for OMR, JOD, TND, IQD, LYD; 2 otherwise', () => {
    for (const c of ['VND', 'XOF', 'XAF', 'XPF', 'PYG', 'UGX', 'JPY', 'KRW', 'ISK', 'CLP']) expect(minorDigits(c)).toBe(0);
    for (const c of ['OMR', 'JOD', 'TND', 'IQD', 'LYD', 'BHD', 'KWD']) expect(minorDigits(c)).toBe(3);
    for (const c of ['USD', 'EUR', 'GBP', 'HUF', 'TWD']) expect(minorDigits(c)).toBe(2);
    expect(Object.values(ISO_MINOR_DIGITS).every((d) => d !== 2)).toBe(true);
  });

  it('shows VND with no decimals', () => {
    expect(formatMoney({ amountMinor: 2500000, currency: 'VND' })).not.toMatch(/[.,]\d{1,2}$/);
    expect(formatMoney({ amountMinor: 2500000, currency: 'VND' }).replace(/\D/g, '')).toBe('2500000');
    expect(formatAmountPlain(2500000, 'VND')).toBe('2500000');
    expect(formatAmountPlain(1500, 'OMR')).toBe('1.500');
  });

  it('the SQL totals convert a VND and an OMR price exactly as core does (the CASE comes from the same table)', async () => {
    const { db } = await openTestDb();
    const now = steppingClock();
    const add = (currency: string, price: string, fxRate: number) => {
      const r = validateItemDraft({ partId: 'gpu.nvidia.rtx-3090', status: 'received', currency, price, fxRate: String(fxRate), fxCurrency: 'EUR' });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return createItem(db, r.value, { now: now() });
    };
    add('VND', '2500000', 0.000036);
    add('OMR', '1.235', 2.39);
    const { totals } = listItems(db, InventoryQuery.parse({ baseCurrency: 'EUR' }));
    expect(totals.inBase.spentMinor).toBe(convertMinor(2500000, 'VND', 0.000036, 'EUR') + convertMinor(1235, 'OMR', 2.39, 'EUR'));
    expect(totals.inBase.unconvertedCount).toBe(0);
  });
});
