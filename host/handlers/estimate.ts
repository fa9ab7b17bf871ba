// The estimate channel: the pure performance model over the catalog (built-in
// and user parts), for the CLI's server mode and Compare. The dispatch has
// parsed the request already; bad values leave as VALIDATION naming the field.
import type { Handler } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import { estimateParsed } from '#core/perf/request';
import { reportOnWire } from '#core/perf/report';
import { catalogOf } from '#db/repositories/catalog';
import type { HandlerDeps } from './deps';
import { itemLookup } from './compare';
import { marketOf } from './prices';

export function estimateHandlers(deps: HandlerDeps): { 'estimate:run': Handler<'estimate:run'> } {
  return {
    'estimate:run': (args) => {
      // A build's owned parts are priced at what was paid for them.
      const out = estimateParsed(args, catalogOf(deps.db).parts, { itemOf: itemLookup(deps.db), market: marketOf(deps.db, deps.now()) });
      if (!out.ok) throw new ApiFailure('VALIDATION', out.message, [{ path: out.field, message: out.message }]);
      return reportOnWire(out.report);
    },
  };
}
