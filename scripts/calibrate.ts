// `npm run calibrate`: fits the performance model's efficiency factors to the
// published measurements in assets/calibration/ and writes
// core/perf/calibration.v1.json. Prints cross-validated residuals.
//
// Method: maximum a-posteriori least squares in log space. Each efficiency is
// base × runtime × device-family × quantisation-class multipliers; the
// multipliers have a prior centred on 1 (log-normal, PRIOR_SIGMA) so sparse
// groups shrink toward the pooled value instead of chasing single rows.
// Solved with Levenberg–Marquardt. Residuals are leave-one-out: each row is
// predicted by a fit that never saw it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { builtinModels } from '#core/models/library';
import type { DeviceSpec } from '#core/perf/device';
import { builtinParts } from '#core/catalog/builtin';
import type { PartOf } from '#core/catalog/part';
import { deviceFromGpuPart } from '#core/perf/fromCatalog';
import { prepareRow, type MeasurementRow, type Metric, type PreparedRow } from '#core/perf/measurement';
import { POOLED, factorsFor, type CalibrationFile, type FactorTable, type Factors, type ResidualStats } from '#core/perf/calibration';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const OUT = root('core/perf/calibration.v1.json');
const VERSION = 1;

/** Spread of a group multiplier around 1 in log space (±0.5 ≈ ×0.6…×1.65): how far a group may move from the pool. */
const PRIOR_SIGMA = 0.5;
/** Expected scatter of one published figure around the truth in log space (~15 %: runs, drivers, power caps). */
const OBS_SIGMA = 0.15;
/** Weak priors for the bases: typical values in log space with wide spread. */
const logit = (p: number) => Math.log(p / (1 - p));
const BASE_PRIORS = {
  bw: { mean: logit(0.8), sigma: 1.5 },
  comp: { mean: Math.log(0.5), sigma: 1.5 },
  tau: { mean: Math.log(1e-4), sigma: 2 },
  hop: { mean: Math.log(3e-4), sigma: 2 },
};

type Row = Record<string, string>;
const readCsv = (p: string): Row[] => Papa.parse<Row>(readFileSync(root(p), 'utf8'), { header: true, skipEmptyLines: true }).data;

/**
 * The catalog is the one device table: calibration names (gpu_model) map to
 * catalog ids in gpu_models.csv, and the model reads the same DeviceSpec the
 * CLI and the app build from those parts.
 */
function loadDevices(): Map<string, DeviceSpec[]> {
  const out = new Map<string, DeviceSpec[]>();
  const byId = new Map(builtinParts.map((p) => [p.id, p]));
  for (const r of readCsv('assets/calibration/gpu_models.csv')) {
    const unit: DeviceSpec[] = [];
    for (const id of r.catalog_ids!.split('+')) {
      const part = byId.get(id.trim());
      if (!part || part.category !== 'gpu') throw new Error(`assets/calibration/gpu_models.csv: ${r.gpu_model}: no catalog GPU ${id}`);
      const d = deviceFromGpuPart(part as PartOf<'gpu'>);
      if (!d.ok) throw new Error(`assets/calibration/gpu_models.csv: ${r.gpu_model}: ${d.message}`);
      unit.push(d.device);
    }
    out.set(r.gpu_model!, unit);
  }
  return out;
}

function loadRows(): MeasurementRow[] {
  return readCsv('assets/calibration/measured_tps_calibration.csv').map((r, i) => ({
    row: i + 1,
    runtime: r.runtime!,
    model: r.model!,
    quant: r.quant!,
    bitsPerWeight: Number(r.bits_per_weight_effective),
    gpuModel: r.gpu_model!,
    gpuCount: Number(r.gpu_count),
    parallelism: r.parallelism!,
    batch: r.batch_size!,
    contextTokens: Number(r.context_or_prompt_tokens || 0),
    generatedTokens: Number(r.generated_tokens || 0),
    metric: r.metric as Metric,
    value: Number(r.value),
    note: `${r.source_note} ${r.interconnect_note}`,
  }));
}

// ---- parameter layout ----------------------------------------------------
interface Layout {
  names: string[];
  index: Map<string, number>;
  prior: { mean: number; sigma: number }[];
}

function layout(rows: PreparedRow[]): Layout {
  const runtimes = [...new Set(rows.map((r) => r.runtimeKey))].sort();
  const families = [...new Set(rows.map((r) => r.family))].sort();
  const quants = [...new Set(rows.map((r) => r.quantClass))].sort();
  const names: string[] = [];
  const prior: { mean: number; sigma: number }[] = [];
  const add = (n: string, p: { mean: number; sigma: number }) => {
    names.push(n);
    prior.push(p);
  };
  const off = { mean: 0, sigma: PRIOR_SIGMA };
  for (const [t, withQuant] of [['bw', true], ['comp', true], ['tau', false]] as const) {
    add(`${t}.base`, BASE_PRIORS[t]);
    for (const r of runtimes) add(`${t}.runtime.${r}`, off);
    for (const f of families) add(`${t}.family.${f}`, off);
    if (withQuant) for (const q of quants) add(`${t}.quant.${q}`, off);
  }
  add('hop.base', BASE_PRIORS.hop);
  return { names, index: new Map(names.map((n, i) => [n, i])), prior };
}

