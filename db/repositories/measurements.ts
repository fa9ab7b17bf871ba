// Measured speeds per build (migration 0007). Adding the rows of one paste is
// one transaction: all of them are stored or none.
import type Database from 'better-sqlite3';
import { ApiFailure } from '#core/api/errors';
import type { MeasurementInput, StoredMeasurement } from '#core/asbuilt/measurementRecord';
import { inTransaction } from '../transaction';

interface Row {
  id: number;
  build_id: number;
  model_id: string;
  quant: string;
  runtime: string;
  split: StoredMeasurement['workload']['split'];
  bench_runtime: StoredMeasurement['benchRuntime'];
  bench_model: string;
  metric: StoredMeasurement['metric'];
  prompt_tokens: number;
  generated_tokens: number;
  depth_tokens: number;
  tps: number;
  stddev: number | null;
  backend: string | null;
  bench_build: string | null;
  gpu_model: string;
  gpu_count: number;
  batch: number;
  measured_on: string;
  source_url: string;
  note: string;
  calibrate: number;
  created_at: string;
}

function toMeasurement(r: Row): StoredMeasurement {
  return {
    id: r.id,
    buildId: r.build_id,
    workload: { modelId: r.model_id, quant: r.quant, runtime: r.runtime, split: r.split },
    benchRuntime: r.bench_runtime,
    benchModel: r.bench_model,
    metric: r.metric,
    promptTokens: r.prompt_tokens,
    generatedTokens: r.generated_tokens,
    depthTokens: r.depth_tokens,
    tps: r.tps,
    stddev: r.stddev,
    backend: r.backend,
    benchBuild: r.bench_build,
    gpuModel: r.gpu_model,
    gpuCount: r.gpu_count,
    batch: r.batch,
    measuredOn: r.measured_on,
    sourceUrl: r.source_url,
    note: r.note,
    calibrate: r.calibrate === 1,
    createdAt: r.created_at,
  };
}

function insertOne(db: Database.Database, m: MeasurementInput, at: string): number {
  const r = db
    .prepare(
      `INSERT INTO measurements (build_id, model_id, quant, runtime, split, bench_runtime, bench_model, metric, prompt_tokens, generated_tokens, depth_tokens, tps, stddev,
         backend, bench_build, gpu_model, gpu_count, batch, measured_on, source_url, note, calibrate, created_at)
       VALUES (@buildId, @modelId, @quant, @runtime, @split, @benchRuntime, @benchModel, @metric, @promptTokens, @generatedTokens, @depthTokens, @tps, @stddev,
         @backend, @benchBuild, @gpuModel, @gpuCount, @batch, @measuredOn, @sourceUrl, @note, @calibrate, @at)`,
    )
    .run({ ...m, ...m.workload, calibrate: m.calibrate ? 1 : 0, at });
  return Number(r.lastInsertRowid);
}

/** All or nothing; every row must name a live build. */
export function addMeasurements(db: Database.Database, rows: readonly MeasurementInput[], now: Date = new Date()): StoredMeasurement[] {
  const at = now.toISOString();
  return inTransaction(db, () => {
    const ids: number[] = [];
    rows.forEach((m, i) => {
      if (!db.prepare('SELECT 1 FROM builds WHERE id = ? AND deleted_at IS NULL').get(m.buildId))
        throw new ApiFailure('NOT_FOUND', `No build #${m.buildId}; nothing was saved.`, [{ path: `rows.${i}.buildId`, message: `no build #${m.buildId}` }]);
      ids.push(insertOne(db, m, at));
    });
    return ids.map((id) => getMeasurement(db, id)!);
  });
}

export function getMeasurement(db: Database.Database, id: number): StoredMeasurement | null {
  const r = db.prepare<[number], Row>('SELECT * FROM measurements WHERE id = ?').get(id);
  return r ? toMeasurement(r) : null;
}

/** A build's measurements, oldest first (the order they were taken in). */
export function listMeasurements(db: Database.Database, buildId: number): StoredMeasurement[] {
  return db.prepare<[number], Row>('SELECT * FROM measurements WHERE build_id = ? ORDER BY measured_on, id').all(buildId).map(toMeasurement);
}

export function setCalibrate(db: Database.Database, id: number, calibrate: boolean): StoredMeasurement {
  const changed = db.prepare('UPDATE measurements SET calibrate = ? WHERE id = ?').run(calibrate ? 1 : 0, id).changes;
  if (changed === 0) throw new ApiFailure('NOT_FOUND', `No measurement #${id}.`);
  return getMeasurement(db, id)!;
}

export function deleteMeasurement(db: Database.Database, id: number): boolean {
  return db.prepare('DELETE FROM measurements WHERE id = ?').run(id).changes > 0;
}
