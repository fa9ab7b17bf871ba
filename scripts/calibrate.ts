// `npm run calibrate`: fits the performance model's efficiency factors to the
// published measurements in assets/calibration/ and writes
// core/perf/calibration.v1.json and the generated tables of
// docs/performance-model.md. Prints cross-validated residuals.
//
// Method: maximum a-posteriori least squares in log space. Each efficiency is
// base × runtime × device-family × quantisation-class (× family-format)
// multipliers; the multipliers have a prior centred on 1 (log-normal) so sparse
// groups shrink toward the pooled value instead of chasing single rows. Hop
// cost per interconnect class with a GPU-count exponent, a dequantisation rate
// and the layer-split prefill stall are fitted the same way. Solved with
// Levenberg–Marquardt. Residuals are cross-validated three ways: leave one
// row out, leave one configuration (source × GPU × count × runtime) out, and
// leave one device family out. Rows of one box share their errors, so only the
// last two say how the model does on hardware it has not seen; the bands shown
// with every estimate are sized from the configuration-level residuals.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { builtinModels } from '#core/models/library';
import type { DeviceSpec } from '#core/perf/device';
import { builtinParts } from '#core/catalog/builtin';
import type { PartOf } from '#core/catalog/part';
import { deviceFromGpuPart } from '#core/perf/fromCatalog';
import { prepareRow, type MeasurementRow, type Metric, type PreparedRow } from '#core/perf/measurement';
import {
  DEQUANTISED,
  POOLED,
  factorsFor,
  type BandBasis,
  type CalibrationFile,
  type CrossValidation,
  type FactorTable,
  type Factors,
  type ResidualStats,
} from '#core/perf/calibration';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const OUT = root('core/perf/calibration.v1.json');
const VERSION = 2;
const DOC = root('docs/performance-model.md');

/** Spread of a group multiplier around 1 in log space (±0.5 ≈ ×0.6…×1.65): how far a group may move from the pool. */
const PRIOR_SIGMA = 0.5;
/** Family × format interactions shrink harder: most pairs have a handful of rows. */
const INTERACTION_SIGMA = 0.3;
/** Expected scatter of one published figure around the truth in log space (~15 %: runs, drivers, power caps). */
const OBS_SIGMA = 0.15;
/** Weak priors for the bases: typical values in log space with wide spread. */
const logit = (p: number) => Math.log(p / (1 - p));
const BASE_PRIORS = {
  bw: { mean: logit(0.8), sigma: 1.5 },
  comp: { mean: Math.log(0.5), sigma: 1.5 },
  tau: { mean: Math.log(1e-4), sigma: 2 },
  hop: { mean: Math.log(3e-4), sigma: 1 },
  // Dequantisation rate as a share of the spec fp16 rate (weights unpacked per FLOP).
  dq: { mean: Math.log(0.1), sigma: 1.5 },
  // Public multi-GPU runs: per-boundary cost shrinks as GPUs are added; centred on ∝ 1/√n.
  gamma: { mean: 0.5, sigma: 0.5 },
  // Layer-split prefill stall: between ideal pipelining (0) and none (1).
  stall: { mean: 0, sigma: 1.5 },
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
    note: `${r.source_note} ${r.interconnect_note} ${r.runtime_version_or_date}`,
    sourceUrl: r.source_url!,
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
  const pairs = [...new Set(rows.map((r) => `${r.family}|${r.quantClass}`))].sort();
  const hops = [...new Set(rows.flatMap((r) => (r.hopClass ? [r.hopClass] : [])))].sort();
  const dqRows = rows.filter((r) => DEQUANTISED.includes(r.quantClass));
  const dqRuntimes = [...new Set(dqRows.map((r) => r.runtimeKey))].sort();
  const dqFamilies = [...new Set(dqRows.map((r) => r.family))].sort();
  const names: string[] = [];
  const prior: { mean: number; sigma: number }[] = [];
  const add = (n: string, p: { mean: number; sigma: number }) => {
    names.push(n);
    prior.push(p);
  };
  const off = { mean: 0, sigma: PRIOR_SIGMA };
  for (const [t, withQuant] of [
    ['bw', true],
    ['comp', true],
    ['tau', false],
  ] as const) {
    add(`${t}.base`, BASE_PRIORS[t]);
    for (const r of runtimes) add(`${t}.runtime.${r}`, off);
    for (const f of families) add(`${t}.family.${f}`, off);
    if (withQuant) for (const q of quants) add(`${t}.quant.${q}`, off);
  }
  for (const pq of pairs) add(`bw.familyQuant.${pq}`, { mean: 0, sigma: INTERACTION_SIGMA });
  add('dq.base', BASE_PRIORS.dq);
  for (const r of dqRuntimes) add(`dq.runtime.${r}`, off);
  for (const f of dqFamilies) add(`dq.family.${f}`, off);
  add('hop.base', BASE_PRIORS.hop);
  for (const h of hops) add(`hop.cls.${h}`, off);
  add('hop.gamma', BASE_PRIORS.gamma);
  add('stall', BASE_PRIORS.stall);
  return { names, index: new Map(names.map((n, i) => [n, i])), prior };
}

