// The one API contract. Each domain file contributes a table of endpoints;
// both hosts (Electron IPC and the HTTP host), the preload and the renderer's
// client are typed from this object. A channel here without a handler is a
// compile error in host/handlers.
import type { z } from 'zod';
import type { ApiResponse } from './errors';
import { appEndpoints } from './app';
import { inventoryEndpoints } from './inventory';
import { partsEndpoints } from './parts';
import { catalogEndpoints } from './catalog';
import { buildEndpoints } from './builds';
import { estimateEndpoints } from './estimate';
import { compareEndpoints } from './compare';
import { settingsEndpoints } from './settings';
import { backupsEndpoints } from './backups';
import { pricesEndpoints } from './prices';
import { measurementsEndpoints } from './measurements';
import { ebayEndpoints } from './ebay';

export const contract = {
  ...settingsEndpoints,
  ...backupsEndpoints,
  ...appEndpoints,
  ...inventoryEndpoints,
  ...partsEndpoints,
  ...catalogEndpoints,
  ...buildEndpoints,
  ...estimateEndpoints,
  ...compareEndpoints,
  ...pricesEndpoints,
  ...measurementsEndpoints,
  ...ebayEndpoints,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

/** What a caller passes (before schema defaults are applied). */
export type ArgsIn<C extends Channel> = z.input<Contract[C]['args']>;
/** What a handler receives (after parsing). */
export type ArgsOut<C extends Channel> = z.output<Contract[C]['args']>;
export type Result<C extends Channel> = z.output<Contract[C]['result']>;

export interface HandlerContext {
  /** Which host is calling: some handlers (file dialogs, PDF) differ by host. */
  host: 'electron' | 'http';
}

export type Handler<C extends Channel> = (args: ArgsOut<C>, ctx: HandlerContext) => Result<C> | Promise<Result<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

/** A transport carries one call to a host and brings back the response as data. */
export type Transport = <C extends Channel>(channel: C, args: ArgsIn<C>) => Promise<ApiResponse<unknown>>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