function tables(L: Layout, theta: number[]): CalibrationFile['params'] {
  const mk = (t: 'bw' | 'comp' | 'tau', link: FactorTable['link']): FactorTable => {
    const out: FactorTable = { link, base: 0, runtime: {}, family: {}, quant: {} };
    L.names.forEach((n, i) => {
      const [tt, kind, ...rest] = n.split('.');
      if (tt !== t) return;
      if (kind === 'base') out.base = theta[i]!;
      else out[kind as 'runtime' | 'family' | 'quant'][rest.join('.')] = theta[i]!;
    });
    return out;
  };
  return { bwEff: mk('bw', 'logit'), computeEff: mk('comp', 'log'), layerOverheadS: mk('tau', 'log'), layerSplitHopS: Math.exp(theta[L.index.get('hop.base')!]!) };
}

const predict = (params: CalibrationFile['params'], r: PreparedRow) => {
  const f: Factors = factorsFor({ params }, { runtime: r.runtimeKey, family: r.family, quantClass: r.quantClass });
  return r.predict(() => f);
};

function residuals(L: Layout, theta: number[], rows: PreparedRow[]): number[] {
  const params = tables(L, theta);
  const out = rows.map((r) => (Math.log(predict(params, r)) - Math.log(r.row.value)) / OBS_SIGMA);
  for (let i = 0; i < theta.length; i++) out.push((theta[i]! - L.prior[i]!.mean) / L.prior[i]!.sigma);
  return out;
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const piv = M[c]![c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}

const sq = (v: number[]) => v.reduce((a, x) => a + x * x, 0);

/** Levenberg–Marquardt on the stacked data + prior residuals. */
function fit(L: Layout, rows: PreparedRow[], start: number[], maxIter = 60): number[] {
  let theta = [...start];
  let r = residuals(L, theta, rows);
  let cost = sq(r);
  let mu = 1e-2;
  const h = 1e-5;
  for (let it = 0; it < maxIter; it++) {
    const J = theta.map((_, j) => {
      const t = [...theta];
      t[j]! += h;
      const rj = residuals(L, t, rows);
      return rj.map((v, i) => (v - r[i]!) / h);
    }); // J[j][i]: column-major
    const p = theta.length;
    const JtJ = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => J[a]!.reduce((s, v, i) => s + v * J[b]![i]!, 0)));
    const Jtr = J.map((col) => col.reduce((s, v, i) => s + v * r[i]!, 0));
    let improved = false;
    for (let tries = 0; tries < 10; tries++) {
      const A = JtJ.map((row, a) => row.map((v, b) => (a === b ? v * (1 + mu) + 1e-12 : v)));
      const step = solve(A, Jtr.map((v) => -v));
      const cand = theta.map((v, i) => v + step[i]!);
      const rc = residuals(L, cand, rows);
      const cc = sq(rc);
      if (Number.isFinite(cc) && cc < cost) {
        const gain = cost - cc;
        theta = cand;
        r = rc;
        cost = cc;
        mu = Math.max(mu / 3, 1e-9);
        improved = true;
        if (gain < 1e-9 * cost) return theta;
        break;
      }
      mu *= 4;
    }
    if (!improved) break;
  }
  return theta;
}

// ---- residual statistics ---------------------------------------------------
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function stats(errs: number[]): ResidualStats {
  const s = errs.map(Math.abs).sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, medianAbsPct: round(quantile(s, 0.5)), p90AbsPct: round(quantile(s, 0.9)) };
}

function grouped(rows: PreparedRow[], errs: number[]): Record<string, ResidualStats> {
  const groups = new Map<string, number[]>();
  const push = (k: string, e: number) => groups.set(k, [...(groups.get(k) ?? []), e]);
  rows.forEach((r, i) => {
    push('overall', errs[i]!);
    push(`metric:${r.row.metric}`, errs[i]!);
    push(`${r.runtimeKey}/${r.row.metric}`, errs[i]!);
    push(`runtime:${r.runtimeKey}`, errs[i]!);
  });
  return Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, stats(v)]));
}

const pctErr = (pred: number, obs: number) => (pred / obs - 1) * 100;

/** Rounds offsets for the file and adds the pooled "*" offset per group kind (support-weighted mean). */
function finishTable(t: FactorTable, support: CalibrationFile['support']): FactorTable {
  const r4 = (x: number) => Number(x.toFixed(4));
  const part = (o: Record<string, number>, s: Record<string, number>) => {
    const keys = Object.keys(o);
    const w = keys.reduce((a, k) => a + (s[k] ?? 0), 0);
    const pooled = w > 0 ? keys.reduce((a, k) => a + o[k]! * (s[k] ?? 0), 0) / w : 0;
    return Object.fromEntries([...keys.map((k) => [k, r4(o[k]!)] as const), [POOLED, r4(pooled)] as const]);
  };
  return {
    link: t.link,
    base: r4(t.base),
    runtime: part(t.runtime, support.runtime),
    family: part(t.family, support.family),
    quant: Object.keys(t.quant).length ? part(t.quant, support.quant) : {},
  };
}

