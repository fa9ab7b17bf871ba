// Builds as stored: the whole build as JSON plus one build_allocations row per
// placed part, rewritten in the same transaction as every write of the JSON.
// Callers run writes inside inTransaction (the handlers do), so a check of the
// inventory bindings and the write that relies on it see the same data.
import type Database from 'better-sqlite3';
import { ApiFailure, type FieldIssue } from '#core/api/errors';
import type { Build } from '#core/build/build';
import { jsonPath, parseBuildValue } from '#core/build/file';
import { SPENT_STATUSES } from '#core/inventory/status';
import type { DroppedBinding, ItemAllocation, PartAllocation, Placement } from '#core/api/builds';

export interface StoredBuild {
  id: number;
  build: Build;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

interface BuildRow {
  id: number;
  data: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function stmt<P extends unknown[] = unknown[], R = unknown>(db: Database.Database, sql: string): Database.Statement<P, R> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement as unknown as Database.Statement<P, R>;
}

function toStored(row: BuildRow): StoredBuild {
  let value: unknown;
  try {
    value = JSON.parse(row.data);
  } catch {
    value = undefined;
  }
  const parsed = parseBuildValue(value);
  if (!parsed.ok)
    throw new ApiFailure(
      'INTERNAL',
      `Build #${row.id} is stored in a form this version cannot read (${parsed.issues[0]?.path}: ${parsed.issues[0]?.message}).`,
    );
  return { id: row.id, build: parsed.build, createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at };
}

const BUILD_COLUMNS = 'id, data, created_at, updated_at, deleted_at';

/** A build by id; a build in the trash only with includeDeleted. */
export function getBuild(db: Database.Database, id: number, options: { includeDeleted?: boolean } = {}): StoredBuild | null {
  const row = stmt<[number], BuildRow>(db, `SELECT ${BUILD_COLUMNS} FROM builds WHERE id = ?`).get(id);
  if (!row || (row.deleted_at !== null && !options.includeDeleted)) return null;
  return toStored(row);
}

/** Live builds, most recently changed first. */
export function listBuilds(db: Database.Database): StoredBuild[] {
  return stmt<[], BuildRow>(db, `SELECT ${BUILD_COLUMNS} FROM builds WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC`).all().map(toStored);
}

// Placed parts: the walk lives in core/build/walk.
import { placedParts, type PlacedPart } from '#core/build/walk';
export { placedParts, type PlacedKind, type PlacedPart } from '#core/build/walk';

// ─── Inventory bindings ─────────────────────────────────────────────────────

interface ItemRow {
  id: string;
  part_id: string;
  quantity: number;
  status: string;
}

/** A binding that cannot stand: the item is missing, another part, held by another build, or has too few units. */
export interface BindingProblem {
  part: PlacedPart;
  itemId: string;
  reason: string;
}

/** What is wrong with the inventory bindings of `parts`, for a build that is (or will be) `buildId` (null = new). */
export function bindingProblems(db: Database.Database, buildId: number | null, parts: readonly PlacedPart[]): BindingProblem[] {
  const bound = parts.filter((p) => p.itemId !== null);
  if (bound.length === 0) return [];
  const ids = JSON.stringify([...new Set(bound.map((p) => p.itemId!))]);
  const items = new Map(
    stmt<[string], ItemRow>(db, 'SELECT id, part_id, quantity, status FROM inventory_items WHERE id IN (SELECT value FROM json_each(?))')
      .all(ids)
      .map((r) => [r.id, r]),
  );
  const holders = new Map(
    stmt<[string, number], { item_id: string; build_id: number; name: string }>(
      db,
      `SELECT a.item_id, a.build_id, b.name FROM build_allocations a JOIN builds b ON b.id = a.build_id
       WHERE a.item_id IN (SELECT value FROM json_each(?)) AND a.build_id <> ? AND b.deleted_at IS NULL`,
    )
      .all(ids, buildId ?? 0)
      .map((r) => [r.item_id, r]),
  );
  const used = new Map<string, number>();
  const problems: BindingProblem[] = [];
  for (const part of bound) {
    const itemId = part.itemId!;
    const item = items.get(itemId);
    const holder = holders.get(itemId);
    let reason: string | null = null;
    if (!item) reason = `inventory item ${itemId} does not exist`;
    else if (item.part_id !== part.partId) reason = `inventory item ${itemId} is a ${item.part_id}, not a ${part.partId}`;
    else if (holder) reason = `inventory item ${itemId} is already placed in build "${holder.name}" (#${holder.build_id})`;
    else {
      const total = (used.get(itemId) ?? 0) + part.quantity;
      if (total > item.quantity) reason = `inventory item ${itemId} has ${item.quantity} unit${item.quantity === 1 ? '' : 's'}; this build places ${total}`;
      else used.set(itemId, total);
    }
    if (reason) problems.push({ part, itemId, reason });
  }
  return problems;
}

export function problemIssues(problems: readonly BindingProblem[]): FieldIssue[] {
  return problems.map((p) => ({ path: jsonPath([...p.part.path, 'inventoryItemId']), message: p.reason }));
}

/** A copy of `build` without the bindings in `problems` (those parts become planned). */
export function withoutBindings(build: Build, problems: readonly BindingProblem[]): { build: Build; dropped: DroppedBinding[] } {
  if (problems.length === 0) return { build, dropped: [] };
  const copy = structuredClone(build);
  for (const p of problems) {
    let node: unknown = copy;
    for (const k of p.part.path) node = (node as Record<string | number, unknown>)[k];
    delete (node as { inventoryItemId?: string }).inventoryItemId;
  }
  return { build: copy, dropped: problems.map((p) => ({ path: jsonPath(p.part.path), itemId: p.itemId, reason: p.reason })) };
}

/** Drops every binding of `build` that cannot stand for `buildId`. */
export function keepUsableBindings(db: Database.Database, buildId: number | null, build: Build): { build: Build; dropped: DroppedBinding[] } {
  return withoutBindings(build, bindingProblems(db, buildId, placedParts(build)));
}

function writeAllocations(db: Database.Database, buildId: number, build: Build): void {
  stmt(db, 'DELETE FROM build_allocations WHERE build_id = ?').run(buildId);
  const insert = stmt(db, 'INSERT INTO build_allocations (build_id, slot_key, kind, label, part_id, quantity, item_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const p of placedParts(build)) insert.run(buildId, p.key, p.kind, p.label, p.partId, p.quantity, p.itemId);
}

// ─── Writes (call inside a transaction) ─────────────────────────────────────

/** Inserts a new live build with its allocations; returns its id. */
export function insertBuild(db: Database.Database, build: Build, now: Date): number {
  const at = now.toISOString();
  const id = Number(
    stmt(db, 'INSERT INTO builds (name, notes, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      build.name,
      build.notes ?? null,
      JSON.stringify(build),
      at,
      at,
    ).lastInsertRowid,
  );
  writeAllocations(db, id, build);
  return id;
}

/** Replaces a live build's JSON and allocations. */
export function replaceBuild(db: Database.Database, id: number, build: Build, now: Date): void {
  const changed = stmt(db, 'UPDATE builds SET name = ?, notes = ?, data = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL').run(
    build.name,
    build.notes ?? null,
    JSON.stringify(build),
    now.toISOString(),
    id,
  ).changes;
  if (changed !== 1) throw new ApiFailure('NOT_FOUND', `No build #${id} (it may have been deleted).`);
  writeAllocations(db, id, build);
}

/** Moves a build to the trash and frees its items. */
export function trashBuild(db: Database.Database, id: number, now: Date): string {
  const at = now.toISOString();
  const changed = stmt(db, 'UPDATE builds SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id).changes;
  if (changed !== 1) throw new ApiFailure('NOT_FOUND', `No build #${id} (it may have been deleted already).`);
  stmt(db, 'DELETE FROM build_allocations WHERE build_id = ?').run(id);
  return at;
}

/** Takes a build out of the trash with `build` (its bindings already checked) as its content. */
export function untrashBuild(db: Database.Database, id: number, build: Build, now: Date | null): void {
  const row = stmt<[number], { deleted_at: string | null }>(db, 'SELECT deleted_at FROM builds WHERE id = ?').get(id);
  if (!row) throw new ApiFailure('NOT_FOUND', `No build #${id}.`);
  if (row.deleted_at === null) throw new ApiFailure('CONFLICT', `Build #${id} is not deleted (it was restored already).`);
  stmt(db, 'UPDATE builds SET deleted_at = NULL, data = ?, updated_at = coalesce(?, updated_at) WHERE id = ?').run(
    JSON.stringify(build),
    now?.toISOString() ?? null,
    id,
  );
  writeAllocations(db, id, build);
}

// ─── Allocations: total / reserved / available ──────────────────────────────

const OWNED_SQL = `(${SPENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** Per part: owned, reserved, available, planned; per item: where it is placed. No ids = everything involved. */
export function allocations(
  db: Database.Database,
  query: { partIds?: readonly string[] | undefined; itemIds?: readonly string[] | undefined },
): { parts: PartAllocation[]; items: ItemAllocation[] } {
  const partFilter = query.partIds ? JSON.stringify(query.partIds) : null;
  const owned = stmt<[string | null, string | null], { part_id: string; total: number; reserved: number }>(
    db,
    `SELECT i.part_id, sum(i.quantity) AS total,
       sum(min(i.quantity, coalesce((SELECT sum(a.quantity) FROM build_allocations a JOIN builds b ON b.id = a.build_id
                                     WHERE a.item_id = i.id AND b.deleted_at IS NULL), 0))) AS reserved
     FROM inventory_items i
     WHERE i.status IN ${OWNED_SQL} AND (? IS NULL OR i.part_id IN (SELECT value FROM json_each(?)))
     GROUP BY i.part_id`,
  ).all(partFilter, partFilter);
  const planned = stmt<[string | null, string | null], { part_id: string; planned: number }>(
    db,
    `SELECT a.part_id, sum(a.quantity) AS planned FROM build_allocations a JOIN builds b ON b.id = a.build_id
     WHERE a.item_id IS NULL AND b.deleted_at IS NULL AND (? IS NULL OR a.part_id IN (SELECT value FROM json_each(?)))
     GROUP BY a.part_id`,
  ).all(partFilter, partFilter);
  const byPart = new Map<string, PartAllocation>();
  const entry = (partId: string) => {
    let e = byPart.get(partId);
    if (!e) byPart.set(partId, (e = { partId, totalQuantity: 0, reservedQuantity: 0, availableQuantity: 0, plannedQuantity: 0 }));
    return e;
  };
  for (const id of query.partIds ?? []) entry(id);
  for (const r of owned) Object.assign(entry(r.part_id), { totalQuantity: r.total, reservedQuantity: r.reserved, availableQuantity: r.total - r.reserved });
  for (const r of planned) entry(r.part_id).plannedQuantity = r.planned;
  const parts = [...byPart.values()].sort((a, b) => (a.partId < b.partId ? -1 : a.partId > b.partId ? 1 : 0));

  const itemFilter = query.itemIds ? JSON.stringify(query.itemIds) : null;
  const itemRows = stmt<[string | null, string | null], ItemRow>(
    db,
    `SELECT i.id, i.part_id, i.quantity, i.status FROM inventory_items i
     WHERE CASE WHEN ? IS NULL THEN EXISTS (SELECT 1 FROM build_allocations a WHERE a.item_id = i.id)
                ELSE i.id IN (SELECT value FROM json_each(?)) END
     ORDER BY i.id`,
  ).all(itemFilter, itemFilter);
  const placementRows = stmt<[string], { item_id: string; build_id: number; name: string; slot_key: string; label: string; quantity: number }>(
    db,
    `SELECT a.item_id, a.build_id, b.name, a.slot_key, a.label, a.quantity FROM build_allocations a JOIN builds b ON b.id = a.build_id
     WHERE a.item_id IN (SELECT value FROM json_each(?)) AND b.deleted_at IS NULL ORDER BY a.build_id, a.rowid`,
  ).all(JSON.stringify(itemRows.map((r) => r.id)));
  const placements = new Map<string, Placement[]>();
  for (const r of placementRows) {
    const list = placements.get(r.item_id) ?? [];
    list.push({ buildId: r.build_id, buildName: r.name, slotKey: r.slot_key, label: r.label, quantity: r.quantity });
    placements.set(r.item_id, list);
  }
  const items = itemRows.map((r): ItemAllocation => {
    const list = placements.get(r.id) ?? [];
    return {
      itemId: r.id,
      partId: r.part_id,
      status: r.status,
      quantity: r.quantity,
      placedQuantity: list.reduce((s, p) => s + p.quantity, 0),
      placements: list,
    };
  });
  return { parts, items };
}

// ─── The checker's catalog ──────────────────────────────────────────────────