type Params = CalibrationFile['params'];

function tables(L: Layout, theta: number[]): Params {
  const mk = (t: 'bw' | 'comp' | 'tau' | 'dq', link: FactorTable['link']): FactorTable => {
    const out: FactorTable = { link, base: 0, runtime: {}, family: {}, quant: {}, ...(t === 'bw' ? { familyQuant: {} } : {}) };
    L.names.forEach((n, i) => {
      const [tt, kind, ...rest] = n.split('.');
      if (tt !== t) return;
      if (kind === 'base') out.base = theta[i]!;
      else (out[kind as 'runtime' | 'family' | 'quant' | 'familyQuant'] ??= {})[rest.join('.')] = theta[i]!;
    });
    return out;
  };
  const at = (n: string) => theta[L.index.get(n)!]!;
  const cls: Record<string, number> = {};
  L.names.forEach((n, i) => {
    if (n.startsWith('hop.cls.')) cls[n.slice('hop.cls.'.length)] = theta[i]!;
  });
  return {
    bwEff: mk('bw', 'logit'),
    computeEff: mk('comp', 'log'),
    layerOverheadS: mk('tau', 'log'),
    dequantEff: mk('dq', 'log'),
    layerSplitHopS: Math.exp(at('hop.base')),
    hop: { base: at('hop.base'), cls, gpuExponent: at('hop.gamma') },
    prefillStall: 1 / (1 + Math.exp(-at('stall'))),
  };
}

const keyOf = (r: PreparedRow) => ({
  runtime: r.runtimeKey,
  family: r.family,
  quantClass: r.quantClass,
  ...(r.hopClass ? { hopClass: r.hopClass, gpus: r.gpus } : {}),
});

const predict = (params: Params, r: PreparedRow) => {
  const f: Factors = factorsFor({ params }, keyOf(r));
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
      const step = solve(
        A,
        Jtr.map((v) => -v),
      );
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

const round1 = (x: number) => Math.round(x * 10) / 10;

function stats(errs: number[], configs?: readonly string[]): ResidualStats {
  const s = errs.map(Math.abs).sort((a, b) => a - b);
  const signed = [...errs].sort((a, b) => a - b);
  return {
    n: s.length,
    medianAbsPct: round1(quantile(s, 0.5)),
    p90AbsPct: round1(quantile(s, 0.9)),
    p05Pct: round1(quantile(signed, 0.05)),
    p95Pct: round1(quantile(signed, 0.95)),
    ...(configs ? { configurations: new Set(configs).size } : {}),
  };
}

function grouped(rows: PreparedRow[], errs: number[]): Record<string, ResidualStats> {
  const groups = new Map<string, number[]>();
  const cfgs = new Map<string, string[]>();
  const push = (k: string, e: number, c: string) => {
    groups.set(k, [...(groups.get(k) ?? []), e]);
    cfgs.set(k, [...(cfgs.get(k) ?? []), c]);
  };
  rows.forEach((r, i) => {
    const c = r.configuration;
    push('overall', errs[i]!, c);
    push(`metric:${r.row.metric}`, errs[i]!, c);
    push(`${r.runtimeKey}/${r.row.metric}`, errs[i]!, c);
    push(`runtime:${r.runtimeKey}`, errs[i]!, c);
    push(`family:${r.family}/${r.row.metric}`, errs[i]!, c);
  });
  return Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, stats(v, cfgs.get(k))]));
}

