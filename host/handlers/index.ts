// The handler table for every channel of the contract. `satisfies Handlers`
// makes a channel without a handler (or a handler without a channel) a compile error.
import type { Handlers } from '#core/api/contract';
import type { HandlerDeps } from './deps';
import { appHandlers } from './app';
import { inventoryHandlers } from './inventory';
import { partsHandlers } from './parts';
import { catalogHandlers } from './catalog';
import { buildHandlers } from './builds';
import { estimateHandlers } from './estimate';
import { compareHandlers } from './compare';
import { settingsHandlers } from './settings';
import { backupsHandlers, type BackupControls } from './backups';
import { pricesHandlers } from './prices';
import { measurementsHandlers } from './measurements';
import { ebayHandlers } from './ebay';
import { inventoryExportHandlers } from './inventoryExport';

/** `backups`: the running app's backup controls (restore swaps its database); without them restore is unavailable. */
export function createHandlers(deps: HandlerDeps, backups?: BackupControls): Handlers {
  return {
    ...settingsHandlers(deps),
    ...backupsHandlers(deps, backups),
    ...appHandlers(deps),
    ...inventoryHandlers(deps),
    ...partsHandlers(deps),
    ...catalogHandlers(deps),
    ...buildHandlers(deps),
    ...estimateHandlers(deps),
    ...compareHandlers(deps),
    ...pricesHandlers(deps),
    ...measurementsHandlers(deps),
    ...ebayHandlers(deps),
    ...inventoryExportHandlers(deps),
  } satisfies Handlers;
}
