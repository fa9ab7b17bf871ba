// Measured speeds on a real SQLite file through the real handler table: a
// llama-bench paste stored with its build and workload, all rows or none, the
// calibrate flag, the CSV in the calibration file's columns, and the rows
// surviving a reopen of the database.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BuildDetail } from '#core/api/builds';
import type { MeasurementInput, StoredMeasurement } from '#core/asbuilt/measurementRecord';
import { parseLlamaBench } from '#core/asbuilt/llamaBench';
import { CALIBRATION_COLUMNS } from '#core/asbuilt/measured';
import { parseCsvText } from '#core/csv/read';
import { cleanupTempDirs, makeTempDir } from '../../helpers/db';
import { openHarness, type Harness } from '../builds/harness';

const fx = (f: string) => readFileSync(new URL(`../../fixtures/asbuilt/${f}`, import.meta.url), 'utf8');
let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
  cleanupTempDirs();
});

function rowsFrom(buildId: number, text: string): MeasurementInput[] {
  return parseLlamaBench(text).map((r) => ({
    buildId,
    workload: { modelId: 'qwen-2.5-7b', quant: 'Q4_K_M', runtime: 'llama.cpp', split: 'single' },
    benchRuntime: r.runtime,
    benchModel: r.model,
    metric: r.metric,
    promptTokens: r.promptTokens,
    generatedTokens: r.generatedTokens,
    depthTokens: r.depthTokens,
    tps: r.tps,
    stddev: r.stddev,
    backend: r.backend,
    benchBuild: r.build,
    gpuModel: r.gpuInfo ?? 'NVIDIA GeForce RTX 4080',
    gpuCount: 1,
    batch: 1,
    measuredOn: '2025-04-24',
    sourceUrl: '',
    note: '',
    calibrate: false,
  }));
}

describe('measured speeds stored with the build', () => {
  it('a llama-bench paste is stored, listed, flagged for calibration, exported and still there after a reopen', async () => {
    const dir = makeTempDir();
    h = await openHarness(dir);
    const build = BuildDetail.parse(await h.ok('builds:create', { name: 'Bench box' }));
    const added = await h.ok<StoredMeasurement[]>('measurements:add', { rows: rowsFrom(build.id, fx('llama-bench-rtx4080.json')) });
    expect(added.map((m) => [m.metric, m.tps, m.calibrate])).toEqual([
      ['pp_tps', 7100.002165, false],
      ['tg_tps', 118.881588, false],
    ]);
    const tg = added[1]!;
    expect((await h.ok<StoredMeasurement>('measurements:setCalibrate', { id: tg.id, calibrate: true })).calibrate).toBe(true);

    const out = await h.ok<{ fileName: string; csv: string; rows: number }>('measurements:exportCsv', { buildId: build.id });
    expect(out.fileName).toBe('Bench-box-measured.csv');
    expect(out.rows).toBe(2);
    const table = await parseCsvText(out.csv, { yieldBetweenChunks: async () => undefined });
    if (!table.ok) throw new Error(table.error.message);
    expect(table.table.headers).toEqual([...CALIBRATION_COLUMNS]);
    const tgRow = table.table.rows.find((r) => r.cells[CALIBRATION_COLUMNS.indexOf('metric')] === 'tg_tps')!.cells;
    expect(tgRow[CALIBRATION_COLUMNS.indexOf('value')]).toBe('118.881588');
    expect(tgRow[CALIBRATION_COLUMNS.indexOf('gpu_model')]).toBe('NVIDIA GeForce RTX 4080');
    expect(tgRow[CALIBRATION_COLUMNS.indexOf('runtime_version_or_date')]).toBe('8cf427ff, 2025-04-24');

    h.close();
    h = await openHarness(dir);
    const again = await h.ok<StoredMeasurement[]>('measurements:list', { buildId: build.id });
    expect(again.map((m) => [m.id, m.metric, m.calibrate, m.workload.modelId])).toEqual([
      [added[0]!.id, 'pp_tps', false, 'qwen-2.5-7b'],
      [tg.id, 'tg_tps', true, 'qwen-2.5-7b'],
    ]);
    expect((await h.ok<{ deleted: boolean }>('measurements:delete', { id: tg.id })).deleted).toBe(true);
    expect(await h.ok<StoredMeasurement[]>('measurements:list', { buildId: build.id })).toHaveLength(1);
  });

  it('a paste with one bad row stores nothing and names the row and field', async () => {
    h = await openHarness();
    const build = BuildDetail.parse(await h.ok('builds:create', { name: 'Bench box' }));
    const rows = rowsFrom(build.id, fx('llama-bench-depth.md'));
    rows[2] = { ...rows[2]!, tps: -1 };
    const res = await h.call('measurements:add', { rows });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(res.error.issues)).toContain('rows.2.tps');
    expect(h.db.prepare('SELECT count(*) AS n FROM measurements').get()).toEqual({ n: 0 });
    // A row for a build that is not there: refused, and the good rows before it are not kept either.
    const other = [...rowsFrom(build.id, fx('llama-bench-depth.md')), { ...rows[0]!, buildId: 9999 }];
    const res2 = await h.call('measurements:add', { rows: other });
    expect(res2.ok).toBe(false);
    if (!res2.ok) expect(res2.error.message).toMatch(/No build #9999; nothing was saved/);
    expect(h.db.prepare('SELECT count(*) AS n FROM measurements').get()).toEqual({ n: 0 });
  });

  it('the table refuses what the schema would: a zero rate, an unknown metric', async () => {
    h = await openHarness();
    const build = BuildDetail.parse(await h.ok('builds:create', { name: 'Bench box' }));
    const insert = (tps: number, metric: string) =>
      h!.db
        .prepare(
          `INSERT INTO measurements (build_id, model_id, quant, runtime, split, bench_runtime, bench_model, metric, prompt_tokens, generated_tokens, tps, gpu_model, gpu_count, batch, measured_on, created_at)
           VALUES (?, 'm', 'Q4_K_M', 'llama.cpp', 'single', 'llama.cpp', 'x', ?, 0, 128, ?, 'g', 1, 1, '2025-01-01', 'x')`,
        )
        .run(build.id, metric, tps);
    expect(() => insert(0, 'tg_tps')).toThrow(/CHECK/);
    expect(() => insert(10, 'tokens')).toThrow(/CHECK/);
    expect(() => insert(10, 'tg_tps')).not.toThrow();
  });
});