const pctErr = (pred: number, obs: number) => (pred / obs - 1) * 100;

/** Rounds offsets for the file and adds the pooled "*" offset per group kind (support-weighted mean). */
function finishTable(t: FactorTable, support: CalibrationFile['support'], dqSupport?: CalibrationFile['support']): FactorTable {
  const r4 = (x: number) => Number(x.toFixed(4));
  const sup = dqSupport ?? support;
  const part = (o: Record<string, number>, s: Record<string, number>) => {
    const keys = Object.keys(o);
    const w = keys.reduce((a, k) => a + (s[k] ?? 0), 0);
    const pooled = w > 0 ? keys.reduce((a, k) => a + o[k]! * (s[k] ?? 0), 0) / w : 0;
    return Object.fromEntries([...keys.map((k) => [k, r4(o[k]!)] as const), [POOLED, r4(pooled)] as const]);
  };
  return {
    link: t.link,
    base: r4(t.base),
    runtime: part(t.runtime, sup.runtime),
    family: part(t.family, sup.family),
    quant: Object.keys(t.quant).length ? part(t.quant, sup.quant) : {},
    ...(t.familyQuant ? { familyQuant: Object.fromEntries(Object.entries(t.familyQuant).map(([k, v]) => [k, r4(v)])) } : {}),
  };
}

/** Fits without each fold and predicts the fold: signed % error per row. */
function crossValidate(L: Layout, rows: PreparedRow[], theta: number[], foldOf: (r: PreparedRow) => string, iters: number): number[] {
  const errs = new Array<number>(rows.length);
  const folds = [...new Set(rows.map(foldOf))];
  for (const f of folds) {
    const rest = rows.filter((r) => foldOf(r) !== f);
    const t = tables(L, fit(L, rest, theta, iters));
    rows.forEach((r, i) => {
      if (foldOf(r) === f) errs[i] = pctErr(predict(t, r), r.row.value);
    });
  }
  return errs;
}

const METRICS = ['tg_tps', 'pp_tps', 'agg_tps'] as const;

/** Target share of unseen configurations' rows inside the shown band. */
const BAND_COVERAGE = 0.9;

/** [lo, hi] of log(1 + e) at the 5th/95th percentile, widened about its middle by k. */
function logBand(errsPct: number[], k: number): [number, number] {
  const r = errsPct.map((e) => Math.log(1 + e / 100)).sort((a, b) => a - b);
  const lo = quantile(r, 0.05);
  const hi = quantile(r, 0.95);
  const grow = ((k - 1) * (hi - lo)) / 2;
  return [lo - grow, hi + grow];
}

/**
 * The shown band per metric: the 5th–95th percentile of configuration-level
 * residuals, widened by the smallest factor k for which, checked nested (each
 * configuration's rows against a band sized from the other configurations
 * only), about 90 % of rows of unseen configurations fall inside.
 */
