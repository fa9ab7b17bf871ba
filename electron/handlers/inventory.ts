// Inventory channels as plain functions over the database: drafts are checked
// with core's rules (field messages come back as VALIDATION issues), then the
// repository writes them in one transaction.
import type { Handler } from '#core/api/contract';
import { ApiFailure, type FieldIssue } from '#core/api/errors';
import { applyItemChanges, validateItemDraft, type ItemFields } from '#core/inventory/item';
import { createItem, deleteItem, getItem, getItemHistory, listItems, restoreItem, updateItem } from '#db/repositories/inventory';
import { inTransaction } from '#db/transaction';
import type { HandlerDeps } from './deps';

type InventoryChannel = 'inventory:list' | 'inventory:get' | 'inventory:create' | 'inventory:update' | 'inventory:delete' | 'inventory:restore';

function validationFailure(issues: FieldIssue[]): ApiFailure {
  const first = issues[0];
  const message = issues.length === 1 && first ? first.message : `${issues.length} fields need attention`;
  return new ApiFailure('VALIDATION', message, issues);
}

function valid(result: { ok: true; value: ItemFields } | { ok: false; issues: FieldIssue[] }): ItemFields {
  if (!result.ok) throw validationFailure(result.issues);
  return result.value;
}

export function inventoryHandlers(deps: HandlerDeps): { [C in InventoryChannel]: Handler<C> } {
  const { db } = deps;
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
    'inventory:delete': ({ id }) => deleteItem(db, id),
    'inventory:restore': ({ item, history }) => restoreItem(db, item, history),
  };
}
