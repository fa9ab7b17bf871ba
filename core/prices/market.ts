// The market a bill of materials is priced against, from the list of price
// observations `prices:market` returns: the same lookup the host builds from
// the database (host/handlers/prices.ts marketOf), so the editor prices a
// build as Compare, the sheet and `estimate:run` do.
import type { BomMarket } from '#core/build/bom';
import type { SeenPrice } from './basis';

export function marketOfObservations(today: string, observations: readonly (SeenPrice & { partId: string })[]): BomMarket {
  const byPart = new Map<string, SeenPrice[]>();
  for (const o of observations) {
    const list = byPart.get(o.partId);
    if (list) list.push(o);
    else byPart.set(o.partId, [o]);
  }
  return { today, observationsOf: (partId) => byPart.get(partId) ?? [] };
}
