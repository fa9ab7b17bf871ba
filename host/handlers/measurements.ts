// Measured speed channels over the database. Rows come checked by the contract's
// schema; the repository stores a paste's rows in one transaction.
import type { Handler } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import { calibrationCsv } from '#core/asbuilt/measured';
import { toCalibration } from '#core/asbuilt/measurementRecord';
import { builtinModels } from '#core/models/library';
import { getBuild } from '#db/repositories/builds';
import { addMeasurements, deleteMeasurement, listMeasurements, setCalibrate } from '#db/repositories/measurements';
import type { HandlerDeps } from './deps';

type MeasurementsChannel = 'measurements:list' | 'measurements:add' | 'measurements:setCalibrate' | 'measurements:delete' | 'measurements:exportCsv';

export function measurementsHandlers(deps: HandlerDeps): { [C in MeasurementsChannel]: Handler<C> } {
  const { db } = deps;
  return {
    'measurements:list': ({ buildId }) => listMeasurements(db, buildId),
    'measurements:add': ({ rows }) => addMeasurements(db, rows, deps.now()),
    'measurements:setCalibrate': ({ id, calibrate }) => setCalibrate(db, id, calibrate),
    'measurements:delete': ({ id }) => ({ deleted: deleteMeasurement(db, id) }),
    'measurements:exportCsv': ({ buildId }) => {
      const stored = getBuild(db, buildId);
      if (!stored) throw new ApiFailure('NOT_FOUND', `No build #${buildId}.`);
      const rows = listMeasurements(db, buildId).map((m) =>
        toCalibration(m, stored.build.name, builtinModels.find((x) => x.id === m.workload.modelId)?.paramsB ?? null),
      );
      return { fileName: `${stored.build.name.replace(/[^A-Za-z0-9._-]+/g, '-')}-measured.csv`, csv: calibrationCsv(rows), rows: rows.length };
    },
  };
}
