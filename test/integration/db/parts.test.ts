import { afterEach, describe, expect, it } from 'vitest';
import { getPart, listParts, putUserPart, syncBuiltinParts, type StorablePart } from '#db/repositories/parts';
import { PartsQuery } from '#core/api/parts';
import { cleanupTempDirs, FIXTURE_PARTS, openTestDb } from '../../helpers/db';

afterEach(cleanupTempDirs);

const p40: StorablePart = { id: 'gpu.nvidia.tesla-p40', category: 'gpu', vendor: 'NVIDIA', model: 'Tesla P40', revision: 1, typicalUsedPrice: null };

describe('syncBuiltinParts', () => {
  it('inserts new built-ins, then upgrades only those whose revision grew', async () => {
    const { db } = await openTestDb({ parts: [] });
    expect(syncBuiltinParts(db, FIXTURE_PARTS, new Date('2024-01-01T00:00:00Z'))).toEqual({
      inserted: FIXTURE_PARTS.length,
      updated: 0,
      unchanged: 0,
      skipped: [],
    });
    expect(syncBuiltinParts(db, FIXTURE_PARTS)).toEqual({ inserted: 0, updated: 0, unchanged: FIXTURE_PARTS.length, skipped: [] });

    const renamed = { ...p40, model: 'Tesla P40 24 GB', revision: 2, typicalUsedPrice: { amountMinor: 25000, currency: 'USD' } };
    const stale = { ...FIXTURE_PARTS[0]!, model: 'should not win', revision: 1 };
    expect(syncBuiltinParts(db, [renamed, stale], new Date('2024-02-01T00:00:00Z'))).toEqual({ inserted: 0, updated: 1, unchanged: 1, skipped: [] });
    const stored = getPart(db, p40.id)!;
    expect(stored).toMatchObject({
      model: 'Tesla P40 24 GB',
      revision: 2,
      builtin: true,
      typicalUsedPrice: { amountMinor: 25000, currency: 'USD' },
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-02-01T00:00:00.000Z',
    });
    expect(stored.data).toEqual(renamed);
    expect(getPart(db, 'gpu.nvidia.rtx-3090')!.model).toBe('GeForce RTX 3090');
  });

  it('at the same revision, takes a price the used-price table changed', async () => {
    const { db } = await openTestDb({ parts: [] });
    syncBuiltinParts(db, FIXTURE_PARTS);
    const repriced = { ...FIXTURE_PARTS[0]!, typicalUsedPrice: { amountMinor: 80000, currency: 'USD' } };
    expect(syncBuiltinParts(db, [repriced])).toMatchObject({ updated: 1 });
    expect(getPart(db, repriced.id)!.typicalUsedPrice).toEqual({ amountMinor: 80000, currency: 'USD' });
  });

  it('never touches a user part, even with the same id and a higher revision', async () => {
    const { db } = await openTestDb({ parts: [] });
    putUserPart(db, { ...p40, model: 'my own P40 notes', revision: 1 });
    expect(syncBuiltinParts(db, [{ ...p40, revision: 9 }])).toEqual({ inserted: 0, updated: 0, unchanged: 0, skipped: [p40.id] });
    expect(getPart(db, p40.id)).toMatchObject({ model: 'my own P40 notes', builtin: false, revision: 1 });
  });

  it('runs in one transaction: a bad part leaves nothing half-synced', async () => {
    const { db } = await openTestDb({ parts: [] });
    const bad = { ...p40, id: 'gpu.bad', revision: 0 }; // violates CHECK (revision >= 1)
    expect(() => syncBuiltinParts(db, [FIXTURE_PARTS[0]!, bad])).toThrow(/CHECK/);
    expect(listParts(db, PartsQuery.parse({}))).toEqual([]);
  });

  it('putUserPart refuses to overwrite a built-in', async () => {
    const { db } = await openTestDb();
    expect(() => putUserPart(db, p40)).toThrow(/built-in part/);
  });
});

describe('listParts', () => {
  it('sorts by category, vendor, model and filters by category and search words', async () => {
    const { db } = await openTestDb();
    const all = listParts(db, PartsQuery.parse({}));
    expect(all.map((p) => p.category)).toEqual(['board', 'cpu', 'gpu', 'gpu', 'gpu', 'nic']);
    expect(all.find((p) => p.id === 'gpu.nvidia.rtx-3090')).toEqual({
      id: 'gpu.nvidia.rtx-3090',
      category: 'gpu',
      vendor: 'NVIDIA',
      model: 'GeForce RTX 3090',
      builtin: true,
      typicalUsedPrice: { amountMinor: 70000, currency: 'USD' },
    });
    expect(listParts(db, PartsQuery.parse({ category: 'gpu' })).map((p) => p.model)).toEqual(['GeForce RTX 3090', 'RTX A5000', 'Tesla P40']);
    expect(listParts(db, PartsQuery.parse({ search: 'nvidia 3090' })).map((p) => p.id)).toEqual(['gpu.nvidia.rtx-3090']);
    expect(listParts(db, PartsQuery.parse({ search: 'X10DRG' })).map((p) => p.id)).toEqual(['board.supermicro.x10drg-o-pcie']);
    expect(listParts(db, PartsQuery.parse({ search: '100%' }))).toEqual([]);
    expect(listParts(db, PartsQuery.parse({ limit: 2 }))).toHaveLength(2);
  });
});
