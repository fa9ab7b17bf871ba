import { describe, expect, it } from 'vitest';
import { applyItemChanges, itemToDraft, validateItemDraft, type ItemDraft, type ItemFields } from '#core/inventory/item';
import { isIsoDate } from '#core/inventory/dates';

function ok(draft: ItemDraft): ItemFields {
  const result = validateItemDraft(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

function issues(draft: ItemDraft): Record<string, string> {
  const result = validateItemDraft(draft);
  if (result.ok) throw new Error('expected the draft to be refused');
  return Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
}

describe('validateItemDraft', () => {
  it('turns typed text into stored fields with integer minor units', () => {
    const fields = ok({
      partId: 'gpu.nvidia.rtx-3090',
      quantity: '2',
      status: 'received',
      currency: 'usd',
      price: '1,299.99',
      shipping: '25',
      tax: '0.5',
      listingUrl: 'https://www.ebay.com/itm/RTX-3090/123456789012?hash=x',
      orderedOn: '2024-05-01',
      receivedOn: '2024-05-09',
      notes: '  kept verbatim  ',
      seller: '  gpu-reseller  ',
    });
    expect(fields).toMatchObject({
      quantity: 2,
      status: 'received',
      currency: 'USD',
      priceMinor: 129999,
      shippingMinor: 2500,
      taxMinor: 50,
      ebayItemNumber: '123456789012',
      notes: '  kept verbatim  ',
      seller: 'gpu-reseller',
    });
  });

  it('defaults quantity 1, status wishlist, currency USD, and unknown amounts to null (not 0)', () => {
    const fields = ok({ partId: 'gpu.nvidia.tesla-p40' });
    expect(fields).toMatchObject({
      quantity: 1,
      status: 'wishlist',
      currency: 'USD',
      priceMinor: null,
      shippingMinor: null,
      taxMinor: null,
      ebayItemNumber: null,
    });
    expect(ok({ partId: 'x.y', price: '   ' }).priceMinor).toBeNull();
  });

  it('gives a human message per field', () => {
    expect(
      issues({
        partId: '',
        quantity: '1.5',
        status: 'lost',
        currency: 'dollars',
        price: 'abc',
        shipping: '-3',
        tax: 'ten dollars',
        listingUrl: 'javascript:alert(1)',
        orderedOn: '2024-02-30',
        returnBy: '31/05/2024',
      }),
    ).toEqual({
      partId: 'Choose a part',
      quantity: 'Quantity must be a whole number, 1 or more',
      status: 'Status must be one of: wishlist, watching, ordered, shipped, received, tested, faulty, returned, sold',
      currency: 'Currency must be a 3-letter code like USD or EUR',
      price: 'Price must be a number like 129.99',
      shipping: 'Shipping cannot be negative',
      tax: 'Tax must be a number like 129.99',
      listingUrl: 'Listing URL must be a web address like https://www.ebay.com/itm/123456789012',
      orderedOn: 'Ordered date must be a date like 2024-05-31',
      returnBy: 'Return-by date must be a date like 2024-05-31',
    });
  });

  it('reads amounts in the currency of the item (JPY has no cents)', () => {
    expect(ok({ partId: 'a.b', currency: 'JPY', price: '98000' }).priceMinor).toBe(98000);
    expect(issues({ partId: 'a.b', currency: 'JPY', price: '980.50' }).price).toBe('Price must be a number like 12999 (JPY has no cents)');
    expect(ok({ partId: 'a.b', currency: 'EUR', price: '1.299,50' }).priceMinor).toBe(129950);
  });

  it('accepts the usual ways of writing an amount and refuses malformed or ambiguous ones', () => {
    const minor = (price: string, currency = 'USD') => ok({ partId: 'a.b', price, currency }).priceMinor;
    expect(minor('1299.99')).toBe(129999);
    expect(minor('$1,299.99')).toBe(129999);
    expect(minor('1299,99 €', 'EUR')).toBe(129999);
    expect(minor('1.299,99', 'EUR')).toBe(129999);
    expect(minor('1 299,99', 'EUR')).toBe(129999);
    expect(minor('.99')).toBe(99);
    expect(minor('1.299', 'JPY')).toBe(1299);
    expect(issues({ partId: 'a.b', price: '12,99.1' }).price).toBe('Price must be a number like 129.99');
    expect(issues({ partId: 'a.b', price: '1..2' }).price).toBe('Price must be a number like 129.99');
    expect(issues({ partId: 'a.b', price: '12.999' }).price).toBe(
      'Price "12.999" could be read two ways: write 12999 for the whole amount, or use at most 2 decimals',
    );
    expect(issues({ partId: 'a.b', price: '0.001' }).price).toBe('Price must be a number like 129.99 (at most 2 decimals)');
  });

  it('refuses quantity 0 and a received date before the ordered date', () => {
    expect(issues({ partId: 'a.b', quantity: 0 }).quantity).toMatch(/1 or more/);
    expect(issues({ partId: 'a.b', orderedOn: '2024-05-10', receivedOn: '2024-05-01' }).receivedOn).toBe('Received date is before the ordered date');
  });

  it('keeps a non-eBay URL as a plain link without an item number', () => {
    const fields = ok({ partId: 'a.b', listingUrl: 'https://www.ebay.com.evil.com/itm/123456789012' });
    expect(fields.listingUrl).toBe('https://www.ebay.com.evil.com/itm/123456789012');
    expect(fields.ebayItemNumber).toBeNull();
  });

  it('stores a hostile name verbatim', () => {
    expect(ok({ partId: 'a.b', notes: '<img src=x onerror=alert(1)>' }).notes).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('applyItemChanges', () => {
  const current = ok({ partId: 'gpu.nvidia.rtx-3090', status: 'ordered', price: '700', shipping: '30', currency: 'USD', seller: 's1' });

  it('changes only what is given', () => {
    const result = applyItemChanges(current, { status: 'received', receivedOn: '2024-06-02' });
    expect(result.ok && result.value).toMatchObject({ status: 'received', receivedOn: '2024-06-02', priceMinor: 70000, shippingMinor: 3000, seller: 's1' });
  });

  it('clears a field given as null or blank', () => {
    const result = applyItemChanges(current, { shipping: null, seller: '' });
    expect(result.ok && result.value).toMatchObject({ shippingMinor: null, seller: null, priceMinor: 70000 });
  });

  it('reads kept amounts as shown when the currency changes, and says when they no longer fit', () => {
    const toEur = applyItemChanges(current, { currency: 'EUR' });
    expect(toEur.ok && toEur.value).toMatchObject({ currency: 'EUR', priceMinor: 70000 });
    const withCents = ok({ partId: 'a.b', price: '12.50' });
    const toJpy = applyItemChanges(withCents, { currency: 'JPY' });
    expect(toJpy.ok).toBe(false);
    expect(!toJpy.ok && toJpy.issues[0]?.path).toBe('price');
  });

  it('round-trips through itemToDraft', () => {
    expect(validateItemDraft(itemToDraft(current))).toEqual({ ok: true, value: current });
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['2024-12-31', true],
  ] as const)('%s → %s', (text, expected) => expect(isIsoDate(text)).toBe(expected));
});