function bandBases(rows: PreparedRow[], errs: number[], scheme: 'configuration' | 'family' = 'configuration'): Record<string, BandBasis> {
  const unit = (r: PreparedRow) => (scheme === 'configuration' ? r.configuration : r.family);
  const out: Record<string, BandBasis> = {};
  for (const m of METRICS) {
    const idx = rows.map((r, i) => (r.row.metric === m ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const e = idx.map((i) => errs[i]!);
    const configs = [...new Set(idx.map((i) => unit(rows[i]!)))];
    const nested = (k: number) => {
      let inside = 0;
      for (const c of configs) {
        const others = idx.filter((i) => unit(rows[i]!) !== c).map((i) => errs[i]!);
        if (others.length === 0) continue;
        const [lo, hi] = logBand(others, k);
        for (const i of idx) if (unit(rows[i]!) === c && Math.log(1 + errs[i]! / 100) >= lo && Math.log(1 + errs[i]! / 100) <= hi) inside++;
      }
      return inside / idx.length;
    };
    let k = 1;
    while (nested(k) < BAND_COVERAGE && k < 4) k = Number((k + 0.05).toFixed(2));
    const [lo, hi] = logBand(e, k);
    out[m] = {
      metric: m,
      scheme,
      n: idx.length,
      configurations: scheme === 'configuration' ? configs.length : new Set(idx.map((i) => rows[i]!.configuration)).size,
      ...(scheme === 'family' ? { families: configs.length } : {}),
      p05Pct: round1((Math.exp(lo) - 1) * 100),
      p95Pct: round1((Math.exp(hi) - 1) * 100),
      widen: k,
      coverage: Number(nested(k).toFixed(3)),
      coverageUnwidened: Number(nested(1).toFixed(3)),
      residualsPct: e.map(round1),
    };
  }
  return out;
}

function supportOf(rows: PreparedRow[]): CalibrationFile['support'] {
  const support = {
    runtime: {} as Record<string, number>,
    family: {} as Record<string, number>,
    quant: {} as Record<string, number>,
    hop: {} as Record<string, number>,
  };
  for (const r of rows) {
    support.runtime[r.runtimeKey] = (support.runtime[r.runtimeKey] ?? 0) + 1;
    support.family[r.family] = (support.family[r.family] ?? 0) + 1;
    support.quant[r.quantClass] = (support.quant[r.quantClass] ?? 0) + 1;
    if (r.hopClass) support.hop[r.hopClass] = (support.hop[r.hopClass] ?? 0) + 1;
  }
  return support;
}

// ---- generated documentation tables ----------------------------------------
const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(1)} %`);

function docTables(
  file: CalibrationFile,
  rows: PreparedRow[],
  cv: Record<'row' | 'configuration' | 'family', number[]>,
  inSample: number[],
  roofline: number[],
): string {
  const out: string[] = [];
  const p = file.params;
  const exp = (x: number) => Math.exp(x);
  out.push(
    `Calibration v${file.version} (${file.date}): ${file.rows.used} of ${file.rows.total} rows used, ${rows.filter((r) => r.row.metric === 'tg_tps').length} decode, ${rows.filter((r) => r.row.metric === 'pp_tps').length} prefill, ${rows.filter((r) => r.row.metric === 'agg_tps').length} serving; ${new Set(rows.map((r) => r.configuration)).size} configurations, ${new Set(rows.map((r) => r.family)).size} device families.`,
  );
  out.push('');
  out.push('### Fitted terms');
  out.push('');
  out.push('| term | value |');
  out.push('|---|---|');
  out.push(`| bandwidth efficiency, pooled base | ${(100 / (1 + Math.exp(-p.bwEff.base))).toFixed(0)} % of spec |`);
  out.push(`| compute efficiency, pooled base | ${(100 * exp(p.computeEff.base)).toFixed(0)} % of spec matmul rate |`);
  out.push(`| overhead per layer per pass, pooled base | ${(1e6 * exp(p.layerOverheadS.base)).toFixed(1)} µs |`);
  if (p.dequantEff) out.push(`| dequantisation rate, pooled base | ${(100 * exp(p.dequantEff.base)).toFixed(1)} % of spec fp16 rate per weight |`);
  if (p.hop) {
    for (const [c, v] of Object.entries(p.hop.cls).filter(([k]) => k !== POOLED))
      out.push(
        `| layer-split hop, ${c} (2 GPUs → 4 → 8) | ${[2, 4, 8].map((n) => (1e3 * exp(p.hop!.base + v) * Math.pow(n / 2, -p.hop!.gpuExponent)).toFixed(3)).join(' → ')} ms per boundary (${file.support.hop?.[c] ?? 0} rows) |`,
      );
    out.push(`| hop GPU-count exponent γ (cost ∝ (n/2)^−γ) | ${p.hop.gpuExponent.toFixed(2)} |`);
  }
  if (p.prefillStall !== undefined) out.push(`| layer-split prefill stall (0 = ideal pipeline, 1 = none) | ${p.prefillStall.toFixed(2)} |`);
  out.push('');
  out.push('Resolved factors per runtime · device family · format (rows the fit saw):');
  out.push('');
  out.push('| runtime · family · format | bandwidth eff. | compute eff. | µs / layer | dequant eff. |');
  out.push('|---|---:|---:|---:|---:|');
  for (const [k, v] of Object.entries(file.resolved ?? {}))
    out.push(
      `| ${k} | ${(v.bwEff * 100).toFixed(0)} % | ${(v.computeEff * 100).toFixed(0)} % | ${v.layerOverheadUs} | ${v.dequantEff === undefined ? '—' : `${(v.dequantEff * 100).toFixed(1)} %`} |`,
    );
  out.push('');
  out.push('### Cross-validation');
  out.push('');
  out.push(
    'Absolute error of predicted vs published tokens/s, median / 90th percentile. *Row*: each row predicted by a fit without it. *Configuration*: without every row of its source × GPU × count × runtime. *Family*: without every row of its device family (what an uncalibrated family looks like). *Roofline*: spec bandwidth (decode) or spec matmul rate (prefill) times one constant fitted on all rows, for comparison.',
  );
  out.push('');
  out.push('| metric · runtime | rows | configs | in-sample | row | configuration | family | roofline × constant |');
  out.push('|---|---:|---:|---|---|---|---|---|');
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    for (const k of [`${r.row.metric}`, `${r.row.metric} · ${r.runtimeKey}`]) groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  const sorted = [...groups.keys()].sort();
  for (const k of sorted) {
    const idx = groups.get(k)!;
    const cell = (e: number[]) => {
      const s = stats(idx.map((i) => e[i]!));
      return `${pct(s.medianAbsPct)} / ${pct(s.p90AbsPct)}`;
    };
    out.push(
      `| ${k.includes('·') ? k : `**${k}** (all)`} | ${idx.length} | ${new Set(idx.map((i) => rows[i]!.configuration)).size} | ${cell(inSample)} | ${cell(cv.row)} | ${cell(cv.configuration)} | ${cell(cv.family)} | ${cell(roofline)} |`,
    );
  }
  out.push('');
  out.push('By device family (configuration-level residuals, median / p90 absolute):');
  out.push('');
  out.push('| device family | decode rows | decode | prefill rows | prefill |');
  out.push('|---|---:|---|---:|---|');
  for (const fam of [...new Set(rows.map((r) => r.family))].sort()) {
    const cell = (m: string) => {
      const idx = rows.map((r, i) => (r.family === fam && r.row.metric === m ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) return ['0', '—'];
      const s = stats(idx.map((i) => cv.configuration[i]!));
      return [String(idx.length), `${pct(s.medianAbsPct)} / ${pct(s.p90AbsPct)}`];
    };
    const [dn, d] = cell('tg_tps');
    const [pn, pp] = cell('pp_tps');
    out.push(`| ${fam} | ${dn} | ${d} | ${pn} | ${pp} |`);
  }
  out.push('');
  out.push('### Bands');
  out.push('');
  out.push(
    "The band shown with an estimate is [value ÷ (1 + p95), value ÷ (1 + p05)], where p05 / p95 are the signed 5th / 95th percentiles of (predicted ÷ measured − 1) over the configuration-level residuals of that metric, widened about their middle (in log space) by the smallest factor *k* that puts about 90 % of unseen configurations' rows inside. *Coverage* is checked nested: the rows of each configuration against a band sized from the other configurations only.",
  );
  out.push('');
  out.push(
    '| metric | rows | configurations | band low side (p05) | band high side (p95) | widening k | coverage on left-out configurations (k = 1 → shown k) |',
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const b of [...Object.values(file.bands ?? {}), ...Object.values(file.bandsUnmeasuredFamily ?? {})])
    out.push(
      `| ${b.metric}${b.scheme === 'family' ? ` (device family never measured: roofline fallback, ${b.families} families)` : ''} | ${b.n} | ${b.configurations} | ${pct(b.p05Pct)} | ${pct(b.p95Pct)} | ${b.widen.toFixed(2)} | ${(b.coverageUnwidened * 100).toFixed(0)} % → ${(b.coverage * 100).toFixed(0)} % |`,
    );
  out.push('');
  out.push('<details><summary>Every row (signed % error: in-sample, row, configuration, family)</summary>');
  out.push('');
  out.push('| row | runtime | GPU | × | model | format | metric | published | in-sample | row | config | family |');
  out.push('|---:|---|---|---:|---|---|---|---:|---:|---:|---:|---:|');
  rows.forEach((r, i) =>
    out.push(
      `| ${r.row.row} | ${r.runtimeKey} | ${r.row.gpuModel} | ${r.row.gpuCount} | ${r.row.model} | ${r.row.quant} | ${r.row.metric} | ${r.row.value} | ${inSample[i]!.toFixed(1)} | ${cv.row[i]!.toFixed(1)} | ${cv.configuration[i]!.toFixed(1)} | ${cv.family[i]!.toFixed(1)} |`,
    ),
  );
  out.push('');
  out.push('</details>');
  return out.join('\n');
}

/** One constant × the roofline (spec bandwidth for decode, spec matmul rate for prefill/serving), fitted on all rows. */
function rooflineErrors(rows: PreparedRow[]): number[] {
  const unit: Params = {
    bwEff: { link: 'logit', base: 30, runtime: {}, family: {}, quant: {} },
    computeEff: { link: 'log', base: 0, runtime: {}, family: {}, quant: {} },
    layerOverheadS: { link: 'log', base: -100, runtime: {}, family: {}, quant: {} },
    layerSplitHopS: 0,
    prefillStall: 0,
  };
  const raw = rows.map((r) => predict(unit, r));
  const errs = new Array<number>(rows.length);
  for (const m of METRICS) {
    const idx = rows.map((r, i) => (r.row.metric === m ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    // Least squares in log space: the constant is the geometric mean ratio.
    const c = Math.exp(idx.reduce((a, i) => a + Math.log(rows[i]!.row.value / raw[i]!), 0) / idx.length);
    for (const i of idx) errs[i] = pctErr(raw[i]! * c, rows[i]!.row.value);
  }
  return errs;
}

function writeDoc(tablesMd: string): void {
  const BEGIN = '<!-- calibration:begin (generated by npm run calibrate) -->';
  const END = '<!-- calibration:end -->';
  const doc = readFileSync(DOC, 'utf8');
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/performance-model.md has no ${BEGIN} … ${END} block`);
  writeFileSync(DOC, doc.slice(0, a + BEGIN.length) + '\n' + tablesMd + '\n' + doc.slice(b));
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

  const configs = new Set(prepared.map((r) => r.configuration)).size;
  process.stdout.write(
    `fitting ${prepared.length} rows (${excluded.length} excluded), ${L.names.length} parameters; cross-validating over ${prepared.length} rows, ${configs} configurations, ${new Set(prepared.map((r) => r.family)).size} families…\n`,
  );
  const cv = {
    row: crossValidate(L, prepared, theta, (r) => String(r.row.row), 30),
    configuration: crossValidate(L, prepared, theta, (r) => r.configuration, 60),
    family: crossValidate(L, prepared, theta, (r) => r.family, 60),
  };
  const roofline = rooflineErrors(prepared);

  const support = supportOf(prepared);
  const dqSupport = supportOf(prepared.filter((r) => DEQUANTISED.includes(r.quantClass)));
  const t = tables(L, theta);
  const file: CalibrationFile = {
    version: VERSION,
    date: new Date().toISOString().slice(0, 10),
    method: `MAP least squares in log space (obs sigma ${OBS_SIGMA}, group prior sigma ${PRIOR_SIGMA}, family×format sigma ${INTERACTION_SIGMA}), Levenberg-Marquardt; residuals cross-validated by row, configuration and device family; bands from configuration-level residuals`,
    rows: { total: all.length, used: prepared.length, excluded },
    support,
    params: {
      bwEff: finishTable(t.bwEff, support),
      computeEff: finishTable(t.computeEff, support),
      layerOverheadS: finishTable(t.layerOverheadS, support),
      dequantEff: finishTable(t.dequantEff!, support, dqSupport),
      layerSplitHopS: Number(t.layerSplitHopS.toPrecision(4)),
      hop: {
        base: Number(t.hop!.base.toFixed(4)),
        cls: finishTable({ link: 'log', base: 0, runtime: {}, family: t.hop!.cls, quant: {} }, { runtime: {}, family: support.hop ?? {}, quant: {} }).family,
        gpuExponent: Number(t.hop!.gpuExponent.toFixed(4)),
      },
      prefillStall: Number(t.prefillStall!.toFixed(4)),
    },
    residuals: grouped(prepared, cv.row),
    residualsInSample: grouped(prepared, inSample),
    crossValidation: (['row', 'configuration', 'family'] as const).map((scheme): CrossValidation => ({
      scheme,
      folds: new Set(prepared.map((r) => (scheme === 'row' ? String(r.row.row) : scheme === 'configuration' ? r.configuration : r.family))).size,
      residuals: grouped(prepared, cv[scheme]),
    })),
    bands: bandBases(prepared, cv.configuration),
    bandsUnmeasuredFamily: bandBases(prepared, cv.family, 'family'),
  };
  const resolved: NonNullable<CalibrationFile['resolved']> = {};
  for (const r of prepared) {
    const key = `${r.runtimeKey} · ${r.family} · ${r.quantClass}`;
    if (resolved[key]) continue;
    const f = factorsFor(file, { runtime: r.runtimeKey, family: r.family, quantClass: r.quantClass });
    resolved[key] = {
      bwEff: Number(f.bwEff.toFixed(3)),
      computeEff: Number(f.computeEff.toFixed(3)),
      layerOverheadUs: Number((f.layerOverheadS * 1e6).toFixed(1)),
      ...(f.dequantEff !== null ? { dequantEff: Number(f.dequantEff.toFixed(4)) } : {}),
    };
  }
  file.resolved = Object.fromEntries(Object.entries(resolved).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(OUT, JSON.stringify(file, null, 2) + '\n');
  writeDoc(docTables(file, prepared, cv, inSample, roofline));

  const fmt = (k: string, s: ResidualStats) =>
    `  ${k.padEnd(34)} n=${String(s.n).padStart(3)}  median ${s.medianAbsPct.toFixed(1).padStart(5)} %  p90 ${s.p90AbsPct.toFixed(1).padStart(5)} %`;
  for (const c of file.crossValidation!) {
    process.stdout.write(`\n${c.scheme}-level cross-validation (${c.folds} folds), absolute % error:\n`);
    for (const k of ['overall', 'metric:tg_tps', 'metric:pp_tps', 'metric:agg_tps']) if (c.residuals[k]) process.stdout.write(fmt(k, c.residuals[k]!) + '\n');
  }
  process.stdout.write('\nin-sample absolute % error:\n');
  for (const k of ['overall', 'metric:tg_tps', 'metric:pp_tps', 'metric:agg_tps'])
    if (file.residualsInSample[k]) process.stdout.write(fmt(k, file.residualsInSample[k]!) + '\n');
  const rf = grouped(prepared, roofline);
  process.stdout.write('\nroofline × one constant per metric, absolute % error:\n');
  for (const k of ['metric:tg_tps', 'metric:pp_tps', 'metric:agg_tps']) if (rf[k]) process.stdout.write(fmt(k, rf[k]!) + '\n');
  process.stdout.write('\nbands (configuration-level, nested coverage):\n');
  for (const b of Object.values(file.bands!))
    process.stdout.write(
      `  ${b.metric.padEnd(8)} n=${b.n} configs=${b.configurations} p05 ${b.p05Pct} % p95 ${b.p95Pct} % widen ×${b.widen} coverage ${(b.coverageUnwidened * 100).toFixed(0)} % → ${(b.coverage * 100).toFixed(0)} %\n`,
    );
  process.stdout.write('\nexcluded rows:\n');
  for (const e of excluded) process.stdout.write(`  row ${e.row}: ${e.reason}\n`);
  process.stdout.write(`\nwrote ${OUT.replace(root(''), '')} and the tables in docs/performance-model.md\n`);
}

main();