function main(): void {
  const models = new Map(builtinModels.map((m) => [m.id, m]));
  const devices = loadDevices();
  const all = loadRows();
  const prepared: PreparedRow[] = [];
  const excluded: { row: number; reason: string }[] = [];
  for (const r of all) {
    const p = prepareRow(r, models, devices);
    if ('excluded' in p) excluded.push({ row: r.row, reason: `${r.gpuModel} ${r.model} ${r.quant} ${r.metric}: ${p.excluded}` });
    else prepared.push(p);
  }
  const L = layout(prepared);
  const theta0 = L.prior.map((p) => p.mean);
  const theta = fit(L, prepared, theta0, 200);
  const inSample = prepared.map((r) => pctErr(predict(tables(L, theta), r), r.row.value));

  process.stdout.write(`fitting ${prepared.length} rows (${excluded.length} excluded); leave-one-out over ${prepared.length} fits…\n`);
  const loo = prepared.map((r, i) => {
    const rest = prepared.filter((_, j) => j !== i);
    const t = fit(L, rest, theta, 40);
    return pctErr(predict(tables(L, t), r), r.row.value);
  });

  const support = { runtime: {} as Record<string, number>, family: {} as Record<string, number>, quant: {} as Record<string, number> };
  for (const r of prepared) {
    support.runtime[r.runtimeKey] = (support.runtime[r.runtimeKey] ?? 0) + 1;
    support.family[r.family] = (support.family[r.family] ?? 0) + 1;
    support.quant[r.quantClass] = (support.quant[r.quantClass] ?? 0) + 1;
  }

  const file: CalibrationFile = {
    version: VERSION,
    date: new Date().toISOString().slice(0, 10),
    method: `MAP least squares in log space (obs sigma ${OBS_SIGMA}, group prior sigma ${PRIOR_SIGMA}), Levenberg-Marquardt; residuals leave-one-out`,
    rows: { total: all.length, used: prepared.length, excluded },
    support,
    params: (() => {
      const t = tables(L, theta);
      return {
        bwEff: finishTable(t.bwEff, support),
        computeEff: finishTable(t.computeEff, support),
        layerOverheadS: finishTable(t.layerOverheadS, support),
        layerSplitHopS: Number(t.layerSplitHopS.toPrecision(4)),
      };
    })(),
    residuals: grouped(prepared, loo),
    residualsInSample: grouped(prepared, inSample),
  };
  const resolved: NonNullable<CalibrationFile['resolved']> = {};
  for (const r of prepared) {
    const key = `${r.runtimeKey} · ${r.family} · ${r.quantClass}`;
    if (resolved[key]) continue;
    const f = factorsFor(file, { runtime: r.runtimeKey, family: r.family, quantClass: r.quantClass });
    resolved[key] = { bwEff: Number(f.bwEff.toFixed(3)), computeEff: Number(f.computeEff.toFixed(3)), layerOverheadUs: Number((f.layerOverheadS * 1e6).toFixed(1)) };
  }
  file.resolved = Object.fromEntries(Object.entries(resolved).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(OUT, JSON.stringify(file, null, 2) + '\n');

  const fmt = (k: string, s: ResidualStats) => `  ${k.padEnd(28)} n=${String(s.n).padStart(3)}  median ${s.medianAbsPct.toFixed(1).padStart(5)} %  p90 ${s.p90AbsPct.toFixed(1).padStart(5)} %`;
  process.stdout.write('\nleave-one-out absolute % error:\n');
  for (const [k, s] of Object.entries(file.residuals)) process.stdout.write(fmt(k, s) + '\n');
  process.stdout.write('\nin-sample absolute % error:\n');
  for (const k of ['overall', 'metric:tg_tps', 'metric:pp_tps', 'metric:agg_tps']) if (file.residualsInSample[k]) process.stdout.write(fmt(k, file.residualsInSample[k]!) + '\n');
  process.stdout.write('\nexcluded rows:\n');
  for (const e of excluded) process.stdout.write(`  row ${e.row}: ${e.reason}\n`);
  process.stdout.write('\nper-row leave-one-out error (%):\n');
  prepared.forEach((r, i) =>
    process.stdout.write(
      `  ${String(r.row.row).padStart(3)} ${r.row.runtime.padEnd(12)} ${r.row.gpuModel.slice(0, 22).padEnd(22)} x${r.row.gpuCount} ${r.row.model.padEnd(14)} ${r.row.quant.slice(0, 12).padEnd(12)} ${r.row.metric} obs ${String(r.row.value).padStart(8)}  loo ${loo[i]!.toFixed(1).padStart(6)}  fit ${inSample[i]!.toFixed(1).padStart(6)}\n`,
    ),
  );
  process.stdout.write(`\nwrote ${OUT.replace(root(''), '')}\n`);
}

main();
