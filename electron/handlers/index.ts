// The handler table for every channel of the contract. `satisfies Handlers`
// makes a channel without a handler (or a handler without a channel) a compile error.
import type { Handlers } from '#core/api/contract';
import type { HandlerDeps } from './deps';
import { appHandlers } from './app';

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
  } satisfies Handlers;
}
