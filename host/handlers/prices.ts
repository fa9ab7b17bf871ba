// Price observation channels over the database: core checks each observation
// (field-named problems), the repository stores it; a CSV import stores all
// rows or none.
import type Database from 'better-sqlite3';
import type { Handler } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import type { BomMarket } from '#core/build/bom';
import { resolvePart, PartResolveError } from '#core/catalog/resolve';
import { parseCsvText } from '#core/csv/read';
import { summarizeObservations } from '#core/prices/basis';
import { observationsFromCsv } from '#core/prices/csvImport';
import { checkObservation, isoDay } from '#core/prices/observation';
import { noPriceReason } from '#core/prices/usedPrices';
import { catalogOf } from '#db/repositories/catalog';
import { getPart } from '#db/repositories/parts';
import { addObservation, addObservations, deleteObservation, listObservations, observationIndex } from '#db/repositories/priceObservations';
import type { HandlerDeps } from './deps';

type PricesChannel = 'prices:list' | 'prices:add' | 'prices:market' | 'prices:delete' | 'prices:importCsv';

/** The user's observations and today, for the price basis of every view that prices a build. */
export function marketOf(db: Database.Database, now: Date): BomMarket {
  const index = observationIndex(db);
  return { observationsOf: (partId) => index.get(partId) ?? [], today: isoDay(now) };
}

export function pricesHandlers(deps: HandlerDeps): { [C in PricesChannel]: Handler<C> } {
  const { db } = deps;
  return {
    'prices:list': ({ partId }) => {
      const today = isoDay(deps.now());
      const observations = listObservations(db, partId);
      const summary = summarizeObservations(observations, today);
      const part = getPart(db, partId);
      const typical = (part?.data as { typicalUsedPrice?: unknown } | undefined)?.typicalUsedPrice ?? null;
      return {
        partId,
        observations,
        median90: summary.median,
        recentCount: summary.recentCount,
        typical: typical as never,
        noTypicalReason: typical ? null : partId.startsWith('user.') ? 'your own part: enter its typical price in the part editor' : noPriceReason(partId),
        today,
      };
    },
    'prices:add': (input) => {
      const checked = checkObservation(input, isoDay(deps.now()));
      if (!checked.ok) {
        const issues = checked.problems.map((p) => ({ path: p.field, message: p.message }));
        throw new ApiFailure(
          'VALIDATION',
          issues.length === 1 ? issues[0]!.message : `${issues.length} fields need attention: ${issues.map((i) => i.path).join(', ')}`,
          issues,
        );
      }
      return addObservation(db, checked.value, deps.now());
    },
    'prices:market': () => ({ today: isoDay(deps.now()), observations: [...observationIndex(db).values()].flat() }),
    'prices:delete': ({ id }) => ({ deleted: deleteObservation(db, id) }),
    'prices:importCsv': async ({ text }) => {
      const read = await parseCsvText(text, { yieldBetweenChunks: async () => undefined });
      if (!read.ok) throw new ApiFailure('IMPORT_INVALID', read.error.message, [{ path: 'file', message: read.error.message }]);
      const parts = catalogOf(db).parts;
      const resolve = (q: string) => {
        try {
          return { id: resolvePart(parts, q).id };
        } catch (e) {
          return { problem: e instanceof PartResolveError ? e.message.split('\n')[0]! : String(e) };
        }
      };
      const out = observationsFromCsv(read.table, resolve, isoDay(deps.now()));
      if (!out.ok) {
        const issues = out.problems.map((p) => ({ path: `line ${p.line}.${p.field}`, message: p.message }));
        const first = out.problems[0]!;
        throw new ApiFailure(
          'IMPORT_INVALID',
          `${out.problems.length} problem${out.problems.length === 1 ? '' : 's'}; nothing imported. First: line ${first.line}, ${first.field}: ${first.message}`,
          issues,
        );
      }
      return { imported: addObservations(db, out.rows, deps.now()) };
    },
  };
}
