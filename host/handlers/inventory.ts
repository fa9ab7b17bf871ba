// Inventory channels as plain functions over the database: drafts are checked
// with core's rules (field messages come back as VALIDATION issues), then the
// repository writes them in one transaction. A CSV import is staged in memory
// in batches and written by one transaction at commit.
import { randomUUID } from 'node:crypto';
import type { Handler } from '#core/api/contract';
import { ApiFailure, type FieldIssue } from '#core/api/errors';
import { MAX_IMPORT_ROWS, type ImportRowArg } from '#core/api/inventory';
import { applyItemChanges, validateItemDraft, type ItemFields } from '#core/inventory/item';
import type { InventoryOrder } from '#core/inventory/orders';
import { parseOrderDraft } from '#core/csv/convert';
import { inventoryCsv, inventoryFileName } from '#core/csv/export';
import {
  createItem,
  deleteItem,
  getItem,
  getItemHistory,
  getOrder,
  existingExternalIds,
  importItemsInChunks,
  iterateItems,
  listItems,
  listOrders,
  orderItems,
  restoreItem,
  setOrder,
  updateItem,
  type ImportRecord,
} from '#db/repositories/inventory';
import { inTransaction } from '#db/transaction';
import { allocations } from '#db/repositories/builds';
import type { HandlerDeps } from './deps';

type InventoryChannel =
  | 'inventory:list'
  | 'inventory:get'
  | 'inventory:create'
  | 'inventory:update'
  | 'inventory:delete'
  | 'inventory:restore'
  | 'inventory:getOrder'
  | 'inventory:setOrder'
  | 'inventory:importBegin'
  | 'inventory:importExisting'
  | 'inventory:importProgress'
  | 'inventory:importRows'
  | 'inventory:importCommit'
  | 'inventory:importCancel'
  | 'inventory:exportCsv';

function validationFailure(issues: FieldIssue[]): ApiFailure {
  const first = issues[0];
  const message = issues.length === 1 && first ? first.message : `${issues.length} fields need attention`;
  return new ApiFailure('VALIDATION', message, issues);
}

function valid(result: { ok: true; value: ItemFields } | { ok: false; issues: FieldIssue[] }): ItemFields {
  if (!result.ok) throw validationFailure(result.issues);
  return result.value;
}

/** Imports being staged; a few at a time, dropped after an hour unused. */
const MAX_STAGED_IMPORTS = 4;
const STAGE_TTL_MS = 60 * 60 * 1000;

interface StagedImport {
  rows: ImportRowArg[];
  touched: number;
  fileName: string | null;
  phase: 'staging' | 'writing' | 'done';
  fraction: number;
}

/** The first history entry of an imported item: where it came from, and the row as the file had it. */
export function importNote(fileName: string | null, line: number, source: string | undefined): string {
  const where = `Imported from ${fileName ?? 'a file'}, line ${line}`;
  const text = source ? `${where}: ${source}` : where;
  return text.length > 4000 ? `${text.slice(0, 3999)}…` : text;
}

