// llama-bench results: the markdown table it prints by default, `-o json`,
// `-o jsonl` and `-o csv`. Each row is one test: ppN (prompt processing of N
// tokens), tgN (generating N tokens from an empty context), or ppN+tgM; "@ dD"
// (or n_depth) runs it with D tokens already in the KV cache. Older builds
// print "pp 512" with a space.
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines } from './parseError';

const EXPECTED = 'llama-bench' as const;

export interface BenchResult {
  runtime: 'llama.cpp' | 'vllm';
  model: string;
  /** Billions of parameters as printed; null when not given. */
  paramsB: number | null;
  sizeGiB: number | null;
  backend: string | null;
  /** What the calibration file calls the metric. */
  metric: 'tg_tps' | 'pp_tps' | 'agg_tps';
  promptTokens: number;
  generatedTokens: number;
  /** Tokens already in the KV cache when the test ran (llama-bench -d); 0 = from an empty context. */
  depthTokens: number;
  /** The GPU llama-bench names (gpu_info in json/csv); null in the markdown table. */
  gpuInfo: string | null;
  tps: number;
  stddev: number | null;
  build: string | null;
  /** Where in the paste (1-based line), for messages. */
  line: number;
}

function metricOf(
  test: string,
  line: number,
  lineText: string,
): { metric: BenchResult['metric']; promptTokens: number; generatedTokens: number; depthTokens: number } {
  const pp = /pp\s*(\d+)/.exec(test);
  const tg = /tg\s*(\d+)/.exec(test);
  const depth = /@\s*d\s*(\d+)/.exec(test);
  if (!pp && !tg) throw new AsBuiltParseError(EXPECTED, line, lineText, `the test "${test}" is neither ppN nor tgN`);
  // ppN+tgM reports one rate over both; it is closest to decode once M dominates, so it is kept as tg.
  return {
    metric: tg ? 'tg_tps' : 'pp_tps',
    promptTokens: pp ? Number(pp[1]) : 0,
    generatedTokens: tg ? Number(tg[1]) : 0,
    depthTokens: depth ? Number(depth[1]) : 0,
  };
}

