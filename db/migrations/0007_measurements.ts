// Measured speeds kept with the build they were run on: one row per llama-bench
// test or vLLM benchmark, naming the workload it measures by model, format,
// runtime and split (not by its place in the build's list, which changes), the
// hardware, and whether it calibrates this build's estimate. A build deleted
// for good takes its measurements with it; one in the trash keeps them.
import type { Migration } from './migration';

export const migration: Migration = {
  version: 7,
  name: 'measurements',
  sql: /* sql */ `
CREATE TABLE measurements (
  id INTEGER PRIMARY KEY,
  build_id INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  model_id TEXT NOT NULL CHECK (length(model_id) BETWEEN 1 AND 120),
  quant TEXT NOT NULL CHECK (length(quant) BETWEEN 1 AND 40),
  runtime TEXT NOT NULL CHECK (length(runtime) BETWEEN 1 AND 40),
  split TEXT NOT NULL CHECK (split IN ('single', 'layer', 'tensor', 'replica')),
  bench_runtime TEXT NOT NULL CHECK (bench_runtime IN ('llama.cpp', 'vllm')),
  bench_model TEXT NOT NULL CHECK (length(bench_model) BETWEEN 1 AND 300),
  metric TEXT NOT NULL CHECK (metric IN ('tg_tps', 'pp_tps', 'agg_tps')),
  prompt_tokens INTEGER NOT NULL CHECK (prompt_tokens >= 0),
  generated_tokens INTEGER NOT NULL CHECK (generated_tokens >= 0),
  depth_tokens INTEGER NOT NULL DEFAULT 0 CHECK (depth_tokens >= 0),
  tps REAL NOT NULL CHECK (tps > 0),
  stddev REAL CHECK (stddev IS NULL OR stddev >= 0),
  backend TEXT,
  bench_build TEXT,
  gpu_model TEXT NOT NULL,
  gpu_count INTEGER NOT NULL CHECK (gpu_count >= 1),
  batch INTEGER NOT NULL CHECK (batch >= 1),
  measured_on TEXT NOT NULL CHECK (measured_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source_url TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  calibrate INTEGER NOT NULL DEFAULT 0 CHECK (calibrate IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX measurements_by_build ON measurements (build_id, model_id, quant);
`,
};
