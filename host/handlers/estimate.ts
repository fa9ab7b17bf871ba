// The estimate channel: the pure performance model over the catalog (built-in
// and user parts). Bad requests leave as VALIDATION naming the field.
import type { Handler } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import { runEstimate } from '#core/perf/request';
import { catalogOf } from '#db/repositories/catalog';
import type { HandlerDeps } from './deps';
import { itemLookup } from './compare';
import { marketOf } from './prices';

export function estimateHandlers(deps: HandlerDeps): { 'estimate:run': Handler<'estimate:run'> } {
  return {
    'estimate:run': (args) => {
      // A build's owned parts are priced at what was paid for them.
      const out = runEstimate(args, catalogOf(deps.db).parts, undefined, itemLookup(deps.db), marketOf(deps.db, deps.now()));
      if (!out.ok) throw new ApiFailure('VALIDATION', out.message, [{ path: out.field, message: out.message }]);
      // Plain JSON across the boundary (the report has no functions or classes).
      return JSON.parse(JSON.stringify(out.report)) as Record<string, unknown> & typeof out.report;
    },
  };
}
