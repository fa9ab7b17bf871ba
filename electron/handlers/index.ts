// The handler table for every channel of the contract. `satisfies Handlers`
// makes a channel without a handler (or a handler without a channel) a compile error.
import type { Handlers } from '#core/api/contract';
import type { HandlerDeps } from './deps';
import { appHandlers } from './app';
import { inventoryHandlers } from './inventory';
import { partsHandlers } from './parts';
import { catalogHandlers } from './catalog';

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...inventoryHandlers(deps),
    ...partsHandlers(deps),
    ...catalogHandlers(deps),
  } satisfies Handlers;
}
