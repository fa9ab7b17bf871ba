// One item check for every write: a restore is held to what create would
// accept (URL scheme, lengths, eBay item number, timestamps, control
// characters); and the app keeps answering while a large import is written.
import { describe, expect, it } from 'vitest';
import { useInventoryHandlers } from './harness';
import { InventoryItemView } from '#core/inventory/item';
import { InventoryPage } from '#core/api/inventory';
import { FIXTURE_PARTS } from '../../helpers/db';

const { call, value } = useInventoryHandlers();

describe('inventory:restore is held to the same item check as inventory:create', () => {
  it.each([
    ['listingUrl', 'javascript:alert(1)'],
    ['listingUrl', `https://www.ebay.com/itm/${'1'.repeat(2000)}`],
    ['seller', 'x'.repeat(100_000)],
    ['ebayItemNumber', '12345<script>'],
    ['createdAt', 'yesterday'],
    ['updatedAt', '2024-13-45T99:00:00Z'],
    ['notes', 'nul\u0000inside'],
    ['title', 'bell\u0007'],
    ['orderNumber', 'o'.repeat(101)],
  ])('%s = %j is refused with a field error and nothing is written', async (field, bad) => {
    const created = await value(
      'inventory:create',
      { partId: 'gpu.nvidia.tesla-p40', price: '100', listingUrl: 'https://www.ebay.com/itm/126000000001' },
      InventoryItemView,
    );
    const deleted = await value<{ item: Record<string, unknown>; history: unknown[] }>('inventory:delete', { id: created.id });
    const res = await call('inventory:restore', { item: { ...deleted.item, [field]: bad }, history: deleted.history });
    expect(res.ok).toBe(false);
    expect(!res.ok && ['BAD_REQUEST', 'VALIDATION'].includes(res.error.code)).toBe(true);
    expect(!res.ok && (res.error.issues ?? []).some((i) => i.path.endsWith(field))).toBe(true);
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(0);
    // The untouched item restores fine.
    expect((await call('inventory:restore', { item: deleted.item, history: deleted.history })).ok).toBe(true);
  });
});

describe('the app answers while a large import is written', () => {
  it('every request sent during the import is answered before the import ends; the import is all there after', async () => {
    const rows = Array.from({ length: 8_000 }, (_, i) => ({
      line: i + 2,
      draft: {
        partId: FIXTURE_PARTS[i % FIXTURE_PARTS.length]!.id,
        price: `${10 + (i % 90)}.50`,
        status: 'received',
        orderNumber: `ORD-${i % 100}`,
        notes: `row ${i}`,
      },
    }));
    const { importId } = await value<{ importId: string }>('inventory:importBegin', { fileName: 'big.csv' });
    for (let i = 0; i < rows.length; i += 2000) await value('inventory:importRows', { importId, rows: rows.slice(i, i + 2000) });
    let ended = false;
    const commit = call('inventory:importCommit', { importId, orders: [] }).then((r) => {
      ended = true;
      return r;
    });
    const answered: { channel: string; beforeEnd: boolean; ok: boolean; code?: string }[] = [];
    const progress: number[] = [];
    // Ask until the import ends: reads are answered from the last committed state, a write is refused at once (CONFLICT), never left waiting.
    while (!ended && answered.length < 400) {
      const list = await call('inventory:list', { limit: 5 });
      answered.push({ channel: 'list', beforeEnd: !ended, ok: list.ok });
      const p = await call('inventory:importProgress', { importId });
      if (p.ok) progress.push((p.value as { fraction: number }).fraction);
      const write = await call('inventory:create', { partId: 'gpu.nvidia.tesla-p40' });
      answered.push({ channel: 'create', beforeEnd: !ended, ok: write.ok, ...(write.ok ? {} : { code: write.error.code }) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await commit;
    expect(result).toMatchObject({ ok: true, value: { imported: 8_000 } });
    const during = answered.filter((a) => a.beforeEnd);
    expect(during.length).toBeGreaterThan(4);
    expect(during.filter((a) => a.channel === 'list').every((a) => a.ok)).toBe(true);
    // A write during the import either landed before its transaction began or was refused with CONFLICT.
    expect(during.filter((a) => a.channel === 'create' && !a.ok).every((a) => a.code === 'CONFLICT')).toBe(true);
    expect(progress.some((f) => f > 0 && f < 1)).toBe(true);
    const created = during.filter((a) => a.channel === 'create' && a.ok).length;
    expect((await value('inventory:list', {}, InventoryPage)).total).toBe(8_000 + created);
  });
});
