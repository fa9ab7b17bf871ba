// vLLM's benchmark summaries: `benchmark_serving` prints a "Serving Benchmark
// Result" block (output token throughput over all concurrent requests);
// `benchmark_throughput` prints "Throughput: … requests/s, … tokens/s".
// Both are aggregate rates of a batched server (agg_tps), not one stream.
import type { BenchResult } from './llamaBench';
import { AsBuiltParseError, failEmpty, firstContentLine, numberedLines } from './parseError';

const EXPECTED = 'vLLM benchmark summary' as const;

export function parseVllmBench(text: string, model = 'unknown model'): BenchResult[] {
  const lines = numberedLines(text);
  const first = firstContentLine(lines);
  if (!first) failEmpty(EXPECTED);
  const field = (re: RegExp) => {
    for (const l of lines) {
      const m = re.exec(l.text);
      if (m) return { v: Number(m[1]), line: l };
    }
    return null;
  };
  const output = field(/Output token throughput \(tok\/s\):\s*([\d.]+)/i);
  const input = field(/Total input tokens:\s*(\d+)/i);
  const generated = field(/Total generated tokens:\s*(\d+)/i);
  const requests = field(/Successful requests:\s*(\d+)/i);
  if (output) {
    const perReq = (x: { v: number } | null) => (x && requests && requests.v > 0 ? Math.round(x.v / requests.v) : 0);
    return [
      {
        runtime: 'vllm',
        model,
        paramsB: null,
        sizeGiB: null,
        backend: null,
        metric: 'agg_tps',
        promptTokens: perReq(input),
        generatedTokens: perReq(generated),
        depthTokens: 0,
        gpuInfo: null,
        tps: output.v,
        stddev: null,
        build: null,
        line: output.line.n,
      },
    ];
  }
  const thr = lines
    .map((l) => ({ l, m: /^Throughput:\s*([\d.]+)\s*requests\/s,\s*([\d.]+)\s*(?:total )?tokens\/s(?:,\s*([\d.]+)\s*output tokens\/s)?/i.exec(l.text.trim()) }))
    .find((x) => x.m);
  if (thr?.m) {
    const out = thr.m[3] ? Number(thr.m[3]) : Number(thr.m[2]);
    return [
      {
        runtime: 'vllm',
        model,
        paramsB: null,
        sizeGiB: null,
        backend: null,
        metric: 'agg_tps',
        promptTokens: 0,
        generatedTokens: 0,
        depthTokens: 0,
        gpuInfo: null,
        tps: out,
        stddev: null,
        build: null,
        line: thr.l.n,
      },
    ];
  }
  // The 2023 benchmark_serving printed requests/s only: there is no token rate to keep.
  const reqOnly = lines.find((l) => /^\s*Throughput:\s*[\d.]+\s*requests\/s\s*$/i.test(l.text));
  if (reqOnly)
    throw new AsBuiltParseError(
      EXPECTED,
      reqOnly.n,
      reqOnly.text,
      'this summary gives requests/s only, no tokens/s (an old benchmark_serving); run vllm bench serve, which prints "Output token throughput (tok/s)"',
    );
  throw new AsBuiltParseError(
    EXPECTED,
    first.n,
    first.text,
    'no "Output token throughput (tok/s):" line (benchmark_serving) or "Throughput: … tokens/s" line (benchmark_throughput) was found',
  );
}
