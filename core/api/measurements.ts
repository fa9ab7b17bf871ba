// Measured speed channels: a build's measurements, add the rows of one paste
// (all or none), let one calibrate the build or not, delete one, and the
// build's measurements as CSV in the calibration file's columns.
import { z } from 'zod';
import { endpoint } from './endpoint';
import { MeasurementInput, StoredMeasurement } from '../asbuilt/measurementRecord';

const Id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const measurementsEndpoints = {
  'measurements:list': endpoint("A build's measured speeds, oldest first.", z.strictObject({ buildId: Id }), z.array(StoredMeasurement)),
  'measurements:add': endpoint(
    'Stores measured speeds (the rows of one llama-bench or vLLM paste) with their build and workload; a bad row → BAD_REQUEST naming its path (rows.N.field), nothing stored.',
    z.strictObject({ rows: z.array(MeasurementInput).min(1).max(500) }),
    z.array(StoredMeasurement),
  ),
  'measurements:setCalibrate': endpoint(
    'Lets a measurement calibrate its build’s estimate (the band narrows around it), or stops it.',
    z.strictObject({ id: Id, calibrate: z.boolean() }),
    StoredMeasurement,
  ),
  'measurements:delete': endpoint('Deletes one measurement.', z.strictObject({ id: Id }), z.object({ deleted: z.boolean() })),
  'measurements:exportCsv': endpoint(
    "A build's measurements as CSV in the columns of measured_tps_calibration.csv, to contribute them (fill in source_url).",
    z.strictObject({ buildId: Id }),
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int().min(0) }),
  ),
};