export function parseLlamaBench(text: string): BenchResult[] {
  const trimmed = text.trim();
  if (trimmed === '') failEmpty(EXPECTED);
  const lines = numberedLines(text);
  // -o json / -o jsonl may follow the backend's start-up lines (ggml_cuda_init …): start at the first line that opens one.
  const jsonAt = lines.findIndex((l) => /^\s*[[{]/.test(l.text));
  if (jsonAt >= 0 && !lines.slice(0, jsonAt).some((l) => /^\s*\|/.test(l.text))) {
    const body = lines.slice(jsonAt);
    // JSONL: the first line is a whole object by itself (a JSON array or a pretty-printed object never is).
    if (/^\s*\{.*\}\s*$/.test(body[0]!.text)) return fromJsonl(body);
    return fromJson(body.map((l) => l.text).join('\n'), body[0]!.n - 1);
  }
  const headerAt = lines.findIndex((l) => /^\s*\|.*\bmodel\b.*\|.*\btest\b.*\|\s*t\/s\s*\|\s*$/.test(l.text));
  if (headerAt >= 0) return fromMarkdown(lines, headerAt);
  const csvAt = lines.findIndex((l) => /(^|,)"?avg_ts"?(,|$)/.test(l.text));
  if (csvAt >= 0) return fromCsv(lines, csvAt);
  const first = firstContentLine(lines)!;
  throw new AsBuiltParseError(EXPECTED, first.n, first.text, 'no "| model | … | test | t/s |" table, JSON array or CSV header with avg_ts was found');
}

function fromMarkdown(lines: ReturnType<typeof numberedLines>, headerAt: number): BenchResult[] {
  const cols = lines[headerAt]!.text.split('|')
    .slice(1, -1)
    .map((c) => c.trim());
  const at = (name: string) => cols.indexOf(name);
  const build = lines.map((l) => /^build:\s*(\S+)/.exec(l.text.trim())?.[1]).find(Boolean) ?? null;
  const out: BenchResult[] = [];
  for (const l of lines.slice(headerAt + 1)) {
    const t = l.text.trim();
    if (t === '') continue;
    if (!t.startsWith('|')) break;
    if (/^\|[\s:|-]+\|$/.test(t)) continue;
    const cells = t
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== cols.length)
      throw new AsBuiltParseError(EXPECTED, l.n, l.text, `this row has ${cells.length} cells for ${cols.length} columns (cut short?)`);
    const ts = /^([\d.]+)(?:\s*±\s*([\d.]+))?$/.exec(cells[at('t/s')]!);
    if (!ts) throw new AsBuiltParseError(EXPECTED, l.n, l.text, `t/s "${cells[at('t/s')]}" is not a number`);
    const m = metricOf(cells[at('test')]!, l.n, l.text);
    out.push({
      runtime: 'llama.cpp',
      model: cells[at('model')]!,
      paramsB: at('params') >= 0 ? unit(cells[at('params')]!, /([\d.]+)\s*B/) : null,
      sizeGiB: at('size') >= 0 ? unit(cells[at('size')]!, /([\d.]+)\s*GiB/) : null,
      backend: at('backend') >= 0 ? cells[at('backend')]! : null,
      ...m,
      gpuInfo: null,
      tps: Number(ts[1]),
      stddev: ts[2] ? Number(ts[2]) : null,
      build,
      line: l.n,
    });
  }
  if (out.length === 0) throw new AsBuiltParseError(EXPECTED, lines[headerAt]!.n, lines[headerAt]!.text, 'the table has a header but no result rows');
  return out;
}

function unit(s: string, re: RegExp): number | null {
  const m = re.exec(s);
  return m ? Number(m[1]) : null;
}

interface BenchJson {
  model_type?: string;
  model_filename?: string;
  model_size?: number;
  model_n_params?: number;
  backends?: string;
  n_prompt?: number;
  n_gen?: number;
  n_depth?: number;
  gpu_info?: string;
  avg_ts?: number;
  stddev_ts?: number;
  build_commit?: string;
}

function fromRecord(r: BenchJson, line: number, lineText: string): BenchResult {
  if (typeof r.avg_ts !== 'number' || !Number.isFinite(r.avg_ts)) throw new AsBuiltParseError(EXPECTED, line, lineText, 'a result has no numeric avg_ts');
  const np = Number(r.n_prompt ?? 0);
  const ng = Number(r.n_gen ?? 0);
  return {
    runtime: 'llama.cpp',
    model: r.model_type ?? r.model_filename ?? 'unknown model',
    paramsB: typeof r.model_n_params === 'number' ? r.model_n_params / 1e9 : null,
    sizeGiB: typeof r.model_size === 'number' ? r.model_size / 2 ** 30 : null,
    backend: r.backends ?? null,
    metric: ng > 0 ? 'tg_tps' : 'pp_tps',
    promptTokens: np,
    generatedTokens: ng,
    depthTokens: Number(r.n_depth ?? 0),
    gpuInfo: r.gpu_info ?? null,
    tps: r.avg_ts,
    stddev: typeof r.stddev_ts === 'number' ? r.stddev_ts : null,
    build: r.build_commit ?? null,
    line,
  };
}

/** `before`: lines of the paste above the JSON, so messages name the paste's own line. */
function fromJson(text: string, before = 0): BenchResult[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const pos = /position (\d+)/.exec(String(err))?.[1];
    const line = pos ? text.slice(0, Number(pos)).split('\n').length : text.split('\n').length;
    throw new AsBuiltParseError(
      EXPECTED,
      before + line,
      text.split('\n')[line - 1] ?? '',
      `the JSON does not parse (${err instanceof Error ? err.message : String(err)}; cut short?)`,
    );
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length === 0) throw new AsBuiltParseError(EXPECTED, before + 1, text.split('\n')[0] ?? '', 'the JSON array holds no results');
  return list.map((r, i) => fromRecord((r ?? {}) as BenchJson, before + 1, `result ${i + 1}`));
}

/** -o jsonl: one result object per line. */
function fromJsonl(lines: ReturnType<typeof numberedLines>): BenchResult[] {
  return lines
    .filter((l) => l.text.trim() !== '')
    .map((l) => {
      let r: unknown;
      try {
        r = JSON.parse(l.text);
      } catch (err) {
        throw new AsBuiltParseError(EXPECTED, l.n, l.text, `this JSONL line does not parse (${err instanceof Error ? err.message : String(err)}; cut short?)`);
      }
      return fromRecord(r as BenchJson, l.n, l.text);
    });
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function fromCsv(lines: ReturnType<typeof numberedLines>, at: number): BenchResult[] {
  const header = splitCsv(lines[at]!.text);
  return lines
    .slice(at + 1)
    .filter((l) => l.text.trim() !== '')
    .map((l) => {
      const cells = splitCsv(l.text);
      if (cells.length !== header.length)
        throw new AsBuiltParseError(EXPECTED, l.n, l.text, `this row has ${cells.length} values for ${header.length} columns`);
      const rec: Record<string, string> = Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
      const n = (k: string) => (rec[k] === undefined || rec[k] === '' ? undefined : Number(rec[k]));
      return fromRecord(
        {
          model_type: rec['model_type'],
          model_size: n('model_size'),
          model_n_params: n('model_n_params'),
          backends: rec['backends'],
          gpu_info: rec['gpu_info'],
          n_prompt: n('n_prompt'),
          n_gen: n('n_gen'),
          n_depth: n('n_depth'),
          avg_ts: n('avg_ts'),
          stddev_ts: n('stddev_ts'),
          build_commit: rec['build_commit'],
        },
        l.n,
        l.text,
      );
    });
}