export function inventoryHandlers(deps: HandlerDeps): { [C in InventoryChannel]: Handler<C> } {
  const { db } = deps;
  const staged = new Map<string, StagedImport>();
  const stage = (importId: string): StagedImport => {
    const s = staged.get(importId);
    if (!s) throw new ApiFailure('NOT_FOUND', `No import ${importId} is in progress (it may have been committed, cancelled or expired).`);
    s.touched = Date.now();
    return s;
  };
  const detail = (orderNumber: string) => ({ order: getOrder(db, orderNumber), items: orderItems(db, orderNumber) });

  return {
    'inventory:list': (query) => listItems(db, query),
    'inventory:get': ({ id }) => {
      const item = getItem(db, id);
      if (!item) throw new ApiFailure('NOT_FOUND', `No inventory item with id ${id} (it may have been deleted).`);
      return { item, history: getItemHistory(db, id) };
    },
    'inventory:create': (draft) => createItem(db, valid(validateItemDraft(draft)), { now: deps.now() }),
    'inventory:update': ({ id, changes, note }) =>
      inTransaction(db, () => {
        const current = getItem(db, id);
        if (!current) throw new ApiFailure('NOT_FOUND', `No inventory item with id ${id} (it may have been deleted).`);
        return updateItem(db, id, valid(applyItemChanges(current, changes)), { now: deps.now(), note: note ?? null });
      }),
    'inventory:delete': ({ id }) => {
      // A build names this item: deleting it would leave that slot bound to nothing.
      const where = allocations(db, { itemIds: [id] }).items[0]?.placements[0];
      if (where) throw new ApiFailure('CONFLICT', `This item is placed in build "${where.buildName}" (${where.label}); take it out of that build first.`);
      return deleteItem(db, id);
    },
    'inventory:restore': ({ item, history }) => restoreItem(db, item, history),

    'inventory:getOrder': ({ orderNumber }) => detail(orderNumber),
    'inventory:setOrder': (draft) => {
      const currency = draft.currency.trim().toUpperCase();
      const order = parseOrderDraft({ ...draft, currency });
      if (!order) {
        throw new ApiFailure('VALIDATION', `Shipping and tax must be amounts in ${currency || 'a 3-letter currency'} like 12.50`, [
          { path: 'shipping', message: 'Shipping and tax must be amounts like 12.50 (or blank)' },
        ]);
      }
      setOrder(db, order, deps.now());
      return detail(order.orderNumber);
    },

    'inventory:importBegin': ({ fileName }) => {
      const now = Date.now();
      for (const [id, s] of staged) if (now - s.touched > STAGE_TTL_MS) staged.delete(id);
      if (staged.size >= MAX_STAGED_IMPORTS) {
        const oldest = [...staged.entries()].sort((a, b) => a[1].touched - b[1].touched)[0];
        if (oldest) staged.delete(oldest[0]);
      }
      const importId = randomUUID();
      staged.set(importId, { rows: [], touched: now, fileName: fileName ?? null, phase: 'staging', fraction: 0 });
      return { importId };
    },
    'inventory:importExisting': ({ externalIds }) => ({ existing: existingExternalIds(db, externalIds) }),
    'inventory:importProgress': ({ importId }) => {
      const s = stage(importId);
      return { phase: s.phase, fraction: s.fraction };
    },
    'inventory:importRows': ({ importId, rows }) => {
      const s = stage(importId);
      if (s.phase !== 'staging') throw new ApiFailure('NOT_FOUND', `Import ${importId} was committed already; start a new one.`);
      if (s.rows.length + rows.length > MAX_IMPORT_ROWS) {
        staged.delete(importId);
        throw new ApiFailure('IMPORT_INVALID', `An import can hold at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows; split the file.`);
      }
      for (const row of rows) s.rows.push(row);
      return { staged: s.rows.length };
    },
    'inventory:importCommit': async ({ importId, orders, onDuplicate }) => {
      const s = stage(importId);
      if (s.phase !== 'staging') throw new ApiFailure('CONFLICT', `Import ${importId} is already being written.`);
      // Everything is checked again here: the page's preview is a convenience, not a guarantee.
      const issues: FieldIssue[] = [];
      const records: ImportRecord[] = [];
      for (const row of s.rows) {
        const result = validateItemDraft(row.draft);
        if (result.ok) records.push({ fields: result.value, note: importNote(s.fileName, row.line, row.source) });
        else for (const issue of result.issues) issues.push({ path: `rows.${row.line}.${issue.path}`, message: `Line ${row.line}: ${issue.message}` });
      }
      const parsedOrders: InventoryOrder[] = [];
      for (const draft of orders) {
        const order = parseOrderDraft({ ...draft, currency: draft.currency.trim().toUpperCase() });
        if (order) parsedOrders.push(order);
        else issues.push({ path: `orders.${draft.orderNumber}`, message: `Order ${draft.orderNumber}: shipping and tax must be amounts in ${draft.currency}` });
      }
      if (issues.length > 0) {
        staged.delete(importId);
        throw new ApiFailure(
          'VALIDATION',
          `${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} in the rows; nothing was imported. ${issues[0]!.message}`,
          issues.slice(0, 500),
        );
      }
      s.phase = 'writing';
      try {
        const outcome = await importItemsInChunks(db, records, parsedOrders, {
          now: deps.now(),
          onDuplicate,
          onProgress: (f) => {
            s.fraction = f;
            s.touched = Date.now();
          },
        });
        s.phase = 'done';
        s.fraction = 1;
        // Kept a moment so a progress poll right after the commit still finds it.
        setTimeout(() => staged.delete(importId), 5000).unref();
        return { imported: outcome.imported, skipped: outcome.skipped, updated: outcome.updated, orders: parsedOrders.length };
      } catch (err) {
        staged.delete(importId);
        throw err;
      }
    },
    'inventory:importCancel': ({ importId }) => ({ cancelled: staged.delete(importId) }),

    'inventory:exportCsv': ({ today }) => {
      let count = 0;
      const counted = (function* () {
        for (const item of iterateItems(db)) {
          count++;
          yield item;
        }
      })();
      const text = inventoryCsv(counted, listOrders(db));
      return { fileName: inventoryFileName(today ?? deps.now().toISOString().slice(0, 10)), text, count };
    },
  };
}
