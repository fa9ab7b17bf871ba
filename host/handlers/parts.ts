// The light parts list behind the inventory form's part picker.
import type { Handler } from '#core/api/contract';
import { listParts } from '#db/repositories/parts';
import type { HandlerDeps } from './deps';

export function partsHandlers(deps: HandlerDeps): { 'parts:list': Handler<'parts:list'> } {
  return {
    'parts:list': (query) => ({ parts: listParts(deps.db, query) }),
  };
}
